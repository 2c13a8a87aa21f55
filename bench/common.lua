-- Shared by the bench/*.lua wrk scripts (loaded with dofile by each of them).
-- Counts every non-2xx response per thread and prints one machine-readable line that
-- bench/run parses:
--   BENCH requests=N duration_us=N rps=X p50_us=N p99_us=N non2xx=N connect=N read=N write=N timeout=N status_errors=N
-- Defining response() makes wrk parse each response; every scenario loads this file, so
-- all of them pay the same client-side cost and their throughputs stay comparable.

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

non2xx = 0
first_bad = nil

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if first_bad == nil then
         first_bad = status .. " " .. string.sub(body or "", 1, 200)
      end
   end
end

function done(summary, latency, requests)
   local bad = 0
   local sample = nil
   for _, t in ipairs(threads) do
      bad = bad + (t:get("non2xx") or 0)
      if sample == nil then sample = t:get("first_bad") end
   end
   local e = summary.errors
   local secs = summary.duration / 1e6
   io.write(string.format(
      "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d status_errors=%d\n",
      summary.requests, summary.duration, summary.requests / secs,
      latency:percentile(50), latency:percentile(99), bad,
      e.connect, e.read, e.write, e.timeout, e.status))
   if sample ~= nil then
      io.write("BENCH_FIRST_BAD " .. string.gsub(sample, "\n", " ") .. "\n")
   end
end
