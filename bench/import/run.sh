#!/usr/bin/env bash
# Member import and demo start-up benchmark. Results go in docs/benchmarks.md ("Member import").
#
#   bench/import/run.sh [members]     (default 1,000,000)
#
# Measures, on a fresh embedded PostgreSQL each time:
#   1. import-members throughput for a synthetic CSV of N rows (generate-members, seed 503);
#   2. a second import of the same file (every row unchanged: the cost of a no-op re-import);
#   3. demo: JVM start to /healthcheck 200 on an empty data dir (72,000 members), then on restart.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
JAR=target/member-gateway.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
WORK=$(mktemp -d /tmp/gateway-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
java -jar "$JAR" generate-members --members "$N" --seed 503 --out "$WORK/members.csv"
echo "csv: $N rows, $(du -m "$WORK/members.csv" | cut -f1) MB"

for run in first-import re-import; do
  start=$(date +%s.%N)
  GATEWAY_DATA_DIR="$WORK/import" java -jar "$JAR" import-members --csv "$WORK/members.csv" 2>/dev/null | grep '^Imported'
  end=$(date +%s.%N)
  echo "$run: wall $(echo "$end - $start" | bc) s including JVM and PostgreSQL start"
done

demo_ready() {
  local start end
  start=$(date +%s.%N)
  GATEWAY_DATA_DIR="$WORK/demo" GATEWAY_HTTP_PORT=18480 GATEWAY_ADMIN_PORT=18481 \
    java -jar "$JAR" demo > "$WORK/demo-$1.log" 2>&1 &
  local pid=$!
  until curl -sf http://127.0.0.1:18481/healthcheck > /dev/null; do sleep 0.1; done
  end=$(date +%s.%N)
  echo "demo $1: ready (healthcheck 200) after $(echo "$end - $start" | bc) s"
  kill -TERM "$pid"
  wait "$pid" || true
}
demo_ready first-start
demo_ready restart
