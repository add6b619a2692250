-- wrk script: GET /v1/artifacts/ARTIFACT_ID, a public artifact; with API_KEY set the request is
-- authenticated (Authorization: Bearer), without it anonymous. Used by bench/run (auth read).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

wrk.method = "GET"
wrk.path = "/v1/artifacts/" .. os.getenv("ARTIFACT_ID")
setup = common.number
response = common.response
local key = os.getenv("API_KEY")
if key ~= nil and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end

done = function(summary, latency, requests)
  common.report(summary, latency)
end
