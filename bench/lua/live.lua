-- Readers polling a live blog: each request is one reader's cookie (BENCH_COOKIES) asking for
-- the entries after the one they have (BENCH_PATHS, most of them the newest), each in turn.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local cookies, paths = {}, {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do
  table.insert(cookies, line)
end
for line in io.lines(os.getenv("BENCH_PATHS")) do
  table.insert(paths, line)
end
local reader, poll = 0, 0

function init(args)
  reader = math.random(#cookies)
  poll = math.random(#paths)
end

function request()
  reader = reader % #cookies + 1
  poll = poll % #paths + 1
  return wrk.format("GET", paths[poll], {["Cookie"] = cookies[reader]})
end

