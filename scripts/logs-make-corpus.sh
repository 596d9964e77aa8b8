#!/usr/bin/env bash
# Builds a ~1 GiB log corpus by repeating the ten loghub-2k logs (shared test
# data, never copied into the repository) in a temporary folder.
# Usage: scripts/logs-make-corpus.sh [OUT_DIR] [SIZE_MIB]   (prints the file path)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
data="${LOGHUB_DIR:-$here/../shared/data/loghub}"
out="${1:-$(mktemp -d /tmp/logs-corpus.XXXXXX)}"
size_mib="${2:-1024}"
[ -d "$data" ] || { echo "loghub data not found at $data" >&2; exit 1; }
mkdir -p "$out"
one="$out/once.log"
: > "$one"
for s in Apache BGL HDFS Hadoop HealthApp Linux Mac OpenSSH Spark Zookeeper; do
  cat "$data/$s/${s}_2k.log" >> "$one"; echo >> "$one"
done
corpus="$out/corpus.log"
target=$((size_mib * 1024 * 1024))
# Double up to the target size quickly.
cp "$one" "$corpus.part"
while [ "$(stat -c %s "$corpus.part")" -lt $((target / 2)) ]; do
  cat "$corpus.part" "$corpus.part" > "$corpus.tmp" && mv "$corpus.tmp" "$corpus.part"
done
cat "$corpus.part" "$corpus.part" | head -c "$target" > "$corpus" || true
rm -f "$corpus.part" "$one"
echo "$corpus"
