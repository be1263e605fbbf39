-- No cookie at all: every request is a brand-new anonymous reader.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
