"""The benchmarks' request mix: every golden-case request that decides, as a wrk script that sends them in turn.

    python3 src/bench/request-mix.py OUT.lua        (from the repository root)

The script posts to $BENCH_PATH (default /v1/decisions) with the key in $BENCH_KEY; with $PACE_MS set, each
connection waits a random (exponential) time of that mean before each request, so the load is an arrival rate
rather than as fast as the server answers. Used by http-load.sh, warm-up.sh and log-growth.sh.
"""
import glob
import json
import sys

bodies = []
for f in sorted(glob.glob('test-cases/**/*.json', recursive=True)):
    c = json.load(open(f))
    if 'error' in c.get('expect', {}):
        continue
    r = c['request']
    parts = f.split('/')
    # An area's case is pinned to the version of its folder; a library's case (common/...) names the area it
    # decides through and is decided by date, as the golden runner does.
    if len(parts) >= 4 and 'rulesetVersion' not in r and parts[1] == r.get('area'):
        r['rulesetVersion'] = parts[2]
    bodies.append(json.dumps(r, separators=(',', ':')))
with open(sys.argv[1], 'w') as out:
    out.write('local bodies = {\n' + ''.join('  [[' + b + ']],\n' for b in bodies) + '}\nlocal i = 0\n')
    out.write('local pace = tonumber(os.getenv("PACE_MS") or "0")\n')
    out.write('if pace > 0 then\n  delay = function() return -math.log(1 - math.random()) * pace end\nend\n')
    out.write('request = function()\n  i = i % #bodies + 1\n')
    out.write('  return wrk.format("POST", os.getenv("BENCH_PATH") or "/v1/decisions", {["Content-Type"] = "application/json", '
              '["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")}, bodies[i])\nend\n')
print(f"{len(bodies)} distinct requests in the mix", file=sys.stderr)
