#!/usr/bin/env bash
# Bounded HTTP fuzz run: start the service on loopback with a fresh API key, post seeded valid and mutated
# decision requests (org.referraldecisions.fuzz.HttpFuzz), and fail on any 5xx, any 400 without a named
# field, any timeout, or the server's resident memory growing past a bound. Stops the service it started.
#
#   bash src/test/crash/fuzz.sh        (needs target/referral-decisions.jar and target/test-classes)
#   FUZZ_REQUESTS=10000 FUZZ_SEED=20261128 FUZZ_RSS_MB=200 FUZZ_DEADLINE_S=240 PORT=18182
set -euo pipefail
cd "$(dirname "$0")/../../.."
PORT=${PORT:-18182}
work=$(mktemp -d)
KEY="fuzz-$(date +%s%N)"
export REFERRALS_SECURITY_API_KEYS_0_SHA256=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
export REFERRALS_SECURITY_API_KEYS_0_ROLES=CALLER
java -Xmx256m -jar target/referral-decisions.jar --server.address=127.0.0.1 --server.port=$PORT --referrals.warmup.decisions=0 \
  "--spring.datasource.url=jdbc:h2:file:$work/log;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
ready=0
for _ in $(seq 1 300); do
  curl -sf 127.0.0.1:$PORT/actuator/health/readiness >/dev/null && { ready=1; break; }
  kill -0 $pid 2>/dev/null || break
  sleep 0.2
done
[ "$ready" = 1 ] || { echo "fuzz: service did not become ready"; tail -30 "$work/server.log"; exit 1; }
status=0
java -Xmx256m -cp target/test-classes org.referraldecisions.fuzz.HttpFuzz "$PORT" "$KEY" "${FUZZ_REQUESTS:-10000}" "${FUZZ_SEED:-20261128}" \
  "$pid" "${FUZZ_RSS_MB:-200}" "${FUZZ_DEADLINE_S:-240}" || status=1
traces=$(grep -c '^\s*at ' "$work/server.log" || true)
if [ "$traces" -gt 0 ]; then
  echo "fuzz: FAIL: $traces stack-trace lines in the server log"; grep -m5 -B2 -A8 'Exception' "$work/server.log" || true; status=1
fi
exit $status
