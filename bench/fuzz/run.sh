#!/usr/bin/env bash
# Long fuzzing of the three fuzz targets (org.membergateway.fuzz, Jazzer). The normal build only
# replays their inputs; this runs libFuzzer on each, one after the other, and writes the outcome
# into docs/reliability.md between the fuzz-results markers.
#
#   bench/fuzz/run.sh                           (all three, 10 minutes each: @FuzzTest maxDuration)
#   TARGETS="MemberCsvFuzzTest" bench/fuzz/run.sh
#
# A finding stops that target's run: Jazzer writes the input that found it into
# src/test/resources/org/membergateway/fuzz/<Target>Inputs/<method>/ so that every later build replays
# it (fix the bug, keep the file). The inputs the fuzzer grew are kept under .cifuzz-corpus/ (not
# committed) and are reused by the next run.
set -uo pipefail
cd "$(dirname "$0")/../.."
TARGETS=${TARGETS:-"JsonBodyFuzzTest MemberCsvFuzzTest OpenPgpKeyFuzzTest"}
LOGS=target/fuzz
mkdir -p "$LOGS"
MAVEN_OFFLINE=${MAVEN_OFFLINE:--o}

rows=()
for target in $TARGETS; do
  log="$LOGS/$target.log"
  echo "fuzzing $target (log: $log)"
  start=$(date +%s)
  # Jazzer 0.24 takes the run's length from @FuzzTest(maxDuration) only; a finding ends it sooner.
  # Through the fuzz targets' own surefire execution (their own JVM), not the default one.
  JAZZER_FUZZ=1 mvn -B $MAVEN_OFFLINE test-compile surefire:test@fuzz-regression -Dtest="$target" \
      -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1
  rc=$?
  end=$(date +%s)
  report=target/surefire-reports/org.membergateway.fuzz.$target-output.txt
  # libFuzzer's last status line: "#<runs> DONE cov: <edges> ft: <features> corp: <n>/<size> ..."
  done_line=$(grep -h -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$report" "$log" 2>/dev/null | tail -1)
  runs=$(echo "$done_line" | sed -nE 's/^#([0-9]+).*/\1/p')
  cov=$(echo "$done_line" | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
  if [ $rc -eq 0 ]; then
    outcome="no finding"
  else
    finding=$(grep -h -m1 -E 'FuzzTestFinding|== Java Exception:' "$report" "$log" 2>/dev/null | cut -c1-160)
    outcome="FINDING: ${finding:-exit $rc, see $log}"
  fi
  echo "  $target: $((end - start)) s, ${runs:-?} inputs, coverage ${cov:-?} edges, $outcome"
  rows+=("| \`fuzz.$target\` | $(date -u +%Y-%m-%d) | $((end - start)) s | ${runs:-?} | ${cov:-?} | $outcome |")
done

doc=docs/reliability.md
if grep -q '<!-- fuzz-results:start -->' "$doc"; then
  {
    echo '<!-- fuzz-results:start -->'
    echo '| target | date | wall time | inputs run | coverage (edges) | outcome |'
    echo '|---|---|---|---|---|---|'
    printf '%s\n' "${rows[@]}"
    echo '<!-- fuzz-results:end -->'
  } > "$LOGS/table.md"
  python3 - "$doc" "$LOGS/table.md" <<'PY'
import re, sys
doc, table = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(doc).read()
text = re.sub(r"<!-- fuzz-results:start -->.*?<!-- fuzz-results:end -->", lambda m: table, text, flags=re.S)
open(doc, "w").write(text)
PY
  echo "wrote the outcome into $doc"
fi
