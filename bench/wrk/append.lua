-- wrk script: POST a small new version (about 40 bytes of text) to one of the artifacts in
-- ARTIFACT_IDS (comma-separated), round robin, authenticated with API_KEY, or, when ARTIFACT_KEYS
-- is set (comma-separated, one per artifact), with the key of the artifact's own tenant (the write
-- scenario over many tenants). Every body is unique (RUN_TAG, wrk thread, counter), so every
-- append stores a new content_blob row, as a real edit does. Used by bench/run (write scenario)
-- and bin/bench-appends.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local ids = {}
for id in string.gmatch(os.getenv("ARTIFACT_IDS"), "[^,]+") do
  ids[#ids + 1] = id
end
local keys = {}
for key in string.gmatch(os.getenv("ARTIFACT_KEYS") or "", "[^,]+") do
  keys[#keys + 1] = key
end
if #keys > 0 and #keys ~= #ids then
  error("ARTIFACT_KEYS needs one key per artifact in ARTIFACT_IDS")
end
local tag = os.getenv("RUN_TAG") or tostring(os.time())
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- The headers of each artifact's requests, made once: wrk.format takes a request's headers
-- instead of wrk.headers, not on top of them.
local headers = {}
if #keys == 0 then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_KEY")
else
  for i, key in ipairs(keys) do
    headers[i] = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }
  end
end

setup = common.number
response = common.response

request = function()
  counter = counter + 1
  local i = ((counter + (tid or 0)) % #ids) + 1
  return wrk.format(nil, "/v1/artifacts/" .. ids[i] .. "/versions", headers[i],
    '{"content":"version ' .. tag .. "-" .. (tid or 0) .. "-" .. counter ..
    ' of a small artifact","contentType":"text/plain"}')
end

done = function(summary, latency, requests)
  common.report(summary, latency)
end
