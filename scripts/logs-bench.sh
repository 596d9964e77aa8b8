#!/usr/bin/env bash
# Side-by-side throughput: retrospect-logs (1 GiB corpus, end to end),
# `wc -l` on the same file, and drain3 (Python, in a throwaway venv under
# /tmp) on a 32 MiB slice. Also reports peak RSS of retrospect-logs.
# Usage: scripts/logs-bench.sh [CORPUS_FILE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-logs}"
corpus="${1:-$("$root/scripts/logs-make-corpus.sh")}"
size=$(stat -c %s "$corpus")
mb=$(awk -v s="$size" 'BEGIN{printf "%.1f", s/1e6}')
cargo build --release -q -p retrospect-logs --bin logs-bench --manifest-path "$root/Cargo.toml"
bench="$CARGO_TARGET_DIR/release/logs-bench"

t0=$(date +%s.%N); wc -l "$corpus" >/dev/null; t1=$(date +%s.%N)
wc_mbs=$(awk -v s="$size" -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", s/1e6/(b-a)}')

/usr/bin/time -v "$bench" "$corpus" > /tmp/logs-bench.out 2> /tmp/logs-bench.time
ours=$(cut -f2 /tmp/logs-bench.out | awk '{print $1}')
rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); printf "%.0f", $2/1024}' /tmp/logs-bench.time)

slice="$(dirname "$corpus")/slice32.log"
head -c $((32 * 1024 * 1024)) "$corpus" > "$slice" || true
venv=/tmp/logs-drain3-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q drain3
fi
drain_mbs=$("$venv/bin/python" - "$slice" <<'PY'
import sys, time, logging, os
logging.disable(logging.CRITICAL)
from drain3 import TemplateMiner
from drain3.template_miner_config import TemplateMinerConfig
cfg = TemplateMinerConfig(); cfg.profiling_enabled = False
m = TemplateMiner(config=cfg)
path = sys.argv[1]
t = time.time()
with open(path, "r", errors="replace") as f:
    for line in f:
        m.add_log_message(line.rstrip("\n"))
dt = time.time() - t
print(f"{os.path.getsize(path)/1e6/dt:.1f}")
PY
)
printf '\n%-28s %12s %10s\n' "tool" "input" "MB/s"
printf '%-28s %12s %10s\n' "retrospect-logs (2 cores)" "${mb} MB" "$ours"
printf '%-28s %12s %10s\n' "wc -l" "${mb} MB" "$wc_mbs"
printf '%-28s %12s %10s\n' "drain3 (python)" "33.6 MB" "$drain_mbs"
echo "retrospect-logs peak RSS: ${rss} MB"
cat /tmp/logs-bench.out
