-- wrk script: POST the spec's example decision request with a billing key.
-- Usage: wrk -t2 -c32 -d30s -s benchmarks/load/decision.lua http://localhost:8080
-- The key comes from the environment: SMART_RETRY_BENCH_KEY (default demo-billing-key).
local key = os.getenv("SMART_RETRY_BENCH_KEY") or "demo-billing-key"
wrk.method = "POST"
wrk.path = "/v1/retry-decisions"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.body = [[
{"invoice_id": "in_1MtHbE", "customer_id": "cus_9s6XKz", "amount_minor": 4900,
 "currency": "EUR", "billing_interval": "month", "timezone": "Europe/Paris",
 "customer_tenure_days": 412,
 "card": {"brand": "visa", "funding": "debit", "country": "FR", "issuer_id": "iss_042"},
 "signals": {"devices_24h": 2},
 "attempts": [{"attempted_at": "2026-03-01T14:05:00Z", "decline_code": "insufficient_funds"}],
 "policy": "default", "as_of": "2026-03-01T14:06:00Z", "metadata": {"plan": "pro"}}
]]

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
  end
end
