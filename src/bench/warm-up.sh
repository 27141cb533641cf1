#!/usr/bin/env bash
# How soon after "ready" the service answers like a warm one: starts it (log off unless LOG=on), and from the moment
# /actuator/health/readiness says UP drives POST /v1/decisions at a fixed arrival rate (about half of a warm
# service's peak) for WINDOWS windows of 10 s, printing each window's p50/p99 and the service's CPU per request.
#
#   bash src/bench/warm-up.sh [requests/s, default 2500] [windows, default 6]
#
# JAVA_OPTS defaults to what the README recommends (-Xmx512m -XX:+UseParallelGC); extra service settings go in
# SERVICE_ARGS (e.g. SERVICE_ARGS=--referrals.warmup.decisions=0 to see the service without its warm-up).
# Needs: a built jar (mvn -B -q package -DskipTests), wrk, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-2500}
WINDOWS=${2:-6}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18090}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC -XX:SharedArchiveFile=target/extracted/referral-decisions.jsa}
JAR=${JAR:-target/extracted/referral-decisions.jar}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 2; }
work=$(mktemp -d)
KEY="bench-$(date +%s%N)"
export REFERRALS_SECURITY_API_KEYS_0_SHA256=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
export REFERRALS_SECURITY_API_KEYS_0_ROLES=CALLER
export BENCH_KEY=$KEY
trap '[ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null; wait; rm -rf "$work"' EXIT

# The same request mix as http-load.sh: every golden request that decides.
python3 src/bench/request-mix.py "$work/requests.lua"

args=("--server.port=$PORT" "--referrals.decision-log.master-key-file=$work/master.key" "--referrals.decision-log.key-dir=$work/keys" "--referrals.decision-log.checkpoint-dir=$work/checkpoints"
      "--spring.datasource.url=jdbc:h2:file:$work/log;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=100;RETENTION_TIME=2000;DB_CLOSE_ON_EXIT=FALSE")
[ "${LOG:-off}" = on ] || args+=(--referrals.decision-log.enabled=false)
start=$(date +%s%N)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" "${args[@]}" ${SERVICE_ARGS:-} >"$work/service.log" 2>&1 &
echo $! >"$work/pid"
until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do
  kill -0 "$(cat "$work/pid")" 2>/dev/null || { echo "the service did not start:"; tail -20 "$work/service.log"; exit 1; }
  sleep 0.1
done
echo "ready after $(( ($(date +%s%N) - start) / 1000000 )) ms (JAVA_OPTS $JAVA_OPTS ${SERVICE_ARGS:-}); then $RATE requests/s, $CONNECTIONS connections:"
pace_ms=$(python3 -c "print(round($CONNECTIONS * 1000 / $RATE, 3))")
for w in $(seq 1 "$WINDOWS"); do
  before=$(awk '{print $14 + $15}' "/proc/$(cat "$work/pid")/stat")
  PACE_MS=$pace_ms wrk --latency -t2 -c"$CONNECTIONS" -d10s -s "$work/requests.lua" http://localhost:$PORT >"$work/w.txt"
  after=$(awk '{print $14 + $15}' "/proc/$(cat "$work/pid")/stat")
  total=$(awk '/requests in/ {print $1}' "$work/w.txt")
  printf '  %3d-%3d s after ready: %7s req/s   p50 %8s   p99 %8s   CPU %4s us/req\n' $(( (w - 1) * 10 )) $(( w * 10 )) \
    "$(awk '/Requests\/sec/ {print $2}' "$work/w.txt")" "$(awk '$1=="50%" {print $2}' "$work/w.txt")" "$(awk '$1=="99%" {print $2}' "$work/w.txt")" \
    "$(python3 -c "print(round(($after - $before) * 1e6 / $(getconf CLK_TCK) / max(1, $total)))")"
done
