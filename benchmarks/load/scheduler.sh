#!/usr/bin/env bash
# The scheduler's benchmark (docs/benchmarks.md, "Scheduler"): the demo gateway, two service
# instances with the scheduler on, one simulation clock, a fresh database on the local PostgreSQL,
# and SchedulerLoad measuring registration latency and retry execution. Run from the repository
# root after `mvn -B -ntp -DskipTests package`. Everything it starts is stopped when it ends.
#
#   benchmarks/load/scheduler.sh [SchedulerLoad options, e.g. --plans 30000 --rate 1000]
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=${BENCH_DB:-smart_retry_bench}
PG=${BENCH_PG:-127.0.0.1:5432}
SPEED=${BENCH_CLOCK_SPEED:-60}
START=${BENCH_CLOCK_START:-2026-07-01T00:00:00Z}
KEY=bench-billing-key
LOGS=${BENCH_LOGS:-target/scheduler-bench}
mkdir -p "$LOGS"

psql -q -h "${PG%:*}" -p "${PG#*:}" -U postgres -c "drop database if exists $DB with (force)" \
  -c "create database $DB"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java -jar training/target/smart-retry.jar demo-gateway --port 9090 --quiet >"$LOGS/gateway.log" 2>&1 &
pids+=($!)
for port in 8081 8082; do
  jfr=()
  # BENCH_JFR=<delay>: record a 15 s profile of each instance that long after it starts.
  if [ -n "${BENCH_JFR:-}" ]; then
    jfr=(-XX:StartFlightRecording=delay=${BENCH_JFR},duration=15s,settings=profile,filename=$LOGS/service-$port.jfr)
  fi
  DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PG/$DB" DATASOURCES_DEFAULT_USERNAME=postgres \
  MICRONAUT_SERVER_PORT=$port SMART_RETRY_API_KEYS="billing:$KEY" \
  SMART_RETRY_GATEWAY_URL=http://127.0.0.1:9090/charge \
  SMART_RETRY_CLOCK_START="$START" SMART_RETRY_CLOCK_SPEED="$SPEED" \
    env ${BENCH_SERVICE_ENV:-} java ${BENCH_JAVA_OPTS:--Xmx1g} "${jfr[@]}" -jar service/target/smart-retry-service.jar >"$LOGS/service-$port.log" 2>&1 &
  pids+=($!)
  # The first instance migrates the schema; the second starts on it.
  for _ in $(seq 1 120); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 0.5; done
done

java -cp benchmarks/target/benchmarks.jar dev.smartretry.benchmarks.SchedulerLoad \
  --services http://localhost:8081,http://localhost:8082 --key "$KEY" \
  --jdbc-url "jdbc:postgresql://$PG/$DB?user=postgres" --clock-speed "$SPEED" "$@"
curl -s localhost:9090/stats; echo
