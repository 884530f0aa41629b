-- wrk script for bench/web.sh.
--
--   wrk ... -s bench/web.lua URL                       GET URL (the request is built once, as without a script)
--   wrk ... -s bench/web.lua URL -- create PREFIX      POST /api/accounts, Apply of a Salesforce account
--                                                      labelled PREFIX-t<thread>-<n>: unique per request,
--                                                      since a label taken in the connector answers 409.
--
-- Every answer outside 2xx is counted (wrk itself counts only >= 400), and the first one's status and
-- the start of its body are kept for the error message. At the end one line is printed:
--   web-lua requests=N seconds=S rate=R non2xx=K socket_errors=E p50_ms=A p99_ms=B
-- and, when something failed, "web-lua first_bad=<status> <body>". bench/web.sh fails the run when
-- non2xx or socket_errors is not 0.

local threads = {}

function setup(thread)
  -- Runs in the main Lua state; thread:set writes into the thread's own state.
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  non2xx = 0
  first_bad = ""
  if args[1] == "create" then
    local prefix = args[2] or "bench"
    local headers = { ["Content-Type"] = "application/json" }
    local n = 0
    -- Defined only in this mode: with a request() function wrk builds every request anew, which the
    -- GET cases do not need.
    request = function()
      n = n + 1
      local body = string.format(
        '{"accountTypeId":"salesforce.standard","label":"%s-t%d-%d",' ..
        '"values":{"username":"u@example.com","password":"p","securityToken":"t",' ..
        '"loginUrl":"https://login.salesforce.com/","sandbox":false},"validate":false}',
        prefix, id, n)
      return wrk.format("POST", "/api/accounts", headers, body)
    end
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == "" then
      first_bad = status .. " " .. (string.gsub(string.sub(body or "", 1, 300), "%s+", " "))
    end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, ""
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
    if first == "" then
      first = thread:get("first_bad") or ""
    end
  end

  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "web-lua requests=%d seconds=%.3f rate=%.1f non2xx=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, seconds, summary.requests / seconds, bad,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  if first ~= "" then
    io.write("web-lua first_bad=" .. first .. "\n")
  end
end
