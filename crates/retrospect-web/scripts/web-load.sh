#!/usr/bin/env bash
# Load benchmark for the post-mortem page: 10,000 post-mortems stored, then
# wrk against /pm/{id}, paced to about 500 requests per second (plain wrk has
# no -R; a Lua delay paces each connection), and once unpaced for the ceiling.
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
CONNECTIONS="${CONNECTIONS:-10}"
# Each connection waits this long between requests: 10 connections x 1/20 ms = 500/s at most.
DELAY_MS="${DELAY_MS:-20}"
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

cat >"$tmp/paced.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
function delay() return $DELAY_MS end
LUA
cat >"$tmp/unpaced.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA

echo "== warm-up"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$tmp/unpaced.lua" "http://127.0.0.1:$PORT/pm/$pm" >/dev/null
echo "== paced (about 500 requests/s), $DURATION, $CONNECTIONS connections"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$tmp/paced.lua" "http://127.0.0.1:$PORT/pm/$pm"
echo "== unpaced (the ceiling), $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$tmp/unpaced.lua" "http://127.0.0.1:$PORT/pm/$pm"
