#!/usr/bin/env bash
# HTTP load benchmark: starts the jar, waits until ready (it warms itself up), warms up again under load,
# then drives it with wrk on loopback: POST /v1/decisions with a realistic mix of golden-case requests,
# and GET /actuator/health in the same run as the framework baseline. Prints decisions/s, p50/p99 and ratios.
#
#   bash src/bench/http-load.sh [seconds per run, default 30] [connections, default 32]
#
# Needs: a built jar (mvn -B -q package -DskipTests), wrk (apt-get install -y wrk), python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-30}
CONNECTIONS=${2:-32}
PORT=${PORT:-18080}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
work=$(mktemp -d)
KEY="bench-$(date +%s%N)"
export REFERRALS_SECURITY_API_KEYS_0_SHA256=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
export REFERRALS_SECURITY_API_KEYS_0_ROLES=CALLER,REVIEWER
trap 'kill $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
[ -f target/referral-decisions.jar ] || { echo "build first: mvn -B -q package -DskipTests"; exit 2; }

# The request mix: every valid golden case request, one per wrk request in turn.
python3 - "$work/requests.lua" <<'PY'
import json, glob, sys
bodies = []
for f in sorted(glob.glob('test-cases/**/*.json', recursive=True)):
    c = json.load(open(f))
    if 'error' in c.get('expect', {}):
        continue
    r = c['request']
    parts = f.split('/')
    if len(parts) >= 4 and 'rulesetVersion' not in r:
        r['rulesetVersion'] = parts[2]
    bodies.append(json.dumps(r, separators=(',', ':')))
with open(sys.argv[1], 'w') as out:
    out.write('local bodies = {\n')
    for b in bodies:
        out.write('  [[' + b + ']],\n')
    out.write('}\nlocal i = 0\n')
    out.write('request = function()\n  i = i % #bodies + 1\n')
    out.write('  return wrk.format("POST", "/v1/decisions", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")}, bodies[i])\nend\n')
print(f"{len(bodies)} distinct requests in the mix", file=sys.stderr)
PY

export BENCH_KEY=$KEY
serve() { # extra service arguments
  start=$(date +%s%N)
  java $JAVA_OPTS -jar target/referral-decisions.jar --server.port=$PORT \
    "--spring.datasource.url=jdbc:h2:file:$work/data/log;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0" \
    "$@" >"$work/server.log" 2>&1 &
  echo $! >"$work/pid"
  until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do sleep 0.2; done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  rss_kb=$(ps -o rss= -p "$(cat "$work/pid")")
  echo "start-up to ready: ${ready_ms} ms; RSS at ready: $((rss_kb / 1024)) MB ($JAVA_OPTS $*)"
}
serve

run() { # label, file key, wrk args...
  local label=$1 name=$2; shift 2
  wrk --latency "$@" >"$work/$name.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$name.txt")
  local errors; errors=$(awk '/Non-2xx/ {print $5}' "$work/$name.txt"); errors=${errors:-0}
  printf '%-32s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
  echo "$rps" >"$work/$name.rps"
}

echo "warming up under load (${SECONDS_PER_RUN}s)..."
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT >/dev/null
run "GET /actuator/health" health -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" http://localhost:$PORT/actuator/health
run "POST /v1/decisions (log on)" decisions -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT
peak=$(cat "$work/decisions.rps")
half=$(python3 -c "print(max(1, int(float('$peak') / 2)))")
if wrk --version 2>&1 | grep -q -- '-R'; then
  run "POST at half peak (-R $half)" half -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -R "$half" -s "$work/requests.lua" http://localhost:$PORT
else
  echo "(this wrk has no fixed-rate mode; p99 at half of peak load not measured: use wrk2)"
fi
# Batch: 10,000 requests of the same mix as NDJSON, twice (the first warms the batch path).
python3 - "$work/requests.lua" "$work/batch.ndjson" <<'PY'
import re, sys
bodies = re.findall(r"\[\[(.*?)\]\],", open(sys.argv[1]).read())
with open(sys.argv[2], 'w') as out:
    for i in range(10000):
        out.write(bodies[i % len(bodies)] + "\n")
PY
for attempt in 1 2; do
  seconds=$(curl -s -o "$work/batch.json" -w '%{time_total}' -H 'Content-Type: application/x-ndjson' -H "Authorization: Bearer $KEY" \
    --data-binary @"$work/batch.ndjson" localhost:$PORT/v1/decisions/batch)
done
decided=$(grep -o '"status":200' "$work/batch.json" | wc -l)
python3 -c "print(f'batch of 10,000: {$decided} decided in {$seconds} s = {$decided / $seconds:,.0f} decisions/s')"

rss_kb=$(ps -o rss= -p "$(cat "$work/pid")")
echo "RSS after load: $((rss_kb / 1024)) MB"

# The same decisions with the decision log switched off, for its cost.
kill "$(cat "$work/pid")"; sleep 2
serve --referrals.decision-log.enabled=false
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT >/dev/null
run "POST /v1/decisions (log off)" nolog -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT
python3 - "$(cat "$work/health.rps")" "$peak" "$(cat "$work/nolog.rps")" <<PY
import sys
health, logged, unlogged = map(float, sys.argv[1:4])
print(f"decisions (log off) / health: {unlogged / health:.0%}")
print(f"cost of the decision log: {1 - logged / unlogged:.0%} of throughput")
PY
