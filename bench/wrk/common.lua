-- Shared by the wrk scripts under bench/wrk: a thread id per wrk thread (so request bodies are
-- unique across threads) and one machine-readable result line that bench/run parses.
local common = {}
local next_thread = 0
local threads = {}

-- Call from setup(thread): numbers the threads 1..n.
function common.number(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
  threads[#threads + 1] = thread
end

-- Use as response(status, headers, body): counts answers outside 2xx by status and keeps the
-- first such body, so a failed run says why.
function common.response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad or {}
    bad[tostring(status)] = (bad[tostring(status)] or 0) + 1
    if first_bad == nil then
      first_bad = tostring(status) .. " " .. string.sub(body or "", 1, 300)
    end
  end
end

local function escape(s)
  return (string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end))
end

-- Call from done(summary, latency, requests): prints a RESULT line (for people) and a JSON line.
function common.report(summary, latency)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, errors, summary.errors.status, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  local statuses, sample = {}, nil
  for _, thread in ipairs(threads) do
    local b = thread:get("bad")
    if type(b) == "table" then
      for status, n in pairs(b) do statuses[status] = (statuses[status] or 0) + n end
    end
    sample = sample or thread:get("first_bad")
  end
  local parts = {}
  for status, n in pairs(statuses) do parts[#parts + 1] = '"' .. status .. '":' .. n end
  io.write(string.format(
    'JSON {"statuses":{%s},"first_non2xx":%s,"requests":%d,"errors":%d,"non2xx":%d,"seconds":%.3f,"rps":%.2f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f}\n',
    table.concat(parts, ","), sample and ('"' .. escape(sample) .. '"') or "null", summary.requests, errors, summary.errors.status, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end

return common
