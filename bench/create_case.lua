-- POST /api/v1/sites/{site}/cases: a phone inquiry read back to the caller, different each time.
-- The path comes from the wrk URL; the session cookie from -H "Cookie: …".
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local counter = 0
local topics = { "查詢管理費", "廚房水龍頭漏水", "走廊燈不亮", "查詢會所開放時間", "訪客登記" }

function init(args)
   path = wrk.path
   prefix = "t" .. tostring(id or 0) .. "-" .. tostring(os.time() % 100000) .. "-"
   headers = {}
   for k, v in pairs(wrk.headers) do headers[k] = v end
   headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   local topic = topics[(counter % #topics) + 1]
   local body = string.format(
      '{"channel":"phone","category":"inquiry","unit_id":%d,"caller_name":"壓測%s%d",' ..
      '"caller_phone":"91234567","content":"%s","read_back_confirmed":true}',
      (counter % 300) + 1, prefix, counter, topic)
   return wrk.format("POST", path, headers, body)
end
