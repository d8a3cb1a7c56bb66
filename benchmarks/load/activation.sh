#!/usr/bin/env bash
# How soon a second instance serves a model activated on the first (docs/benchmarks.md, "Model
# activation across instances"; target: within 2 s). Two instances on a fresh database of the local
# PostgreSQL, each with a models directory of its own; a model trained here is uploaded to the
# first as train --archive writes it; then ROUNDS times the first is asked to activate it or the
# shipped default in turn, and the second's /health is read every 5 ms until it serves that
# version. Prints, per round and in summary, the time from sending the activation to the second
# instance serving it, and the first's own answer time. Run from the repository root after
# `mvn -B -ntp -DskipTests package`.
#
#   benchmarks/load/activation.sh [ROUNDS (20)]
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${1:-20}
DB=${BENCH_DB:-smart_retry_activation_bench}
PG=${BENCH_PG:-127.0.0.1:5432}
KEY=bench-admin-key
LOGS=${BENCH_LOGS:-target/activation-bench}
CLI="java -jar training/target/smart-retry.jar"
rm -rf "$LOGS" && mkdir -p "$LOGS"
psql_bench() { psql -q -h "${PG%:*}" -p "${PG#*:}" -U postgres "$@"; }
millis() { date +%s%3N; }

# A model of its own, trained on a generated history: logistic, so that it trains in seconds.
$CLI generate --invoices 3000 --seed 7 --out "$LOGS/history.csv.gz" >/dev/null 2>&1
$CLI train --data "$LOGS/history.csv.gz" --out "$LOGS/challenger" --algorithm logistic --archive \
  >"$LOGS/train.log" 2>&1

psql_bench -c "drop database if exists $DB with (force)" -c "create database $DB"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
start_instance() {
  local name=$1 port=$2
  mkdir -p "$LOGS/$name-models"
  DATASOURCES_DEFAULT_URL="jdbc:postgresql://$PG/$DB" DATASOURCES_DEFAULT_USERNAME=postgres \
  MICRONAUT_SERVER_PORT=$port SMART_RETRY_API_KEYS="admin:$KEY" SMART_RETRY_SCHEDULER=off \
  SMART_RETRY_MODELS_DIR="$LOGS/$name-models" \
    java ${BENCH_JAVA_OPTS:--Xmx512m} -jar service/target/smart-retry-service.jar \
    >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}
start_instance first 8084
for _ in $(seq 1 120); do curl -sf localhost:8084/health >/dev/null && break; sleep 0.5; done
# The second starts once the first has migrated the database.
start_instance second 8085
for _ in $(seq 1 120); do curl -sf localhost:8085/health >/dev/null && break; sleep 0.5; done

uploaded=$(curl -sf -X POST localhost:8084/v1/models -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/gzip' --data-binary @"$LOGS/challenger.tar.gz" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
shipped=$(curl -sf localhost:8084/v1/models -H "Authorization: Bearer $KEY" \
  | python3 -c 'import json,sys; print([m["version"] for m in json.load(sys.stdin) if m["source"] == "classpath:default"][0])')
echo "uploaded $uploaded; shipped default $shipped"

serves() { curl -sf "localhost:$1/health" -H "Authorization: Bearer $KEY" | grep -q "\"version\":\"$2\""; }
: >"$LOGS/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 == 1 )); then version=$uploaded; else version=$shipped; fi
  sent=$(millis)
  curl -sf -X POST "localhost:8084/v1/models/$version/activate" -H "Authorization: Bearer $KEY" \
    >/dev/null
  answered=$(millis)
  until serves 8085 "$version"; do
    sleep 0.005
    if (( $(millis) - sent > 30000 )); then echo "round $round: not served in 30 s" >&2; exit 1; fi
  done
  seen=$(millis)
  echo "$round $version $((answered - sent)) $((seen - sent))" | tee -a "$LOGS/rounds.txt"
done

python3 - "$LOGS/rounds.txt" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
answer = [int(r[2]) for r in rows]
seen = [int(r[3]) for r in rows]
def summary(values):
    ordered = sorted(values)
    return (f"min {ordered[0]} ms, median {statistics.median(ordered):.0f} ms,"
            f" max {ordered[-1]} ms")
print(f"{len(rows)} activations")
print(f"first instance answers the activation: {summary(answer)}")
print(f"second instance serves it, from the request: {summary(seen)}")
print(f"within 2 s: {sum(1 for s in seen if s <= 2000)} of {len(seen)}")
EOF
