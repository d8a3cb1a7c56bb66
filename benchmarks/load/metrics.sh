#!/usr/bin/env bash
# The recovery metrics' benchmark (docs/benchmarks.md, "Recovery metrics"): a fresh database on
# the local PostgreSQL, migrated by one service instance, filled with PLANS managed plans (default
# a million) and their attempts by metrics-data.sql, then wrk asks each metrics query for
# DURATION seconds on BENCH_CONNECTIONS connections (default 1: one request's answer time; 2 for
# two dashboards at once) and prints its latency distribution. Run from the repository
# root after `mvn -B -ntp -DskipTests package`; needs wrk (Debian package wrk).
#
#   benchmarks/load/metrics.sh [PLANS (1000000)] [DURATION (20)]
set -euo pipefail
cd "$(dirname "$0")/../.."

PLANS=${1:-1000000}
DURATION=${2:-20}
DB=${BENCH_DB:-smart_retry_metrics_bench}
PG=${BENCH_PG:-127.0.0.1:5432}
KEY=bench-viewer-key
CONNECTIONS=${BENCH_CONNECTIONS:-1}
PORT=${BENCH_PORT:-8083}
LOGS=${BENCH_LOGS:-target/metrics-bench}
mkdir -p "$LOGS"
psql_bench() { psql -q -h "${PG%:*}" -p "${PG#*:}" -U postgres "$@"; }

psql_bench -c "drop database if exists $DB with (force)" -c "create database $DB"
DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PG/$DB" DATASOURCES_DEFAULT_USERNAME=postgres \
MICRONAUT_SERVER_PORT=$PORT SMART_RETRY_API_KEYS="viewer:$KEY" SMART_RETRY_SCHEDULER=off \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -jar service/target/smart-retry-service.jar >"$LOGS/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/health" >/dev/null && break; sleep 0.5; done

started=$(date +%s)
psql_bench -d "$DB" -v plans="$PLANS" -f benchmarks/load/metrics-data.sql
echo "filled $(psql_bench -d "$DB" -tAc 'select count(*) from payment_plans') plans and" \
  "$(psql_bench -d "$DB" -tAc 'select count(*) from attempts') attempts in $(( $(date +%s) - started )) s"

# The fill wrote to every day, which forgets its sum; the service sums the settled days (all but
# the last two weeks) again at its next minute. Measure once it has.
summed_before=$(grep -c 'Summed .* settled days' "$LOGS/service.log" || true)
for _ in $(seq 1 150); do
  [ "$(grep -c 'Summed .* settled days' "$LOGS/service.log" || true)" -gt "$summed_before" ] && break
  sleep 1
done
grep 'Summed .* settled days' "$LOGS/service.log" | tail -1
echo "summed days: $(psql_bench -d "$DB" -tAc 'select count(*) from recovery_days')"

measure() {
  local name=$1 path=$2
  # Warm the JIT and PostgreSQL's caches first, then measure.
  wrk -t1 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $KEY" "http://localhost:$PORT$path" >/dev/null
  echo "== $name: GET $path"
  curl -sf -H "Authorization: Bearer $KEY" "http://localhost:$PORT$path" >"$LOGS/answer.json"
  head -c 300 "$LOGS/answer.json"; echo
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -H "Authorization: Bearer $KEY" "http://localhost:$PORT$path" \
    | grep -E 'Latency|50%|90%|99%|Requests/sec|Non-2xx'
}

# The default window: the last 30 days (about 82,000 plans of a million).
measure "recovery, last 30 days" "/v1/metrics/recovery"
for group in decline_code week retry_number local_hour card_country arm; do
  measure "recovery by $group, last 30 days" "/v1/metrics/recovery?group_by=$group"
done
measure "uplift, last 30 days" "/v1/metrics/uplift"
measure "time to recovery, last 30 days" "/v1/metrics/time-to-recovery"
measure "calibration, last 30 days" "/v1/metrics/calibration"
# The dashboard's windows (12 and 26 weeks), a quarter and the whole year.
measure "recovery by week, 12 weeks" "/v1/metrics/recovery?group_by=week&from=2026-09-07T00:00:00Z"
measure "recovery by local_hour, 26 weeks" "/v1/metrics/recovery?group_by=local_hour&from=2026-06-01T00:00:00Z"
measure "recovery by week, 13 weeks" "/v1/metrics/recovery?group_by=week&from=2026-09-01T00:00:00Z&to=2026-12-01T00:00:00Z"
measure "recovery by week, the whole year" "/v1/metrics/recovery?group_by=week&from=2025-12-01T00:00:00Z&to=2026-12-01T00:00:00Z"
measure "uplift, the whole year" "/v1/metrics/uplift?from=2025-12-01T00:00:00Z&to=2026-12-01T00:00:00Z"
