-- POST /gate/vz/{token}/plate: a camera's plate push (../shared/GATE-PROTOCOL.md), each one a
-- real decision and a durable insert. Every push has a plateid and a visitor plate of its own;
-- a plate whose entry was answered "ok" is sent next to the exit camera (within the tariff's free
-- minutes, so it leaves free), so the lot neither fills with "already inside" refusals nor holds
-- exits without an entry. Entries and exits alternate once the first entries are in.
--
-- The host comes from the wrk URL; the cameras from the script arguments (defaults: the demo's):
--   wrk … -s gate_push.lua http://127.0.0.1:PORT/ -- ENTRY_PATH ENTRY_SERIALNO [EXIT_PATH EXIT_SERIALNO]
-- EXIT_PATH "-" sends entries only. A reply that is not 200 with info "ok" or "no" counts as bad
-- (non2xx in the BENCH line). done() adds one line for bench/run:
--   GATE entries=N exits=N ok=N no=N
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local counter = 0
local base_id = 0
local pending = {}          -- plateid -> { plate = …, entry = bool }, until its reply
local exits, head, tail = {}, 1, 0  -- plates inside, waiting to be sent to the exit camera
local body_fmt = '{"AlarmInfoPlate":{"channel":0,"deviceName":"IVS","ipaddr":"127.0.0.1","serialno":"%s",' ..
   '"result":{"PlateResult":{"license":"%s","colorType":1,"type":1,"confidence":95,' ..
   '"timeStamp":{"Timeval":{"sec":%d,"usec":%d}},"triggerType":8,"plateid":%d,"isoffline":0,' ..
   '"gioouts":[{"ionum":"0","ctrltype":0}]}}}}'
local digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

n_entries, n_exits, n_ok, n_no = 0, 0, 0, 0

-- 粵E and six letters or digits. 1000003 is prime to 36^6 (> every plateid made here), so
-- distinct plateids give distinct plates, scattered rather than in sequence.
local function plate_of(plateid)
   local v = (plateid * 1000003) % 2176782336
   local s = ""
   for _ = 1, 6 do
      local d = v % 36
      s = digits:sub(d + 1, d + 1) .. s
      v = (v - d) / 36
   end
   return "粵E" .. s
end

function init(args)
   entry_path = args[1] or "/gate/vz/demo-entry-token/plate"
   entry_serial = args[2] or "demo-entry-0001"
   exit_path = args[3] or "/gate/vz/demo-exit-token/plate"
   exit_serial = args[4] or "demo-exit-0001"
   if exit_path == "-" then exit_path = nil end
   -- Distinct per thread (id from setup(), < 8) and per run (the clock, 200 s round), below 2^31
   -- like a camera's counter; a run of up to a million pushes a thread stays inside its range.
   base_id = ((os.time() % 200) * 8 + (id or 0)) * 1000000
   headers = {}
   for k, v in pairs(wrk.headers) do headers[k] = v end
   headers["Content-Type"] = "application/Json"
end

function request()
   counter = counter + 1
   local plateid = base_id + counter
   local path, serial, plate, entry
   if exit_path and head <= tail then
      plate = exits[head]
      exits[head] = nil
      head = head + 1
      path, serial, entry = exit_path, exit_serial, false
      n_exits = n_exits + 1
   else
      plate = plate_of(plateid)
      path, serial, entry = entry_path, entry_serial, true
      n_entries = n_entries + 1
   end
   pending[plateid] = { plate = plate, entry = entry }
   local body = string.format(body_fmt, serial, plate, os.time(), counter % 1000000, plateid)
   return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
   local info = body and body:match('"info":"(%a*)"')
   local plateid = body and tonumber(body:match('"plateid":(%d+)'))
   local p = plateid and pending[plateid]
   if p then pending[plateid] = nil end
   if status ~= 200 or (info ~= "ok" and info ~= "no") then
      non2xx = non2xx + 1
      if first_bad == nil then
         first_bad = status .. " " .. string.sub(body or "", 1, 200)
      end
      return
   end
   if info == "ok" then n_ok = n_ok + 1 else n_no = n_no + 1 end
   if p and p.entry and info == "ok" and exit_path then
      tail = tail + 1
      exits[tail] = p.plate
   end
end

local bench_done = done

function done(summary, latency, requests)
   bench_done(summary, latency, requests)
   local e, x, ok, no = 0, 0, 0, 0
   for _, t in ipairs(threads_for_gate) do
      e = e + (t:get("n_entries") or 0)
      x = x + (t:get("n_exits") or 0)
      ok = ok + (t:get("n_ok") or 0)
      no = no + (t:get("n_no") or 0)
   end
   io.write(string.format("GATE entries=%d exits=%d ok=%d no=%d\n", e, x, ok, no))
end

-- common.lua keeps its threads to itself; keep them here too.
threads_for_gate = {}
local bench_setup = setup
function setup(thread)
   bench_setup(thread)
   table.insert(threads_for_gate, thread)
end
