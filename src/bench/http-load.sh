#!/usr/bin/env bash
# HTTP load benchmark: decisions against the service's own ceiling, and the decision log's cost, measured side by
# side in one run. Starts one service per configuration, all at once on their own ports (each with the bench
# profile, which adds the ceiling endpoints), warms them up in turn (the JIT keeps compiling for minutes on
# 2 cores), then measures them in alternating rounds, so that a machine shared with other work slows each
# configuration alike and the ratios compare like with like:
#   ceiling: GET /v1/bench/hello, POST /v1/bench/ceiling (a canned decision, ~5 KB) and GET /actuator/health,
#                               on the log-off service: same JVM, same filters and key check, no deciding
#   log off                     --referrals.decision-log.enabled=false
#   log on, H2 file             the embedded default (sealed bodies, one fsync per group commit)
#   log on, PostgreSQL          only if PG_URL (and PG_USER, PG_PASSWORD) are set, e.g.
#                               PG_URL=jdbc:postgresql://localhost:5432/referrals_bench PG_USER=referrals_bench PG_PASSWORD=...
# Each round drives POST /v1/decisions with a realistic mix of golden-case requests (wrk, loopback) and records
# decisions/s, p50/p99 and the service's CPU per request (utime+stime from /proc/<pid>/stat over the round,
# divided by the requests answered). Then, per configuration: p50/p99 at about half of its peak (requests paced
# by the script), GET /actuator/health (the framework baseline) and, with BATCH=1, a 10,000-item batch.
#
#   bash src/bench/http-load.sh [seconds per round, default 30] [connections, default 32]
#
# Warm-up: 20 s rounds per configuration in turn, at least MIN_WARM_ROUNDS (6), at most WARM_ROUNDS (15), until
# each configuration's last two rounds agree within 5 %; then ROUNDS (default 3) measured rounds;
# JFR_DIR=DIR records each service with Java Flight Recorder (DIR/off.jfr, h2.jfr, pg.jfr; read with jfr print).
# With two configurations and the defaults a run takes about 12 minutes; with PostgreSQL about 18.
#
# JAVA_OPTS defaults to what the README recommends for a server (-Xmx512m -XX:+UseParallelGC).
# Needs: a built jar (mvn -B -q package -DskipTests), wrk (apt-get install -y wrk), python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-30}
CONNECTIONS=${2:-32}
PORT=${PORT:-18080}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC -XX:SharedArchiveFile=target/extracted/referral-decisions.jsa}
work=$(mktemp -d)
KEY="bench-$(date +%s%N)"
export REFERRALS_SECURITY_API_KEYS_0_SHA256=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
export REFERRALS_SECURITY_API_KEYS_0_ROLES=CALLER,REVIEWER
trap 'for f in "$work"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; wait; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
JAR=${JAR:-target/extracted/referral-decisions.jar}  # as the README starts it; JAR=target/referral-decisions.jar for the single file
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 2; }
# The request mix: every valid golden case request, one per wrk request in turn.
python3 src/bench/request-mix.py "$work/requests.lua"

export BENCH_KEY=$KEY
names=(off h2)
labels=("log off" "log on, H2 file")
if [ -n "${PG_URL:-}" ]; then names+=(pg); labels+=("log on, PostgreSQL"); fi

serve() { # name, port
  local name=$1 port=$2 start; start=$(date +%s%N)
  local args=("--referrals.decision-log.master-key-file=$work/$name/master.key" "--referrals.decision-log.key-dir=$work/$name/keys"
    "--referrals.decision-log.checkpoint-dir=$work/$name/checkpoints")
  case $name in
    pg) args+=("--spring.datasource.url=$PG_URL" "--spring.datasource.username=${PG_USER:-referrals}" "--spring.datasource.password=${PG_PASSWORD:-}") ;;
    *) args+=("--spring.datasource.url=jdbc:h2:file:$work/$name/log;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=100;RETENTION_TIME=2000;DB_CLOSE_ON_EXIT=FALSE") ;;
  esac
  [ "$name" = off ] && args+=(--referrals.decision-log.enabled=false)
  # JFR_DIR=/some/dir: a Flight Recording of each service (profile settings), written when it stops.
  local jfr=(); [ -n "${JFR_DIR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$JFR_DIR/$name.jfr,settings=profile")
  java $JAVA_OPTS "${jfr[@]}" -jar "$JAR" --server.port=$port --spring.profiles.active=bench "${args[@]}" >"$work/$name.log" 2>&1 &
  echo $! >"$work/$name.pid"
  until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do
    kill -0 "$(cat "$work/$name.pid")" 2>/dev/null || { echo "$name did not start:"; tail -20 "$work/$name.log"; exit 1; }
    sleep 0.2
  done
  echo "$name: start-up to ready $(( ($(date +%s%N) - start) / 1000000 )) ms; RSS at ready $(( $(ps -o rss= -p "$(cat "$work/$name.pid")") / 1024 )) MB"
}

