#!/usr/bin/env bash
# The decision log's file under sustained load: starts the service on an embedded H2 file, drives
# POST /v1/decisions with the golden-case mix at full load (wrk, loopback) in 30 s slices, and after each
# slice prints the decisions logged so far, the H2 file's size and bytes per decision: the growth curve.
#
#   bash src/bench/log-growth.sh [minutes, default 10] [connections, default 32]
#
# H2_OPTIONS: the H2 URL's settings (default: the service's, application.properties). To measure the settings
# before issue 14: JAR=<old jar> H2_OPTIONS='MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE'
# Needs: a built jar (mvn -B -q package -DskipTests), wrk, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES=${1:-10}
CONNECTIONS=${2:-32}
PORT=${PORT:-18090}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC -XX:SharedArchiveFile=target/extracted/referral-decisions.jsa}
JAR=${JAR:-target/referral-decisions.jar}
H2_OPTIONS=${H2_OPTIONS:-$(sed -n 's/^spring.datasource.url=jdbc:h2:file:[^;]*;//p' src/main/resources/application.properties)}
work=$(mktemp -d)
KEY="growth-$(date +%s%N)"
export REFERRALS_SECURITY_API_KEYS_0_SHA256=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
export REFERRALS_SECURITY_API_KEYS_0_ROLES=CALLER,REVIEWER
export BENCH_KEY=$KEY
trap '[ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null; wait; rm -rf "$work"' EXIT
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 2; }

python3 src/bench/request-mix.py "$work/requests.lua"

java $JAVA_OPTS -jar "$JAR" --server.port=$PORT "--spring.datasource.url=jdbc:h2:file:$work/data/log;$H2_OPTIONS" \
  "--referrals.decision-log.master-key-file=$work/data/master.key" "--referrals.decision-log.key-dir=$work/data/keys" \
  "--referrals.decision-log.checkpoint-dir=$work/data/checkpoints" \
  >"$work/server.log" 2>&1 &
echo $! >"$work/pid"
until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do sleep 0.5; done
echo "H2 options: $H2_OPTIONS ($JAR)"
printf '%8s %12s %10s %14s %12s\n' "seconds" "decisions" "per s" "file bytes" "bytes/dec"
logged=0
for slice in $(seq 1 $((MINUTES * 2))); do
  wrk -t2 -c"$CONNECTIONS" -d30s -s "$work/requests.lua" http://localhost:$PORT >"$work/slice.txt"
  total=$(awk '/requests in/ {print $1}' "$work/slice.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/slice.txt"); errors=${errors:-0}
  logged=$((logged + total - errors))
  size=$(du -b "$work/data/log.mv.db" | cut -f1)
  printf '%8d %12d %10d %14d %12d\n' $((slice * 30)) "$logged" $(( (total - errors) / 30 )) "$size" $((size / logged))
done
sleep 5
echo "after 5 s idle: $(du -b "$work/data/log.mv.db" | cut -f1) bytes"
