#!/usr/bin/env bash
# Runs one split pipeline over aeron-udp on two "hosts", each with its own media driver and its own aeron directory,
# from the commands `SplitPipeline --print-commands --host ...` prints, started as printed; then checks that the
# sink's results equal the monolith's on the same events.
#
#   host A: ingest, parse                     host B: rules, aggregate, sink
#   (127.0.0.1, or 10.201.0.1 with --netns)   (127.0.0.2, or 10.201.0.2 with --netns)
#
# Every edge's endpoint is the address of the host that receives it. With --netns (as root) the two hosts are two
# network namespaces joined by a veth pair on 10.201.0.0/30, not bridged to anything: traffic stays inside them.
#
# It builds nothing: it takes ipc-aeron/target/ipc-aeron.jar (or bench/target/bench.jar) and core/target/core.jar
# beside this script's folder (build them with `mvn -q -DskipTests package`).
#
# Exit status: 0 results equal; 1 the run failed (a process died, the timeout passed) or the results differ;
# 2 bad option or missing jar; 77 (--netns only) network namespaces cannot be made here (not root, no `ip`, not
# permitted), so that a test can skip; 130/143 interrupted. On every path it stops every process it started and
# removes every directory and namespace it made (the logs are kept with --keep-logs).
set -euo pipefail

readonly NETNS_UNAVAILABLE=77
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
script="$(basename "$0")"

events=200000
timeout_s=120
keep_logs=false
netns=false

usage()
{
    cat <<EOF
Usage: $script [--events N] [--timeout-s S] [--keep-logs] [--netns]
  --events N     events to generate (default $events)
  --timeout-s S  fail the run if it has not finished after S seconds (default $timeout_s)
  --keep-logs    keep the folder with the printed commands, every process's log and both results files
  --netns        the two hosts are two network namespaces joined by a veth pair (root only; exit 77 if not possible)
EOF
}

fail_usage()
{
    echo "$script: $1" >&2
    exit 2
}

while [[ $# -gt 0 ]]
do
    case "$1" in
        --events) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || fail_usage "--events needs a positive number"
            events="$2"; shift 2 ;;
        --timeout-s) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || fail_usage "--timeout-s needs a positive number"
            timeout_s="$2"; shift 2 ;;
        --keep-logs) keep_logs=true; shift ;;
        --netns) netns=true; shift ;;
        -h|--help) usage; exit 0 ;;
        *) fail_usage "unknown option '$1' (see --help)" ;;
    esac
done

launcher_jar="$root/ipc-aeron/target/ipc-aeron.jar"
[[ -f "$launcher_jar" ]] || launcher_jar="$root/bench/target/bench.jar"
[[ -f "$launcher_jar" ]] || fail_usage "no $root/ipc-aeron/target/ipc-aeron.jar nor $root/bench/target/bench.jar; \
build them first: mvn -q -DskipTests package"
monolith_jar="$root/core/target/core.jar"
[[ -f "$monolith_jar" ]] || fail_usage "no $monolith_jar; build it first: mvn -q -DskipTests package"
java="java"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && java="$JAVA_HOME/bin/java"

# what the EXIT trap undoes, filled as it is made
work=""
pids=()
names=()
remove_line=""
namespaces=()
veth=""

