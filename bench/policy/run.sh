#!/usr/bin/env bash
# Policy engine benchmark (JMH 1.37). Results go in docs/benchmarks.md ("Policy decisions").
#
#   bench/policy/run.sh [extra JMH options]
#
# Decides every scenario of the conformance table (src/test/resources/policy/conformance.yml) in turn
# against the real policies/, in sample-time mode: the median and p99 are per single decision.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-policy.classpath
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "target/test-classes:target/classes:$(cat target/bench-policy.classpath)" \
  org.openjdk.jmh.Main 'org.membergateway.policy.PolicyEngineBenchmark' "$@"