cpu_ticks() { # name: utime + stime of that service so far (clock ticks)
  awk '{print $14 + $15}' "/proc/$(cat "$work/$1.pid")/stat"
}

run() { # label, name, result file, wrk args...: appends "rps p50 p99 cpu_us_per_request non2xx" to the result file
  local label=$1 name=$2 file=$3; shift 3
  local before after; before=$(cpu_ticks "$name")
  wrk --latency "$@" >"$work/last.txt"
  after=$(cpu_ticks "$name")
  local rps p50 p99 total cpu errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/last.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/last.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/last.txt")
  total=$(awk '/requests in/ {print $1}' "$work/last.txt")
  cpu=$(python3 -c "print(round(($after - $before) * 1e6 / $(getconf CLK_TCK) / max(1, $total)))")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/last.txt"); errors=${errors:-0}
  printf '  %-40s %9s req/s   p50 %8s   p99 %8s   CPU %5s us/req   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "$cpu" "$errors"
  echo "$rps $p50 $p99 $cpu $errors" >>"$work/$file"
}

stable() { # previous, latest: within 5 %?
  python3 -c "import sys; a, b = float('$1'), float('$2'); sys.exit(0 if a > 0 and abs(b - a) / a < 0.05 else 1)"
}

batch() { # name, port: a 10,000-item NDJSON batch, 6 times; the last one counts
  local name=$1 port=$2 seconds round decided
  for round in 1 2 3 4 5 6; do
    seconds=$(curl -s -o "$work/batch.json" -w '%{time_total}' -H 'Content-Type: application/x-ndjson' -H "Authorization: Bearer $KEY" \
      --data-binary @"$work/batch.ndjson" localhost:$port/v1/decisions/batch)
  done
  decided=$(grep -o '"status":200' "$work/batch.json" | wc -l)
  python3 -c "print(f'  batch: {$decided} decided in {$seconds} s = {$decided / $seconds:,.0f} decisions/s')"
}

# Batch body: 10,000 requests of the same mix as NDJSON.
python3 - "$work/requests.lua" "$work/batch.ndjson" <<'PY'
import re, sys
bodies = re.findall(r"\[\[(.*?)\]\],", open(sys.argv[1]).read())
with open(sys.argv[2], 'w') as out:
    for i in range(10000):
        out.write(bodies[i % len(bodies)] + "\n")
PY

echo "== start"
for i in "${!names[@]}"; do serve "${names[$i]}" $((PORT + i)); done

