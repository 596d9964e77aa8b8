#!/usr/bin/env bash
# End-to-end evidence benchmark: generates an mbox of N messages (default
# 100,000) in a temporary folder and imports it into a fresh post-mortem with
# `retrospect evidence add`, through the importer and the store, printing the
# time and the peak resident memory. Usage: scripts/evidence-bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-100000}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p retrospect
bin="$target/release/retrospect"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/big.mbox" "$messages" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
zones = ["+0000", "+0200", "-0700", "+0530"]
with open(path, "w") as out:
    for i in range(n):
        thread = i // 10
        day, hour, minute = 1 + (i // 1440) % 28, (i // 60) % 24, i % 60
        reply = i % 10 != 0
        out.write("From ops@example.org Tue Mar  5 10:00:00 2024\n")
        out.write(f"From: Person {i % 37} <p{i % 37}@example.org>\n")
        out.write(f"Subject: {'Re: ' if reply else ''}Incident {thread} follow-up\n")
        out.write(f"Date: Tue, {day:02} Mar 2024 {hour:02}:{minute:02}:00 {zones[i % 4]}\n")
        out.write(f"Message-ID: <m{i}@example.org>\n")
        if reply:
            out.write(f"In-Reply-To: <m{i-1}@example.org>\nReferences: <m{thread*10}@example.org>\n")
        out.write(f"\nUpdate {i}: the replica is catching up.\n")
        out.write("The lag grew while the batch job ran; we watched the graphs.\n" * 20)
        out.write("\nOn Tue, someone wrote:\n> earlier text\n\n-- \nOps team\n\n")
PY
size=$(stat -c %s "$work/big.mbox")
export RETROSPECT_DATABASE_URL="$work/bench.db"
"$bin" new "Replica lag" --format json >/dev/null
echo "mbox: $messages messages, $((size / 1024 / 1024)) MiB"
/usr/bin/time -f "elapsed %e s, peak RSS %M KiB" "$bin" evidence add 1 "$work/big.mbox" --format json > "$work/summary.json"
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print('entries added:', s['proposed_entries_added'])" "$work/summary.json"
