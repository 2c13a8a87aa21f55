-- GET scenarios (/healthz, the residents list): the request is fixed on the wrk command
-- line (URL and -H "Cookie: …"); this script only checks statuses and reports.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
