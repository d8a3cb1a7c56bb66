-- wrk script: POST the spec's example decision request with a billing key.
-- Usage, from the repository root:
--   wrk -t2 -c16 -d30s -s benchmarks/load/decision.lua http://localhost:8080
-- The key comes from SMART_RETRY_BENCH_KEY (default demo-billing-key); the body from
-- SMART_RETRY_BENCH_BODY (default benchmarks/load/decision-request.json, which DecisionLoad
-- sends too).
local key = os.getenv("SMART_RETRY_BENCH_KEY") or "demo-billing-key"
local path = os.getenv("SMART_RETRY_BENCH_BODY") or "benchmarks/load/decision-request.json"
local file = assert(io.open(path, "r"), "cannot read " .. path .. "; run from the repository root")
wrk.method = "POST"
wrk.path = "/v1/retry-decisions"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.body = file:read("*a")
file:close()
