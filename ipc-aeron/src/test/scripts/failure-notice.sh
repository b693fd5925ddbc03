#!/bin/bash
# How long after a stage dies the SplitPipeline launcher notices it (README "Failure").
#
#   ipc-aeron/src/test/scripts/failure-notice.sh [STAGE] [RUNS]     (after mvn package; default: rules 10)
#
# Starts a long aeron-ipc run, waits until every stage is ready and a second more, kills STAGE with SIGKILL, and
# prints the launcher's exit status and the figure it prints: "noticed X ms after its exit", from when the JDK
# reported the child's exit (Process.onExit) to when the launcher's supervising loop saw it.
set -u
jar="$(dirname "$0")/../../../target/ipc-aeron.jar"
stage="${1:-rules}"
runs="${2:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for run in $(seq 1 "$runs")
do
    java -cp "$jar" SplitPipeline --batch 100 --events 500000000 --timeout-s 120 >"$work/out" 2>"$work/err" &
    launcher=$!
    for attempt in $(seq 1 1200)
    do
        dir=$(grep -o 'run directory [^ ]*' "$work/out" 2>/dev/null | cut -d' ' -f3)
        [ -n "$dir" ] && grep -q "ready: ingest" "$dir/ingest.log" 2>/dev/null && break
        sleep 0.05
    done
    sleep 1
    kill -KILL "$(pgrep -P "$launcher" -f -- "--stage $stage ")"
    wait "$launcher"
    status=$?
    echo "run $run: exit $status, $(grep -o "stage $stage failed: .*noticed [0-9.]* ms after its exit" "$work/err")"
done
