#!/usr/bin/env bash
# Lints the live OpenAPI document with Redocly's recommended rules (redocly.yaml): starts the built service on
# loopback with a throwaway key and an in-memory decision log, fetches /v3/api-docs (and checks the YAML form
# is served too), runs `redocly lint`, and stops the service it started. Fails on any lint error.
#
#   bash src/test/contract/lint.sh        (needs target/referral-decisions.jar, node and npx)
#   PORT=18183 REDOCLY_CLI=@redocly/cli@2.77.0
set -euo pipefail
cd "$(dirname "$0")/../../.."
PORT=${PORT:-18183}
REDOCLY_CLI=${REDOCLY_CLI:-@redocly/cli@2.77.0}
work=$(mktemp -d)
KEY="lint-$(date +%s%N)"
export REFERRALS_SECURITY_API_KEYS_0_SHA256=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
export REFERRALS_SECURITY_API_KEYS_0_ROLES=CALLER
java -Xmx256m -jar target/referral-decisions.jar --server.address=127.0.0.1 --server.port=$PORT --referrals.warmup.decisions=0 \
  "--spring.datasource.url=jdbc:h2:mem:lint;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE" \
  >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
ready=0
for _ in $(seq 1 600); do
  curl -sf 127.0.0.1:$PORT/actuator/health/readiness >/dev/null && { ready=1; break; }
  kill -0 $pid 2>/dev/null || break
  sleep 0.2
done
[ "$ready" = 1 ] || { echo "lint: service did not become ready"; tail -30 "$work/server.log"; exit 1; }
mkdir -p target
curl -sf 127.0.0.1:$PORT/v3/api-docs -o target/api-docs.json
curl -sf 127.0.0.1:$PORT/v3/api-docs.yaml -o target/api-docs.yaml
echo "lint: $(wc -c < target/api-docs.json) bytes of OpenAPI $(grep -o '"openapi":"[^"]*"' target/api-docs.json), version $(grep -o '"version":"[^"]*"' target/api-docs.json | head -1)"
npx -y "$REDOCLY_CLI" lint target/api-docs.json --config redocly.yaml --format=stylish 2>&1 | grep -v -E '^\s*$|Deprecation|Node\.js|nodejs|╔|╚|║' || true
# The exit status is redocly's own (the filter above only drops its banner).
npx -y "$REDOCLY_CLI" lint target/api-docs.json --config redocly.yaml --format=summary >/dev/null 2>&1
