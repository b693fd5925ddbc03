#!/bin/bash
# The README's failure table: what the launcher names, how long after the fault it exits, and what is left.
#
#   ipc-aeron/src/test/scripts/fault-table.sh [TRANSPORT] [RUNS]   (after mvn package; default: aeron-ipc 1)
#
# (chronicle runs with ipc-chronicle.jar and has no media driver; its kept queues are removed after each run.)
# For every process of a run (media driver, if the transport has one, and the five stages) and for SIGKILL and
# SIGSTOP: starts a long run (batch 100, --hung-after-s 2), waits until every stage is ready and a second more, sends
# the signal, and prints the time from the signal to the launcher's exit, its exit status, the process it named, and
# what is left (processes naming the run directory, the run directory). Then SIGKILL of the launcher: the time until
# no process of the run is alive and the run directory is gone.
set -u
transport="${1:-aeron-ipc}"
jar="$(dirname "$0")/../../../target/ipc-aeron.jar"
[ "$transport" = "chronicle" ] && jar="$(dirname "$0")/../../../../ipc-chronicle/target/ipc-chronicle.jar"
runs="${2:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

start_run()
{
    java -cp "$jar" SplitPipeline --transport "$transport" --batch 100 --events 500000000 --timeout-s 120 \
        --hung-after-s 2 --progress-s 0 >"$work/out" 2>"$work/err" &
    launcher=$!
    dir=""
    for attempt in $(seq 1 1200)
    do
        dir=$(grep -o 'run directory [^ ]*' "$work/out" 2>/dev/null | cut -d' ' -f3)
        [ -n "$dir" ] && grep -q "ready: ingest" "$dir/ingest.log" 2>/dev/null && break
        sleep 0.05
    done
    sleep 1
}

leftovers()
{
    local procs
    procs=$(pgrep -f -- "$dir" | wc -l)
    echo "left: ${procs} processes, run directory $([ -e "$dir" ] && echo present || echo gone)$(
        [ -e "$dir-queues" ] && echo ", queues kept: $(du -sh "$dir-queues" | cut -f1)")"
}

victims="ingest parse rules aggregate sink"
[ "$transport" != "chronicle" ] && victims="media-driver $victims"
for run in $(seq 1 "$runs")
do
    for signal in KILL STOP
    do
        for victim in $victims
        do
            start_run
            if [ "$victim" = "media-driver" ]
            then
                pid=$(pgrep -P "$launcher" -f -- "MediaDriverMain")
            else
                pid=$(pgrep -P "$launcher" -f -- "--stage $victim ")
            fi
            t0=$(now_ms)
            kill -"$signal" "$pid"
            wait "$launcher"
            status=$?
            t1=$(now_ms)
            named=$(grep -o '^SplitPipeline: [^:]*\(failed\|hung\)' "$work/err" | head -1)
            echo "SIG$signal $victim: exit $status after $((t1 - t0)) ms, named: ${named#SplitPipeline: }; $(leftovers)"
            rm -rf "$dir-queues"
        done
    done
    start_run
    children=$(pgrep -P "$launcher" | tr '\n' ' ')
    t0=$(now_ms)
    kill -KILL "$launcher"
    for attempt in $(seq 1 400)
    do
        alive=0
        for child in $children
        do
            kill -0 "$child" 2>/dev/null && alive=$((alive + 1))
        done
        [ "$alive" -eq 0 ] && [ ! -e "$dir" ] && break
        sleep 0.05
    done
    t1=$(now_ms)
    echo "SIGKILL launcher: every child gone after $((t1 - t0)) ms; $(leftovers)"
done
