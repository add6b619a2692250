-- wrk script: POST /v1/api-keys, authenticated with the keys in API_KEYS (comma-separated, one
-- per tenant), round robin. Names are unique (RUN_TAG, wrk thread, counter); every key expires
-- KEY_TTL_SECONDS (default 3; bench/run uses 2) after its creation so the tenants stay under the Team plan's 200
-- active keys however long the run (expired keys do not count). Used by bench/run (key create).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local keys = {}
for key in string.gmatch(os.getenv("API_KEYS"), "[^,]+") do
  keys[#keys + 1] = key
end
local tag = os.getenv("RUN_TAG") or tostring(os.time())
local ttl = tonumber(os.getenv("KEY_TTL_SECONDS") or "3")
local counter = 0

setup = common.number
response = common.response

request = function()
  counter = counter + 1
  local key = keys[((counter + (tid or 0)) % #keys) + 1]
  local expires = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + ttl)
  return wrk.format("POST", "/v1/api-keys",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key },
    '{"name":"bench-' .. tag .. "-" .. (tid or 0) .. "-" .. counter .. '","expiresAt":"' .. expires .. '"}')
end

done = function(summary, latency, requests)
  common.report(summary, latency)
end
