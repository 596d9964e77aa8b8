#!/usr/bin/env bash
# Side-by-side throughput: retrospect-logs (1 GiB corpus, end to end:
# reading, timestamps, mining), `wc -l` on the same file, and drain3
# (Python, in a throwaway venv under /tmp) on a 32 MiB slice. Other work on
# the machine changes wall-clock figures a lot, so retrospect-logs and wc run
# RUNS times (default 5): best and median are printed with the load average,
# and CPU seconds (user + sys), which depend much less on the load.
# Usage: [RUNS=5] scripts/logs-bench.sh [CORPUS_FILE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-logs}"
runs="${RUNS:-5}"
corpus="${1:-$("$root/scripts/logs-make-corpus.sh")}"
size=$(stat -c %s "$corpus")
mb=$(awk -v s="$size" 'BEGIN{printf "%.1f", s/1e6}')
cargo build --release -q -p retrospect-logs --bin logs-bench --manifest-path "$root/Cargo.toml"
bench="$CARGO_TARGET_DIR/release/logs-bench"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# One line per run: wall_s cpu_s rss_kb
: > /tmp/logs-bench.runs
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %S %M" -o /tmp/logs-bench.time "$bench" "$corpus" > /tmp/logs-bench.out
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' /tmp/logs-bench.time >> /tmp/logs-bench.runs
done
: > /tmp/logs-bench.wc
for _ in $(seq "$runs"); do
  t0=$(date +%s.%N); wc -l "$corpus" >/dev/null; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}' >> /tmp/logs-bench.wc
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

summary() { # file column -> "best median" in MB/s (lower time is better)
  sort -n -k"$2" "$1" | awk -v s="$size" -v c="$2" '{t[NR]=$c} END{
    printf "%.1f %.1f", s/1e6/t[1], s/1e6/t[int((NR+1)/2)]}'
}
read -r ours_best ours_median <<< "$(summary /tmp/logs-bench.runs 1)"
read -r wc_best wc_median <<< "$(summary /tmp/logs-bench.wc 1)"
best_cpu=$(sort -n -k1 /tmp/logs-bench.runs | head -1 | cut -d' ' -f2)
rss=$(sort -n -k3 /tmp/logs-bench.runs | tail -1 | awk '{printf "%.0f", $3/1024}')

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
slice_mb=$(awk -v s="$(stat -c %s "$slice")" 'BEGIN{printf "%.1f", s/1e6}')
printf '\n%-28s %12s %14s %14s\n' "tool" "input" "best MB/s" "median MB/s"
printf '%-28s %12s %14s %14s\n' "retrospect-logs (2 cores)" "${mb} MB" "$ours_best" "$ours_median"
printf '%-28s %12s %14s %14s\n' "wc -l" "${mb} MB" "$wc_best" "$wc_median"
printf '%-28s %12s %14s %14s\n' "drain3 (python)" "${slice_mb} MB" "$drain_mbs" "(1 run)"
echo "runs: $runs; load average before: $load_before, after: $load_after"
echo "retrospect-logs best run: ${best_cpu} CPU seconds (user+sys); peak RSS of all runs: ${rss} MB"
cat /tmp/logs-bench.out
