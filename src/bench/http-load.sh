#!/usr/bin/env bash
# HTTP load benchmark: starts the jar, waits until ready (it warms itself up), then keeps driving it with
# wrk on loopback until throughput is stable (the JIT keeps compiling for minutes on 2 cores), and measures:
# POST /v1/decisions with a realistic mix of golden-case requests; GET /actuator/health in the same run as
# the framework baseline; p50/p99 at about half of peak load (requests paced by the script); a 10,000-item
# batch; all with the decision log on, then again with it off. Prints decisions/s, p50/p99 and ratios.
#
#   bash src/bench/http-load.sh [seconds per run, default 30] [connections, default 32]
#
# Warm-up rounds are 20 s: at least MIN_WARM_ROUNDS (default 8), at most WARM_ROUNDS (default 15), until two
# in a row are within 5 %. A whole run takes about 20 minutes.
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
JAR=${JAR:-target/extracted/referral-decisions.jar}  # as the README starts it; JAR=target/referral-decisions.jar for the single file
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 2; }

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
    # PACE_MS set: each connection waits a random (exponential) time with that mean before each request,
    # so the load is an arrival rate rather than as fast as the server answers.
    out.write('local pace = tonumber(os.getenv("PACE_MS") or "0")\n')
    out.write('if pace > 0 then\n  delay = function() return -math.log(1 - math.random()) * pace end\nend\n')
    out.write('request = function()\n  i = i % #bodies + 1\n')
    out.write('  return wrk.format("POST", "/v1/decisions", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")}, bodies[i])\nend\n')
print(f"{len(bodies)} distinct requests in the mix", file=sys.stderr)
PY

export BENCH_KEY=$KEY
serve() { # extra service arguments
  start=$(date +%s%N)
  java $JAVA_OPTS -jar "$JAR" --server.port=$PORT \
    "--spring.datasource.url=jdbc:h2:file:$work/data/log;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE" \
    "$@" >"$work/server.log" 2>&1 &
  echo $! >"$work/pid"
  until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do sleep 0.2; done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  rss_kb=$(ps -o rss= -p "$(cat "$work/pid")")
  echo "start-up to ready: ${ready_ms} ms; RSS at ready: $((rss_kb / 1024)) MB ($JAVA_OPTS $JAR $*)"
}

run() { # label, file key, wrk args...
  local label=$1 name=$2; shift 2
  wrk --latency "$@" >"$work/$name.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$name.txt")
  local errors; errors=$(awk '/Non-2xx/ {print $5}' "$work/$name.txt"); errors=${errors:-0}
  printf '%-34s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
  echo "$rps" >"$work/$name.rps"
}

stable() { # previous, latest: within 5 %?
  python3 -c "import sys; a, b = float('$1'), float('$2'); sys.exit(0 if a > 0 and abs(b - a) / a < 0.05 else 1)"
}

warm() { # under decision load: at least MIN_WARM_ROUNDS 20 s rounds, then until two in a row agree within 5 %
  local previous=0 latest round
  for round in $(seq 1 "${WARM_ROUNDS:-15}"); do
    latest=$(wrk -t2 -c"$CONNECTIONS" -d20s -s "$work/requests.lua" http://localhost:$PORT | awk '/Requests\/sec/ {print $2}')
    printf '  warm-up round %2d: %s decisions/s\n' "$round" "$latest"
    # The JIT's climb has plateaus: a minimum number of rounds keeps one from passing for the end.
    if [ "$round" -ge "${MIN_WARM_ROUNDS:-8}" ] && stable "$previous" "$latest"; then return; fi
    previous=$latest
  done
  echo "  (not stable after ${WARM_ROUNDS:-15} rounds: the figures below are still warming up)"
}

batch() { # label, file key: a 10,000-item NDJSON batch, at least 6 times, then until two in a row agree within 5 %
  local label=$1 name=$2 previous=0 seconds round
  for round in $(seq 1 "${WARM_ROUNDS:-15}"); do
    seconds=$(curl -s -o "$work/batch.json" -w '%{time_total}' -H 'Content-Type: application/x-ndjson' -H "Authorization: Bearer $KEY" \
      --data-binary @"$work/batch.ndjson" localhost:$PORT/v1/decisions/batch)
    if [ "$round" -ge 6 ] && stable "$previous" "$seconds"; then break; fi
    previous=$seconds
  done
  local decided; decided=$(grep -o '"status":200' "$work/batch.json" | wc -l)
  python3 -c "print(f'%-34s {$decided} decided in {$seconds} s = {$decided / $seconds:,.0f} decisions/s (round $round)' % '$label')"
  python3 -c "print($decided / $seconds)" >"$work/$name.rps"
}

# Batch body: 10,000 requests of the same mix as NDJSON.
python3 - "$work/requests.lua" "$work/batch.ndjson" <<'PY'
import re, sys
bodies = re.findall(r"\[\[(.*?)\]\],", open(sys.argv[1]).read())
with open(sys.argv[2], 'w') as out:
    for i in range(10000):
        out.write(bodies[i % len(bodies)] + "\n")
PY

echo "== decision log on"
serve
warm
run "GET /actuator/health" health -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" http://localhost:$PORT/actuator/health
run "POST /v1/decisions (log on)" decisions -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT
peak=$(cat "$work/decisions.rps")
# Half of peak: each connection paces itself to peak/2 divided among the connections.
pace_ms=$(python3 -c "print(round($CONNECTIONS * 1000 / (float('$peak') / 2), 3))")
PACE_MS=$pace_ms run "POST at ~half of peak (paced)" half -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT
batch "POST /v1/decisions/batch (log on)" batchlog
echo "RSS after load: $(( $(ps -o rss= -p "$(cat "$work/pid")") / 1024 )) MB"

echo "== decision log off"
kill "$(cat "$work/pid")"; sleep 2
serve --referrals.decision-log.enabled=false
warm
run "POST /v1/decisions (log off)" nolog -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT
# The baseline again, in this warmed-up JVM: the ratio below compares like with like.
run "GET /actuator/health" healthnolog -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" http://localhost:$PORT/actuator/health
batch "POST /v1/decisions/batch (log off)" batchnolog
echo "RSS after load: $(( $(ps -o rss= -p "$(cat "$work/pid")") / 1024 )) MB"

echo "== ratios"
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
r = {k: float(open(f"{w}/{k}.rps").read()) for k in ("health", "healthnolog", "decisions", "nolog", "half", "batchlog", "batchnolog")}
print(f"decisions / health, same JVM: log off {r['nolog'] / r['healthnolog']:.0%}, log on {r['decisions'] / r['health']:.0%}")
print(f"cost of the decision log: {1 - r['decisions'] / r['nolog']:.0%} of throughput (batch: {1 - r['batchlog'] / r['batchnolog']:.0%})")
print(f"paced run achieved {r['half']:,.0f} req/s = {r['half'] / r['decisions']:.0%} of peak")
PY
