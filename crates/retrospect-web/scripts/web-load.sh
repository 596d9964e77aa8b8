#!/usr/bin/env bash
# Load benchmark for the post-mortem page: 10,000 post-mortems stored, then
# wrk against /pm/{id}, paced to RATE requests per second (plain wrk has no
# -R; a Lua delay paces each connection, calibrated by a short run so that the
# achieved rate lands on RATE), and once unpaced for the ceiling.
#
#   crates/retrospect-web/scripts/web-load.sh            # SQLite in a temp dir
#   DATABASE_URL=postgres://… crates/retrospect-web/scripts/web-load.sh
#
# Needs: wrk (apt-get install wrk). Prints the latency distribution.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
COUNT="${COUNT:-10000}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-20}"
RATE="${RATE:-500}"
PORT="${PORT:-18080}"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
cargo build --release -q -p retrospect-web --example seed --example serve

tmp=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
url="${DATABASE_URL:-sqlite://$tmp/bench.db}"
if [[ "$url" == postgres* ]]; then
  # Start from an empty schema so the count is exact.
  psql "$url" -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
fi

echo "== seeding $COUNT post-mortems into ${url%%\?*}"
start=$(date +%s)
line=$("$CARGO_TARGET_DIR/release/examples/seed" "$url" "$COUNT" 2>/dev/null | tail -n 1)
echo "   took $(( $(date +%s) - start ))s: ${line#TOKEN=* }"
token=$(sed -E 's/.*TOKEN=([^ ]+).*/\1/' <<<"$line")
pm=$(sed -E 's/.*PM=([0-9]+).*/\1/' <<<"$line")

RETROSPECT_LOG=warn RETROSPECT_JSON_LOGS=true "$CARGO_TARGET_DIR/release/examples/serve" "$url" "127.0.0.1:$PORT" &
server=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/pm/$pm")
[ "$status" = 200 ] || { echo "the post-mortem page answered $status" >&2; exit 1; }

paced() { # $1 = delay in ms between one connection's requests
  cat >"$tmp/paced.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
function delay() return $1 end
LUA
}
cat >"$tmp/unpaced.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
rate_of() { awk '/Requests\/sec/ {print $2}'; }

echo "== warm-up"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$tmp/unpaced.lua" "http://127.0.0.1:$PORT/pm/$pm" >/dev/null
# Each connection sends one request every (delay + latency): calibrate the
# delay on a short run so that CONNECTIONS / (delay + latency) = RATE.
delay=$(( CONNECTIONS * 1000 / RATE ))
paced "$delay"
got=$(wrk -t2 -c"$CONNECTIONS" -d5s -s "$tmp/paced.lua" "http://127.0.0.1:$PORT/pm/$pm" | rate_of)
delay=$(awk -v c="$CONNECTIONS" -v r="$RATE" -v d="$delay" -v got="$got" \
  'BEGIN { l = c * 1000 / got - d; x = c * 1000 / r - l; if (x < 0) x = 0; printf "%d", x + 0.5 }')
paced "$delay"
echo "== paced to $RATE requests/s ($CONNECTIONS connections, ${delay} ms apart each; calibration run gave $got/s), $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$tmp/paced.lua" "http://127.0.0.1:$PORT/pm/$pm"
echo "== unpaced (the ceiling), $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$tmp/unpaced.lua" "http://127.0.0.1:$PORT/pm/$pm"
