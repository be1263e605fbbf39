-- Each request carries one of many readers' own cookie (a file of Cookie header values).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local cookies = {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do
  table.insert(cookies, line)
end
local counter = 0

function init(args)
  counter = math.random(#cookies)
end

function request()
  counter = counter % #cookies + 1
  return wrk.format("GET", nil, {["Cookie"] = cookies[counter]})
end
