-- One reader past the month's limit; every body is searched for withheld text.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local cookie = io.open(os.getenv("BENCH_COOKIES")):read("*l")
local withheld = {}
for line in io.lines(os.getenv("BENCH_WITHHELD")) do
  table.insert(withheld, line)
end
leaks = 0

function request()
  return wrk.format("GET", nil, {["Cookie"] = cookie})
end

function response(status, headers, body)
  for _, text in ipairs(withheld) do
    if body:find(text, 1, true) then
      leaks = leaks + 1
      return
    end
  end
end
