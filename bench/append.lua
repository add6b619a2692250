-- wrk script: POST a small new version to one of the artifacts in ARTIFACT_IDS (comma-separated),
-- round robin, authenticated with API_KEY. Used by bin/bench-appends.
local ids = {}
for id in string.gmatch(os.getenv("ARTIFACT_IDS"), "[^,]+") do
  ids[#ids + 1] = id
end
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_KEY")

request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format(nil, "/v1/artifacts/" .. id .. "/versions", nil,
    '{"content":"version ' .. counter .. ' of a small artifact","contentType":"text/plain"}')
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
