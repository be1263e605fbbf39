-- Shared by every row: print one JSON line of figures when the run ends.
-- Scripts that check bodies count leaks in a per-thread global, gathered here.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local leaks = 0
  for _, thread in ipairs(threads) do
    leaks = leaks + (thread:get("leaks") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "leaks": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout, leaks))
end
