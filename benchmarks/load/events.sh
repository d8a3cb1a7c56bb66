#!/usr/bin/env bash
# The events benchmark (docs/benchmarks.md, "Events"): a backlog of events made by one instance
# with the scheduler off, then drained by two instances with it on into a local receiver that
# counts what reaches its fast endpoints. Run from the repository root after
# `mvn -B -ntp -DskipTests package`. Everything it starts is stopped when it ends.
#
#   benchmarks/load/events.sh [PLANS] [ENDPOINTS]     # defaults: 20000 fast1,fast2
#   benchmarks/load/events.sh 20000 fast1,fast2,slow  # with an endpoint that never answers
set -euo pipefail
cd "$(dirname "$0")/../.."

PLANS=${1:-20000}
ENDPOINTS=${2:-fast1,fast2}
DB=${BENCH_DB:-smart_retry_events_bench}
PG=${BENCH_PG:-127.0.0.1:5432}
PORT=${BENCH_RECEIVER_PORT:-9191}
BILLING=bench-billing-key
ADMIN=bench-admin-key
LOGS=${BENCH_LOGS:-target/events-bench}
mkdir -p "$LOGS"
FAST=$(tr ',' '\n' <<<"$ENDPOINTS" | grep -c '^fast' || true)

if [ -z "${BENCH_REPLAY:-}" ]; then
  psql -q -h "${PG%:*}" -p "${PG#*:}" -U postgres -c "drop database if exists $DB with (force)" \
    -c "create database $DB"
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_instance() { # port scheduler
  DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PG/$DB" DATASOURCES_DEFAULT_USERNAME=postgres \
  MICRONAUT_SERVER_PORT=$1 SMART_RETRY_API_KEYS="billing:$BILLING,admin:$ADMIN" \
  SMART_RETRY_GATEWAY_URL=http://127.0.0.1:9/charge SMART_RETRY_SCHEDULER=$2 \
  SMART_RETRY_SECRET_KEY=$(head -c 32 /dev/zero | base64) SMART_RETRY_WEBHOOKS_ALLOW_PRIVATE=true \
    env ${BENCH_SERVICE_ENV:-} java ${BENCH_JAVA_OPTS:--Xmx1g} -jar service/target/smart-retry-service.jar >"$LOGS/service-$1-$2.log" 2>&1 &
  pids+=($!)
}
await_instance() { # port
  for _ in $(seq 1 120); do curl -sf "localhost:$1/health" >/dev/null && break; sleep 0.5; done
}

# Phase 1: the backlog, made with nothing sending it. BENCH_REPLAY=1 sends the last run's
# backlog again instead: every delivery pending, no try made, the tables rewritten (else each
# replay leaves the next one more dead rows to scan past).
if [ -n "${BENCH_REPLAY:-}" ]; then
  psql -q -h "${PG%:*}" -p "${PG#*:}" -U postgres -d $DB -c "delete from webhook_delivery_tries" \
    -c "update webhook_deliveries set status = 'pending', tries = 0, next_attempt_at = now(),
        lease_owner = null, lease_expires_at = null, last_status_code = null, last_error = null" \
    -c "vacuum (full, analyze) webhook_deliveries, webhook_delivery_tries"
else
  start_instance 8081 off
  await_instance 8081
  java -cp benchmarks/target/benchmarks.jar dev.smartretry.benchmarks.EventsLoad fill \
    --service http://localhost:8081 --billing-key $BILLING --admin-key $ADMIN --port "$PORT" \
    --endpoints "$ENDPOINTS" --plans "$PLANS"
  kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()
fi

# Phase 2: two instances drain it.
java -cp benchmarks/target/benchmarks.jar dev.smartretry.benchmarks.EventsLoad measure \
  --port "$PORT" --expect $((PLANS * 2 * FAST)) &
receiver=$!
# Both start together (the schema is in place), so that both send from the start: one starting
# mid-drain would spend its first seconds compiling on the cores the other sends with.
start_instance 8081 on
start_instance 8082 on
await_instance 8081
await_instance 8082
wait $receiver
psql -h "${PG%:*}" -p "${PG#*:}" -U postgres -d $DB -Atc \
  "select endpoint_id, status, count(*) from webhook_deliveries group by 1, 2 order by 1, 2"