# A configuration that decides fewer requests a second (the log on) also compiles its hot paths later: warming
# for a fixed time would measure it half-compiled. So every configuration warms until its own last two rounds
# agree within 5 % (at least MIN_WARM_ROUNDS, at most WARM_ROUNDS).
echo "== warm-up: rounds of 20 s each, in turn, until every configuration is stable"
declare -A previous
for round in $(seq 1 "${WARM_ROUNDS:-15}"); do
  line="  round $round:" all_stable=1
  for i in "${!names[@]}"; do
    rps=$(wrk -t2 -c"$CONNECTIONS" -d20s -s "$work/requests.lua" http://localhost:$((PORT + i)) | awk '/Requests\/sec/ {print $2}')
    line="$line ${names[$i]} $rps/s"
    stable "${previous[${names[$i]}]:-0}" "$rps" || all_stable=0
    previous[${names[$i]}]=$rps
  done
  echo "$line"
  if [ "$round" -ge "${MIN_WARM_ROUNDS:-6}" ] && [ "$all_stable" = 1 ]; then break; fi
done
[ "$all_stable" = 1 ] || echo "  (not all stable after ${WARM_ROUNDS:-15} rounds: the figures below are still warming up)"

ceiling() { # round label prefix: the three ceiling endpoints on the log-off service, at full load
  local auth="Authorization: Bearer $KEY"
  run "$1 ceiling, GET /v1/bench/hello" off ceiling-hello.rounds -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -H "$auth" http://localhost:$PORT/v1/bench/hello
  BENCH_PATH=/v1/bench/ceiling run "$1 ceiling, POST /v1/bench/ceiling" off ceiling-post.rounds -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$PORT
  run "$1 ceiling, GET /actuator/health" off ceiling-health.rounds -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" http://localhost:$PORT/actuator/health
}
# The ceiling endpoints compile in a round or two; the rounds above warmed everything they share with decisions.
SECONDS_PER_RUN=10 ceiling "warm-up," >/dev/null
rm -f "$work"/ceiling-*.rounds

echo "== measured: ${ROUNDS:-3} rounds of ${SECONDS_PER_RUN} s, configurations in turn"
for round in $(seq 1 "${ROUNDS:-3}"); do
  ceiling "round $round,"
  for i in "${!names[@]}"; do
    run "round $round, ${labels[$i]}" "${names[$i]}" "${names[$i]}.rounds" -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$((PORT + i))
  done
done

echo "== per configuration: ~half of its peak (paced), batch"
for i in "${!names[@]}"; do
  name=${names[$i]} port=$((PORT + i))
  peak=$(python3 -c "import statistics; print(statistics.median(float(l.split()[0]) for l in open('$work/$name.rounds')))")
  # Half of peak: each connection paces itself to peak/2 divided among the connections.
  pace_ms=$(python3 -c "print(round($CONNECTIONS * 1000 / ($peak / 2), 3))")
  PACE_MS=$pace_ms run "${labels[$i]}, paced to ~half of peak" "$name" "$name.half" -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$work/requests.lua" http://localhost:$port
  if [ "${BATCH:-0}" = 1 ]; then batch "$name" "$port"; fi
  echo "  ${labels[$i]}: RSS after load $(( $(ps -o rss= -p "$(cat "$work/$name.pid")") / 1024 )) MB"
done
if [ -f "$work/h2/log.mv.db" ]; then
  rows=$(curl -s -H "Authorization: Bearer $KEY" localhost:$((PORT + 1))/v1/decisions/verify | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])')
  size=$(du -b "$work/h2/log.mv.db" | cut -f1)
  echo "H2 file after the run: $size bytes for $rows decisions = $((size / rows)) bytes a decision"
fi

echo "== side by side (one run: $(nproc) cores, $CONNECTIONS connections, JAVA_OPTS $JAVA_OPTS, medians of ${ROUNDS:-3} rounds of ${SECONDS_PER_RUN} s)"
python3 - "$work" "${names[@]}" <<'PY'
import statistics, sys
w, names = sys.argv[1], sys.argv[2:]
labels = {"ceiling-hello": "GET /v1/bench/hello", "ceiling-post": "POST /v1/bench/ceiling", "ceiling-health": "GET /actuator/health",
          "off": "decisions, log off", "h2": "decisions, log on, H2", "pg": "decisions, log on, PG"}
rows = {n: [l.split() for l in open(f"{w}/{n}.rounds")] for n in ["ceiling-hello", "ceiling-post", "ceiling-health"] + names}
def med(n, i):
    return statistics.median(float(r[i]) for r in rows[n])
def p99(n):  # the round with the median throughput
    rs = sorted(rows[n], key=lambda r: float(r[0]))
    return rs[len(rs) // 2][2]
off, ceiling = med("off", 0), med("ceiling-post", 0)
print(f"{'endpoint':<26} {'req/s':>8} {'p99':>9} {'CPU us/req':>11} {'vs ceiling':>11} {'vs log off':>11} {'per round':>18} {'p99 at ~half':>13}")
for n in rows:
    per_round = [float(r[0]) / float(o[0]) for r, o in zip(rows[n], rows["off"])]
    half = open(f"{w}/{n}.half").read().split()[2] if n in names else ""
    print(f"{labels[n]:<26} {med(n, 0):>8,.0f} {p99(n):>9} {med(n, 3):>11,.0f} {med(n, 0) / ceiling:>11.0%} {med(n, 0) / off:>11.0%} "
          f"{min(per_round):>8.0%}-{max(per_round):<8.0%} {half:>13}")
PY
