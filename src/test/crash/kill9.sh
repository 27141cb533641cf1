#!/usr/bin/env bash
# Crash safety: start the service on its embedded H2 file database (the default settings), post decisions
# from several clients at once, kill the service with SIGKILL mid-stream, restart it, and check that every
# decision that got a 200 is in the log, readable (its sealed body opens and matches its hashes), and that
# the hash chain verifies. (Power loss is covered by one fsync per group commit; see docs/PERFORMANCE.md.)
#
#   bash src/test/crash/kill9.sh        (needs target/referral-decisions.jar, curl, python3)
set -euo pipefail
cd "$(dirname "$0")/../../.."
PORT=${PORT:-18181}
work=$(mktemp -d)
data="$work/data"
KEY="crash-test-$(date +%s%N)"
export REFERRALS_SECURITY_API_KEYS_0_SHA256=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
export REFERRALS_SECURITY_API_KEYS_0_ROLES=CALLER,REVIEWER
start() {
  java -Xmx256m -jar target/referral-decisions.jar --server.port=$PORT --referrals.warmup.decisions=0 \
    "--spring.datasource.url=jdbc:h2:file:$data/log;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=100;RETENTION_TIME=2000;DB_CLOSE_ON_EXIT=FALSE" \
    "--referrals.decision-log.master-key-file=$data/master.key" "--referrals.decision-log.key-dir=$data/keys" \
    >>"$work/server.log" 2>&1 &
  echo $! >"$work/pid"
  # Up to 3 minutes: start-up compiles every rule set, slow on a busy 2-core machine.
  for _ in $(seq 1 900); do curl -sf localhost:$PORT/actuator/health/readiness >/dev/null && return 0; sleep 0.2; done
  echo "service did not become ready"; tail -30 "$work/server.log"; exit 1
}
trap 'kill -9 $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

start
body='{"caseRef":"CRASH-1","area":"cleveland","asOf":"2026-06-15","victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31},"professionalJudgement":{"concerned":true,"grounds":["ESCALATION"],"rationale":"escalating"}}'
client() { # appends the id of every decision acknowledged with a 200
  while true; do
    out=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d "$body" localhost:$PORT/v1/decisions 2>/dev/null) || break
    code=$(tail -1 <<<"$out")
    [ "$code" = 200 ] || continue
    head -1 <<<"$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["decisionId"])' >>"$work/acked.$1"
  done
}
for c in 1 2 3 4; do client $c & done
sleep 8
kill -9 "$(cat "$work/pid")"
wait 2>/dev/null || true
acked=$(cat "$work"/acked.* 2>/dev/null | wc -l)
echo "acknowledged before SIGKILL: $acked decisions"
[ "$acked" -gt 0 ] || { echo "no decision was acknowledged"; exit 1; }

start
missing=0
while read -r id; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" localhost:$PORT/v1/decisions/$id)
  [ "$code" = 200 ] || { echo "MISSING acknowledged decision $id (HTTP $code)"; missing=$((missing + 1)); }
done < <(cat "$work"/acked.*)
verify=$(curl -s -H "Authorization: Bearer $KEY" localhost:$PORT/v1/decisions/verify)
echo "after restart: $missing of $acked acknowledged decisions missing; chain: $verify"
[ "$missing" -eq 0 ] && python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["verified"] else 1)' "$verify"
echo "crash safety: PASS"
