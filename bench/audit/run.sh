#!/usr/bin/env bash
# Audit trail benchmark. Results go in docs/benchmarks.md ("Audit trail").
#
#   bench/audit/run.sh [seconds-per-append-run] [entries-to-verify]     (defaults: 10, 1000000)
#
# On a fresh embedded PostgreSQL (fsync=on, synchronous_commit=on, as the gateway runs it):
#   1. durable appends/s through the group-commit writer with 1, 16 and 64 concurrent writers
#      (each record() returns only after its transaction committed; the JSON-lines log file is on);
#   2. the trail filled to N entries, then verified three times in the same JVM (entries/s);
#   3. audit-verify, the operator's command, from a cold JVM on that trail.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUN_SECONDS=${1:-10}
N=${2:-1000000}
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-audit.classpath
WORK=$(mktemp -d /tmp/audit-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-audit.classpath)" \
  org.membergateway.audit.AuditBenchmark "$RUN_SECONDS" "$N" "$WORK"

start=$(date +%s.%N)
GATEWAY_DATA_DIR="$WORK" java -jar target/member-gateway.jar audit-verify 2>/dev/null | grep '^audit trail'
end=$(date +%s.%N)
echo "audit-verify, cold JVM: wall $(echo "$end - $start" | bc) s including JVM and PostgreSQL start"
