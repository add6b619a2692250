-- wrk script: GET PATH (with its query string), authenticated with API_KEY. Used by bench/run
-- (audit query).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

wrk.method = "GET"
wrk.path = os.getenv("PATH_AND_QUERY")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_KEY")
setup = common.number
response = common.response

done = function(summary, latency, requests)
  common.report(summary, latency)
end
