#!/usr/bin/env bash
# Many instances, one log (issue 14, item 6): start 2 and then 3 instances of the built jar on loopback ports against
# one PostgreSQL database, sharing one signing key file and one checkpoint directory (a file per instance); post
# decisions to all of them from several clients, kill -9 one instance mid-load, stop the others, then check with the
# verify command that the log is one linear chain that verifies (keyed hashes, every signed checkpoint in the database
# and in every instance's checkpoint file), that sequence numbers are unique and consecutive, and that every decision
# acknowledged with a 200 is in the log exactly as its receipt says (verify --receipt).
#
#   bash src/test/crash/multi-instance.sh    (needs target/referral-decisions.jar, curl, python3, openssl and an EMPTY
#                                             PostgreSQL database: MULTI_PG_URL, MULTI_PG_USER, MULTI_PG_PASSWORD)
set -euo pipefail
cd "$(dirname "$0")/../../.."
PG_URL=${MULTI_PG_URL:-jdbc:postgresql://localhost:5432/referrals_multi}
PG_USER=${MULTI_PG_USER:-referrals_ci}
PG_PASSWORD=${MULTI_PG_PASSWORD:-referrals_ci}
BASE_PORT=${BASE_PORT:-18281}
# The unpacked jar starts sooner (README); the single jar if it was not built.
JAR=target/extracted/referral-decisions.jar
[ -f "$JAR" ] || JAR=target/referral-decisions.jar
work=$(mktemp -d)
KEY="multi-test-$(date +%s%N)"
export REFERRALS_SECURITY_API_KEYS_0_SHA256=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
export REFERRALS_SECURITY_API_KEYS_0_ROLES=CALLER,REVIEWER
# The signing key is provisioned once, as an operator would (PKCS#8 private key, then its public key), and shared.
openssl genpkey -algorithm ed25519 -out "$work/signing-key.pem" 2>/dev/null
openssl pkey -in "$work/signing-key.pem" -pubout >>"$work/signing-key.pem"
chmod 600 "$work/signing-key.pem"
COMMON=(--spring.datasource.url="$PG_URL" --spring.datasource.username="$PG_USER" --spring.datasource.password="$PG_PASSWORD"
  --referrals.decision-log.signing-key-file="$work/signing-key.pem" --referrals.decision-log.generate-signing-key=false
  --referrals.decision-log.checkpoint-dir="$work/checkpoints")

start() { # instance number
  local n=$1 port=$((BASE_PORT + $1))
  java -Xmx200m -jar "$JAR" --server.port=$port --referrals.warmup.decisions=0 \
    --referrals.decision-log.instance=i$n "${COMMON[@]}" >>"$work/server.$n.log" 2>&1 &
  echo $! >"$work/pid.$n"
}
ready() { # instance number
  local port=$((BASE_PORT + $1))
  for _ in $(seq 1 600); do curl -sf localhost:$port/actuator/health/readiness >/dev/null && return 0; sleep 0.2; done
  echo "instance $1 did not become ready"; tail -30 "$work/server.$1.log"; exit 1
}
cleanup() {
  for f in "$work"/pid.* "$work"/client.*; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

body='{"caseRef":"MULTI-%s","area":"cleveland","asOf":"2026-06-15","victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31},"professionalJudgement":{"concerned":true,"grounds":["ESCALATION"],"rationale":"escalating"}}'
client() { # client id, instance number: appends every response acknowledged with a 200 (with its receipt)
  local port=$((BASE_PORT + $2)) i=0
  while [ ! -f "$work/stop" ]; do
    i=$((i + 1))
    out=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d "$(printf "$body" "$1-$i")" localhost:$port/v1/decisions 2>/dev/null) || { sleep 0.1; continue; }
    [ "$(tail -1 <<<"$out")" = 200 ] && head -1 <<<"$out" >>"$work/acked.$1"
  done
}
clients() { # instance number, how many
  for c in $(seq 1 "$2"); do client "$1-$c" "$1" & echo $! >"$work/client.$1-$c"; done
}

echo "-- $(date +%T) two instances (the first migrates the empty database; the third starts meanwhile)"
start 1; ready 1
start 2; start 3; ready 2
clients 1 2; clients 2 2
sleep 4
echo "-- $(date +%T) a third instance joins under load"
ready 3
clients 3 2
sleep 5
echo "-- $(date +%T) kill -9 instance 2 mid-load"
kill -9 "$(cat "$work/pid.2")"; rm -f "$work/pid.2"
sleep 4
echo "-- $(date +%T) stopping the clients and the other instances"
touch "$work/stop"; wait $(cat "$work"/client.* 2>/dev/null) 2>/dev/null || true; rm -f "$work"/client.*
for n in 1 3; do kill -TERM "$(cat "$work/pid.$n")"; done
for n in 1 3; do while kill -0 "$(cat "$work/pid.$n")" 2>/dev/null; do sleep 0.2; done; rm -f "$work/pid.$n"; done

cat "$work"/acked.* >"$work/acked.ndjson"
acked=$(wc -l <"$work/acked.ndjson")
per=$(for f in "$work"/acked.*-*; do echo -n "$(basename "$f" | cut -d. -f2 | cut -d- -f1) "; done | tr ' ' '\n' | sort | uniq -c | tr '\n' ' ')
echo "acknowledged: $acked decisions (client files per instance: $per)"
[ "$acked" -gt 0 ] || { echo "no decision was acknowledged"; exit 1; }
for n in 1 2 3; do
  [ -s "$work/checkpoints/i$n.jsonl" ] || { echo "instance $n wrote no checkpoint file"; exit 1; }
done

echo "-- $(date +%T) verify"
set +e
java -jar target/referral-decisions.jar verify --format json --receipt "$work/acked.ndjson" "${COMMON[@]}" >"$work/verify.json" 2>"$work/verify.err"
status=$?
set -e
python3 - "$work/verify.json" "$acked" "$status" <<'PY'
import json, sys
v = json.load(open(sys.argv[1])); acked = int(sys.argv[2]); status = int(sys.argv[3])
receipts = v.get("receipts", [])
bad = [r for r in receipts if not r["verified"]]
seqs = [r["seq"] for r in receipts]
print(f"verify: verified={v['verified']} records={v['records']} checkpoints={v['checkpoints']} "
      f"files={len(v['checkpointFiles'])} receipts={len(receipts)} failed receipts={len(bad)} exit={status}")
if v.get("firstFailure"): print("first failure:", v["firstFailure"])
ok = (v["verified"] and status == 0 and len(receipts) == acked and not bad
      and len(set(seqs)) == len(seqs)            # no two acknowledged decisions share a sequence number
      and len(v["checkpointFiles"]) == 3 and v["records"] >= acked)
sys.exit(0 if ok else 1)
PY
echo "many instances, one log: PASS"
