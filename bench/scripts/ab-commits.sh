#!/usr/bin/env bash
# Throughput of two commits side by side: builds both (in temporary git worktrees), generates one input file, then
# runs every row with the old and the new jars alternately, round by round, and prints each row's medians and ratio.
# Cold regime: fresh JVMs, the whole run measured, the file read from the page cache. For commits older than the
# report's --summary option, which bench.jar needs; newer pairs can use bench.jar --compare instead.
#
# usage: bench/scripts/ab-commits.sh OLD_REV NEW_REV ROUNDS EVENTS ROW...
#   ROW: monolith | fused | aeron-ipc:BATCH | aeron-udp:BATCH | chronicle:BATCH   (BATCH 0 = adaptive)
# e.g.:  bench/scripts/ab-commits.sh 14afbe5 HEAD 5 10000000 monolith aeron-ipc:100 aeron-ipc:0 chronicle:100
set -euo pipefail
[ $# -ge 5 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
old=$1; new=$2; rounds=$3; events=$4; shift 4
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/eventpipe-ab-XXXXXX")
cleanup()
{
    for v in old new; do git -C "$repo" worktree remove --force "$work/$v" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
for v in old new; do
    rev=$([ $v = old ] && echo "$old" || echo "$new")
    git -C "$repo" worktree add -q --detach "$work/$v" "$rev"
    (cd "$work/$v" && mvn -B -q -DskipTests package) || { echo "build of $rev failed" >&2; exit 2; }
done
input=$work/input.ndjson
java -cp "$work/new/core/target/core.jar" Monolith --events "$events" --write-input "$input" > /dev/null
results=$work/results.txt
for r in $(seq 1 "$rounds"); do
    for row in "$@"; do
        for v in old new; do
            d=$work/$v
            case $row in
                monolith) cmd=(java -cp "$d/core/target/core.jar" Monolith);;
                fused) cmd=(java -cp "$d/core/target/core.jar" Monolith --fused);;
                chronicle:*) cmd=(java -cp "$d/ipc-chronicle/target/ipc-chronicle.jar" SplitPipeline
                    --transport chronicle --batch "${row#*:}");;
                *) cmd=(java -cp "$d/ipc-aeron/target/ipc-aeron.jar" SplitPipeline --transport "${row%%:*}"
                    --batch "${row#*:}");;
            esac
            mps=$("${cmd[@]}" --input "$input" 2>&1 | grep -o 'throughput: [0-9.]*' | cut -d' ' -f2 || true)
            echo "$r $row $v ${mps:-FAILED}" | tee -a "$results"
        done
    done
done
python3 - "$results" "$old" "$new" "$events" <<'PY'
import sys, statistics, collections
path, old, new, events = sys.argv[1:5]
runs = collections.defaultdict(list)
rows = []
for line in open(path):
    r, row, v, mps = line.split()
    if row not in rows:
        rows.append(row)
    if mps != "FAILED":
        runs[(row, v)].append(float(mps))
print(f"cold, {int(events):,} events from a page-cached file, {max(len(x) for x in runs.values())} interleaved rounds; "
      f"old={old} new={new}; M events/s, medians")
print(f"{'row':<16}{'old':>8}{'new':>8}{'new/old':>9}   runs old | new")
for row in rows:
    o, n = runs[(row, "old")], runs[(row, "new")]
    if o and n:
        print(f"{row:<16}{statistics.median(o):8.2f}{statistics.median(n):8.2f}"
              f"{statistics.median(n) / statistics.median(o):8.2f}x   {o} | {n}")
PY