cleanup()
{
    local status=$?
    trap - EXIT INT TERM
    local pid
    for pid in "${pids[@]}"
    do
        kill -TERM "$pid" 2>/dev/null || true
    done
    local deadline=$((SECONDS + 10))
    for pid in "${pids[@]}"
    do
        while kill -0 "$pid" 2>/dev/null && [[ $SECONDS -lt $deadline ]]
        do
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$remove_line" ]]
    then
        # the printed `rm -rf RUNDIR`: only ever a path under /dev/shm the launcher printed
        bash -c "$remove_line" || true
    fi
    local ns
    for ns in "${namespaces[@]}"
    do
        ip netns del "$ns" 2>/dev/null || true
    done
    if [[ -n "$veth" ]]
    then
        # gone with its namespace; only if the namespace was never made
        ip link del "$veth" 2>/dev/null || true
    fi
    if [[ -n "$work" ]]
    then
        if $keep_logs
        then
            echo "$script: logs kept in $work"
        else
            rm -rf "$work"
        fi
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# $1 = A or B: the command prefix that runs a process on that host
declare -A on_host=([A]="" [B]="")
if $netns
then
    ns_a="ep-a-$$"
    ns_b="ep-b-$$"
    veth="ep-va-$$"
    if ! command -v ip >/dev/null 2>&1
    then
        echo "$script: network namespaces unavailable: no 'ip' command" >&2
        exit "$NETNS_UNAVAILABLE"
    fi
    if [[ $(id -u) -ne 0 ]]
    then
        echo "$script: network namespaces unavailable: --netns needs root" >&2
        exit "$NETNS_UNAVAILABLE"
    fi
    if ! ip netns add "$ns_a" 2>/dev/null
    then
        echo "$script: network namespaces unavailable: 'ip netns add' is not permitted here" >&2
        exit "$NETNS_UNAVAILABLE"
    fi
    namespaces+=("$ns_a")
    ip netns add "$ns_b"
    namespaces+=("$ns_b")
    ip link add "$veth" type veth peer name "ep-vb-$$"
    ip link set "$veth" netns "$ns_a"
    ip link set "ep-vb-$$" netns "$ns_b"
    ip -n "$ns_a" addr add 10.201.0.1/30 dev "$veth"
    ip -n "$ns_b" addr add 10.201.0.2/30 dev "ep-vb-$$"
    ip -n "$ns_a" link set lo up
    ip -n "$ns_b" link set lo up
    ip -n "$ns_a" link set "$veth" up
    ip -n "$ns_b" link set "ep-vb-$$" up
    veth=""
    on_host=([A]="ip netns exec $ns_a" [B]="ip netns exec $ns_b")
    address_a=10.201.0.1
    address_b=10.201.0.2
else
    address_a=127.0.0.1
    address_b=127.0.0.2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/eventpipe-two-hosts.XXXXXX")"

# four UDP ports from a random base, none of them bound now (another run may pick the same; the run then fails
# at start-up naming the endpoint)
port_free()
{
    ! command -v ss >/dev/null 2>&1 || [[ -z "$(ss -Hunl "sport = :$1" 2>/dev/null)" ]]
}
base=$((20200 + RANDOM % 20000))
while ! (port_free "$base" && port_free $((base + 1)) && port_free $((base + 2)) && port_free $((base + 3)))
do
    base=$((20200 + RANDOM % 20000))
done

"$java" -cp "$launcher_jar" SplitPipeline --print-commands --transport aeron-udp --events "$events" \
    --results "$work/split-results.json" \
    --host A=ingest,parse --host B=rules,aggregate,sink \
    --endpoint "ingest-parse=$address_a:$base" \
    --endpoint "parse-rules=$address_b:$((base + 1))" \
    --endpoint "rules-aggregate=$address_b:$((base + 2))" \
    --endpoint "aggregate-sink=$address_b:$((base + 3))" > "$work/commands.sh"

# the printed commands: `mkdir` first, `rm -rf` last, each process after a '# NAME on host HOST' line
mapfile -t lines < "$work/commands.sh"
mkdir_line="$(grep -m 1 '^mkdir -m 700 -p /dev/shm/eventpipe-[^ ]*$' "$work/commands.sh" || true)"
printed_remove_line="$(grep -m 1 '^rm -rf /dev/shm/eventpipe-[^ ]*$' "$work/commands.sh" || true)"
[[ -n "$mkdir_line" && -n "$printed_remove_line" ]] || {
    echo "$script: unexpected --print-commands output, see $work/commands.sh" >&2; keep_logs=true; exit 1; }
remove_line="$printed_remove_line"
run_dir="${mkdir_line##* }"
echo "$script: hosts A=$address_a (ingest, parse), B=$address_b (rules, aggregate, sink), $events events," \
    "run directory $run_dir, logs in $work"
bash -c "$mkdir_line"

# wait until a process's log has the line or the process is gone
await_line()
{
    local pid="$1" log="$2" line="$3" name="$4"
    local deadline=$((SECONDS + 30))
    until grep -qF "$line" "$log" 2>/dev/null
    do
        if ! kill -0 "$pid" 2>/dev/null || [[ $SECONDS -ge $deadline ]]
        then
            echo "$script: $name did not get ready; end of its log:" >&2
            tail -n 5 "$log" >&2 || true
            exit 1
        fi
        sleep 0.1
    done
}

started=$SECONDS
logs=()
for ((i = 0; i < ${#lines[@]} - 1; i++))
do
    if [[ "${lines[$i]}" =~ ^#\ ([a-z-]+)\ on\ host\ ([AB])([\ :].*)?$ ]]
    then
        name="${BASH_REMATCH[1]}"
        host="${BASH_REMATCH[2]}"
        command_line="${lines[$((i + 1))]}"
        log="$work/$name-$host.log"
        # as printed, on its host; exec so that the pid is the process's own
        # shellcheck disable=SC2086 # the prefix is words: empty, or `ip netns exec NAMESPACE`
        ${on_host[$host]} bash -c "exec $command_line" > "$log" 2>&1 < /dev/null &
        pids+=("$!")
        names+=("$name on host $host")
        logs+=("$log")
        if [[ "$name" == "media-driver" ]]
        then
            await_line "$!" "$log" "eventpipe media driver ready" "$name on host $host"
        fi
        i=$((i + 1))
    fi
done
if [[ ${#pids[@]} -ne 7 ]]
then
    echo "$script: expected 7 processes in $work/commands.sh, started ${#pids[@]}" >&2
    exit 1
fi

# wait for the five stages to exit 0; a process that exits otherwise, or the timeout, fails the run
declare -A done_stage=()
while [[ ${#done_stage[@]} -lt 5 ]]
do
    if [[ $((SECONDS - started)) -ge $timeout_s ]]
    then
        echo "$script: FAILED: the run did not finish within $timeout_s s (--timeout-s)" >&2
        exit 1
    fi
    for ((p = 0; p < ${#pids[@]}; p++))
    do
        pid="${pids[$p]}"
        if [[ -z "${done_stage[$pid]:-}" ]] && ! kill -0 "$pid" 2>/dev/null
        then
            status=0
            wait "$pid" || status=$?
            if [[ $status -ne 0 || "${names[$p]}" == media-driver* ]]
            then
                echo "$script: FAILED: ${names[$p]} exited with status $status; end of its log:" >&2
                tail -n 5 "${logs[$p]}" >&2 || true
                $keep_logs || echo "$script: run again with --keep-logs to keep every process's log" >&2
                exit 1
            fi
            done_stage[$pid]=1
        fi
    done
    sleep 0.2
done
split_s=$((SECONDS - started))
if $netns
then
    # the edge parse -> rules crossed from A to B over the veth pair, the only link between the namespaces
    received="$(ip netns exec "$ns_b" cat "/sys/class/net/ep-vb-$$/statistics/rx_bytes")"
    echo "$script: the veth into host B received $received bytes"
fi
cat "$run_dir/report.txt" > "$work/report.txt" 2>/dev/null || true

"$java" -cp "$monolith_jar" Monolith --events "$events" --results "$work/monolith-results.json" \
    > "$work/monolith.log" 2>&1 || { echo "$script: FAILED: the monolith failed, see $work/monolith.log" >&2
    keep_logs=true; exit 1; }
if cmp -s "$work/split-results.json" "$work/monolith-results.json"
then
    sed 's/^/  sink| /' "$work/report.txt"
    echo "$script: OK: $events events, results equal the monolith's (split run ${split_s} s)"
else
    echo "$script: FAILED: results differ from the monolith's:" >&2
    diff "$work/split-results.json" "$work/monolith-results.json" >&2 || true
    exit 1
fi
