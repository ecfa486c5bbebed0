#!/usr/bin/env bash
# Export encryption benchmark. Results go in docs/benchmarks.md ("Export encryption").
#
#   bench/exports/run.sh [MiB-per-run]     (default 100)
#
# With the heap limited to 256 MiB, measures (org.membergateway.exports.EncryptThroughput):
#   1. the OpenPGP encryptor alone (to a discarding sink), JDK vs Bouncy Castle cipher provider;
#   2. encryptor -> export store (Tink StreamingAead + PostgreSQL large object) on a fresh embedded
#      PostgreSQL configured as the gateway runs it, committed; then reading it back.
# Needs gpg (it makes the test keys).
set -euo pipefail
cd "$(dirname "$0")/../.."
MIB=${1:-100}
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-exports.classpath
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/bench-exports.classpath)" \
  org.membergateway.exports.EncryptThroughput "$MIB"
