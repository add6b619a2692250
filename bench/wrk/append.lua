-- wrk script: POST a small new version (about 40 bytes of text) to one of the artifacts in
-- ARTIFACT_IDS (comma-separated), round robin, authenticated with API_KEY. Every body is unique
-- (RUN_TAG, wrk thread, counter), so every append stores a new content_blob row, as a real edit
-- does. Used by bench/run (write scenario) and bin/bench-appends.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local ids = {}
for id in string.gmatch(os.getenv("ARTIFACT_IDS"), "[^,]+") do
  ids[#ids + 1] = id
end
local tag = os.getenv("RUN_TAG") or tostring(os.time())
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_KEY")

setup = common.number
response = common.response

request = function()
  counter = counter + 1
  local id = ids[((counter + (tid or 0)) % #ids) + 1]
  return wrk.format(nil, "/v1/artifacts/" .. id .. "/versions", nil,
    '{"content":"version ' .. tag .. "-" .. (tid or 0) .. "-" .. counter ..
    ' of a small artifact","contentType":"text/plain"}')
end

done = function(summary, latency, requests)
  common.report(summary, latency)
end
