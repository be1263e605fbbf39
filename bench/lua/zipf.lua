-- Paths drawn beforehand from a Zipf law (a file of paths, one a line), each
-- thread starting at its own place. With BENCH_COOKIES, each request carries
-- one of those readers' cookies; without, every request is a brand-new reader.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  table.insert(paths, line)
end
local cookies = {}
if os.getenv("BENCH_COOKIES") then
  for line in io.lines(os.getenv("BENCH_COOKIES")) do
    table.insert(cookies, line)
  end
end
local counter = 0

function init(args)
  math.randomseed(os.time() + math.random(100000))
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  if #cookies > 0 then
    return wrk.format("GET", paths[counter], {["Cookie"] = cookies[math.random(#cookies)]})
  end
  return wrk.format("GET", paths[counter])
end
