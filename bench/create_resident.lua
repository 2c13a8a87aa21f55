-- POST /api/v1/sites/{site}/residents with a different resident name on every request.
-- The path (…/residents) comes from the wrk URL; the session cookie from -H "Cookie: …".
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local counter = 0
local surnames = { "陳", "李", "張", "黃", "何", "林", "吳", "劉", "梁", "鄭" }

-- wrk calls init() in each thread after setup() gave it an id.
function init(args)
   path = wrk.path
   prefix = "t" .. tostring(id or 0) .. "-" .. tostring(os.time() % 100000) .. "-"
   -- wrk.format does not merge wrk.headers (the -H flags) into a table it is given.
   headers = {}
   for k, v in pairs(wrk.headers) do headers[k] = v end
   headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   local surname = surnames[(counter % #surnames) + 1]
   local body = string.format('{"name":"%s壓測%s%d","phones":["91234567"]}', surname, prefix, counter)
   return wrk.format("POST", path, headers, body)
end
