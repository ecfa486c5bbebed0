#!/usr/bin/env bash
# End-to-end export benchmark (issue #7). Results go in docs/benchmarks.md ("Export end to end").
#
#   bench/exports/end-to-end.sh [members] [runs]     (defaults: 1000000, 3)
#
# One gateway (the real jar, `server`, embedded PostgreSQL, heap limited to 256 MiB) holding the
# synthetic union; the executive director asks for a statewide email list of represented workers
# with 4 fields, then, timed together: POST /list-requests/{id}/exports (RECIPIENT_KEY) and
# GET /exports/{id} to a file. Baseline on the same database in the same run:
#   psql \copy (SELECT the same 4 fields ...) TO STDOUT CSV HEADER | gpg --encrypt -r KEY
# Peak heap is the largest "before" figure of the GC log.
set -euo pipefail
cd "$(dirname "$0")/../.."
MEMBERS=${1:-1000000}
RUNS=${2:-3}
mvn -B -q -DskipTests package
WORK=$(mktemp -d /tmp/export-bench.XXXXXX)
GATEWAY_PID=
cleanup() {
  if [ -n "$GATEWAY_PID" ]; then kill "$GATEWAY_PID" 2>/dev/null || true; wait "$GATEWAY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
export GNUPGHOME="$WORK/gnupg"; mkdir -m 700 "$GNUPGHOME"
HTTP=18480; ADMINP=18481; DBPORT=18482
export GATEWAY_DATA_DIR="$WORK/data" GATEWAY_HTTP_PORT=$HTTP GATEWAY_ADMIN_PORT=$ADMINP GATEWAY_EMBEDDED_DB_PORT=$DBPORT
export GATEWAY_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password
# A single-machine run on the embedded database: `server` refuses it without this.
export GATEWAY_ALLOW_EMBEDDED_DATABASE=true
API=http://127.0.0.1:$HTTP/api/v1
ADMIN=admin:bench-admin-password
ED=bench-ed:bench-ed-password-1

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar target/member-gateway.jar generate-members --members "$MEMBERS" --out "$WORK/members.csv" >/dev/null 2>&1
java -Xmx256m -Xlog:gc:file="$WORK/gc.log" -jar target/member-gateway.jar server config/gateway.yml >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
until curl -sf "http://127.0.0.1:$ADMINP/healthcheck" >/dev/null; do sleep 0.5; done
curl -sf -u "$ADMIN" -H 'Content-Type: text/csv' --data-binary @"$WORK/members.csv" "$API/members/import" >/dev/null
curl -sf -u "$ADMIN" -H 'Content-Type: application/json' "$API/people" -d '{"username": "bench-ed",
  "displayName": "Bench Director", "password": "bench-ed-password-1", "roles": ["EXECUTIVE_DIRECTOR"]}' >/dev/null
curl -sf -u "$ED" "$API/acknowledgements/status?username=bench-ed" | jq -c '.documents[]' | while read -r doc; do
  curl -sf -u "$ED" -H 'Content-Type: application/json' "$API/acknowledgements" -d "$(jq -n --argjson d "$doc" \
    '{documentId: $d.documentId, version: $d.version, language: "en", typedName: "Bench Director"}')" >/dev/null
done
gpg --batch --passphrase '' --quick-gen-key 'Bench Director <ed@example.org>' future-default default never 2>/dev/null
gpg --armor --export ed@example.org > "$WORK/ed.asc"
curl -sf -u "$ED" -X PUT -H 'Content-Type: application/pgp-keys' --data-binary @"$WORK/ed.asc" "$API/people/bench-ed/openpgp-key"
FIELDS='["first_name", "last_name", "home_email", "preferred_language"]'
REQUEST=$(curl -sf -u "$ED" -H 'Content-Type: application/json' "$API/list-requests" -d "{\"purpose\": \"LOCAL_COMMUNICATION\",
  \"scope\": {\"type\": \"STATEWIDE\", \"id\": \"ALL\"}, \"audience\": \"REPRESENTED_WORKERS\", \"channel\": \"EMAIL\",
  \"fields\": $FIELDS}" | jq -r .id)
ROWS=$(psql -h 127.0.0.1 -p $DBPORT -U postgres -d gateway -Atc \
  "SELECT count(*) FROM members WHERE membership_status IN ('MEMBER', 'FAIR_SHARE', 'NON_MEMBER')")
echo "members: $MEMBERS; rows in the list: $ROWS; fields: $FIELDS"

now() { date +%s.%N; }
for run in $(seq "$RUNS"); do
  start=$(now)
  EXPORT=$(curl -sf -u "$ED" -H 'Content-Type: application/json' "$API/list-requests/$REQUEST/exports" \
    -d '{"encryption": "RECIPIENT_KEY"}')
  built=$(now)
  curl -sf -u "$ED" -o "$WORK/export.gpg" "$API/exports/$(echo "$EXPORT" | jq -r .id)"
  end=$(now)
  printf 'gateway  run %d: %.2f s (build %.2f s, download %.2f s), %s bytes, rows %s\n' "$run" \
    "$(echo "$end - $start" | bc)" "$(echo "$built - $start" | bc)" "$(echo "$end - $built" | bc)" \
    "$(stat -c %s "$WORK/export.gpg")" "$(echo "$EXPORT" | jq -r .rows)"
  start=$(now)
  psql -h 127.0.0.1 -p $DBPORT -U postgres -d gateway -qc "\\copy (SELECT first_name, last_name, home_email,
    preferred_language FROM members WHERE membership_status IN ('MEMBER', 'FAIR_SHARE', 'NON_MEMBER')) TO STDOUT CSV HEADER" \
    | gpg --batch --yes --trust-model always -e -r ed@example.org -o "$WORK/baseline.gpg"
  end=$(now)
  printf 'baseline run %d: %.2f s, %s bytes\n' "$run" "$(echo "$end - $start" | bc)" "$(stat -c %s "$WORK/baseline.gpg")"
done
{ gpg --batch -q --decrypt "$WORK/export.gpg" 2>/dev/null || true; } | head -1 | sed 's/^/decrypted header: /' || true
echo "peak heap (largest before-GC occupancy, -Xmx256m): $(grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1) MiB"
