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
    out.write('  return wrk.format("POST", "/v1/decisions", {["Content-Type"] = "application/json"}, bodies[i])\nend\n')
print(f"{len(bodies)} distinct requests in the mix", file=sys.stderr)
PY

start=$(date +%s%N)
java $JAVA_OPTS -jar target/referral-decisions.jar --server.port=$PORT >"$work/server.log" 2>&1 &
echo $! >"$work/pid"
until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do sleep 0.2; done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rss_kb=$(ps -o rss= -p "$(cat "$work/pid")")
echo "start-up to ready: ${ready_ms} ms; RSS at ready: $((rss_kb / 1024)) MB ($JAVA_OPTS)"

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
run "POST /v1/decisions" decisions -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT
peak=$(cat "$work/decisions.rps")
half=$(python3 -c "print(max(1, int(float('$peak') / 2)))")
if wrk --version 2>&1 | grep -q -- '-R'; then
  run "POST at half peak (-R $half)" half -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -R "$half" -s "$work/requests.lua" http://localhost:$PORT
else
  echo "(this wrk has no fixed-rate mode; p99 at half of peak load not measured: use wrk2)"
fi
rss_kb=$(ps -o rss= -p "$(cat "$work/pid")")
python3 - "$(cat "$work/health.rps")" "$peak" <<PY
import sys
health, decisions = map(float, sys.argv[1:3])
print(f"decisions/health throughput: {decisions / health:.0%}")
PY
echo "RSS after load: $((rss_kb / 1024)) MB"
echo "decision log: not implemented yet (issue 5); figures are with no log"
