#!/usr/bin/env bash
# Soak: a long generated run through the split pipeline, sampling every process's RSS and the use of /dev/shm
# once a second while it runs. Exits 0 only if the run's checks pass (exact counts), no process of the run went
# over the RSS limit, and /dev/shm use stayed under its bound.
#
#   bench/scripts/soak.sh [--transport aeron-ipc|chronicle|...] [--events N] [--batch N] [--rss-limit-mib M]
#                         [--shm-limit-mib M] [--interval-s S] [-- more SplitPipeline flags]
#
# Defaults: aeron-ipc, 100,000,000 events, adaptive batching (--batch 0), 256 MiB RSS per process, /dev/shm within
# 2048 MiB, or for chronicle within the launcher's space estimate (the aggregate's input queue is kept whole). It needs bench/target/bench.jar (mvn -B package -DskipTests). Samples go to a CSV in a temporary
# directory whose path is printed (kept; about 100 KB for a 100 M event run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$(cd "$here/../target" 2>/dev/null && pwd)/bench.jar"
transport=aeron-ipc
events=100000000
batch=0
rss_limit_mib=256
shm_limit_mib=
interval_s=1
extra=()

usage()
{
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

fail_usage()
{
    echo "soak.sh: $1" >&2
    exit 2
}

while (($#))
do
    case "$1" in
        --transport) transport="${2:?--transport needs a value}"; shift 2 ;;
        --events) events="${2:?--events needs a value}"; shift 2 ;;
        --batch) batch="${2:?--batch needs a value}"; shift 2 ;;
        --rss-limit-mib) rss_limit_mib="${2:?--rss-limit-mib needs a value}"; shift 2 ;;
        --shm-limit-mib) shm_limit_mib="${2:?--shm-limit-mib needs a value}"; shift 2 ;;
        --interval-s) interval_s="${2:?--interval-s needs a value}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        --) shift; extra=("$@"); break ;;
        *) fail_usage "unknown option '$1' (see --help)" ;;
    esac
done

[[ "$events" =~ ^[1-9][0-9]*$ ]] || fail_usage "--events must be a positive integer: '$events'"
[[ "$batch" =~ ^[0-9]+$ ]] || fail_usage "--batch must be a non-negative integer: '$batch'"
[[ "$rss_limit_mib" =~ ^[1-9][0-9]*$ ]] || fail_usage "--rss-limit-mib must be a positive integer"
if [[ -z "$shm_limit_mib" ]]
then
    # the launcher's own estimate for chronicle (README, "Space estimate"): rules-aggregate and aggregate-sink are
    # kept to the end, 48 bytes a line, plus a block and two flow control windows per queue
    [[ "$transport" == chronicle ]] && shm_limit_mib=$((240 + events * 48 / 1048576)) || shm_limit_mib=2048
fi
[[ "$shm_limit_mib" =~ ^[1-9][0-9]*$ ]] || fail_usage "--shm-limit-mib must be a positive integer"
[[ "$interval_s" =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail_usage "--interval-s must be a number of seconds"
[[ -f "$jar" ]] || fail_usage "$jar not found: build it first with 'mvn -B package -DskipTests'"

work="$(mktemp -d "${TMPDIR:-/tmp}/eventpipe-soak.XXXXXX")"
samples="$work/samples.csv"
log="$work/launcher.log"
launcher=0

cleanup()
{
    if ((launcher > 0)) && kill -0 "$launcher" 2>/dev/null
    then
        kill -TERM "$launcher" 2>/dev/null || true
        wait "$launcher" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

shm_used_kib()
{
    df -k --output=used /dev/shm | tail -1 | tr -d ' '
}

# pid and name of the launcher and every process below it: a stage by its --stage, the media driver.
processes()
{
    ps -e -o pid=,ppid=,rss=,args= | awk -v root="$launcher" '
        { pid[NR] = $1; ppid[NR] = $2; rss[NR] = $3; line[NR] = $0 }
        END {
            inrun[root] = 1
            do {
                grew = 0
                for (i = 1; i <= NR; i++) { if (!(pid[i] in inrun) && (ppid[i] in inrun)) { inrun[pid[i]] = 1; grew = 1 } }
            } while (grew)
            for (i = 1; i <= NR; i++) {
                if (!(pid[i] in inrun)) continue
                name = "other"
                if (pid[i] == root) name = "launcher"
                else if (line[i] ~ /MediaDriverMain/) name = "media-driver"
                else if (match(line[i], /--stage [a-z]+/)) name = substr(line[i], RSTART + 8, RLENGTH - 8)
                if (line[i] !~ /java/) continue
                print pid[i] "," name
            }
        }'
}

shm_before="$(shm_used_kib)"
echo "soak: $transport, $events generated events, batch $batch; samples every ${interval_s}s in $samples"
echo "elapsed_s,pid,process,rss_kib,anon_kib,shmem_kib,shm_used_delta_kib" > "$samples"

start="$(date +%s.%N)"
java -cp "$jar" SplitPipeline --transport "$transport" --events "$events" --batch "$batch" \
    --timeout-s 3600 "${extra[@]}" > "$log" 2>&1 &
launcher=$!

shm_peak=0
while kill -0 "$launcher" 2>/dev/null
do
    now="$(date +%s.%N)"
    elapsed="$(awk -v a="$start" -v b="$now" 'BEGIN { printf "%.1f", b - a }')"
    shm=$(( $(shm_used_kib) - shm_before ))
    if ((shm > shm_peak))
    then
        shm_peak=$shm
    fi
    processes | while IFS=, read -r pid name
    do
        # VmRSS = RssAnon (the JVM's own memory) + RssFile + RssShmem (mapped /dev/shm pages: Aeron's log buffers,
        # Chronicle's queue blocks, also counted in /dev/shm)
        mem="$(awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } /^RssShmem/ { s = $2 }
            END { if (r != "") print r "," a "," s }' "/proc/$pid/status" 2>/dev/null || true)"
        if [[ -n "$mem" ]]
        then
            echo "$elapsed,$pid,$name,$mem,$shm"
        fi
    done >> "$samples"
    sleep "$interval_s"
done
set +e
wait "$launcher"
status=$?
set -e
launcher=0
end="$(date +%s.%N)"

echo "launcher exited with status $status after $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }') s"
grep -E '^(throughput|checks|SplitPipeline:)' "$log" || true

verdict=0
if ((status != 0)) || ! grep -q '^checks: OK' "$log"
then
    echo "FAIL: the run did not pass its checks; its output: $log"
    tail -20 "$log"
    verdict=1
fi

echo "peak RSS per process (MiB), limit $rss_limit_mib:"
peaks="$(awk -F, 'NR > 1 { if ($4 > peak[$3]) peak[$3] = $4; if ($5 > anon[$3]) anon[$3] = $5;
        if ($6 > shmem[$3]) shmem[$3] = $6; n[$3]++ }
    END { for (p in peak) printf "%s %.0f %.0f %.0f %d\n", p, peak[p] / 1024, anon[p] / 1024, shmem[p] / 1024, n[p] }' \
    "$samples" | sort)"
while read -r name mib anon shmem count
do
    [[ -z "$name" ]] && continue
    mark=ok
    if ((mib > rss_limit_mib))
    then
        mark=OVER
        verdict=1
    fi
    printf '  %-13s %5d MiB  (anon %d, shmem %d; %d samples)  %s\n' "$name" "$mib" "$anon" "$shmem" "$count" "$mark"
done <<< "$peaks"
for stage in ingest parse rules aggregate sink
do
    grep -q "^$stage " <<< "$peaks" || { echo "FAIL: no sample of stage $stage"; verdict=1; }
done

shm_after=$(( $(shm_used_kib) - shm_before ))
echo "/dev/shm: peak $((shm_peak / 1024)) MiB above the start, $((shm_after / 1024)) MiB after the run, limit $shm_limit_mib"
if ((shm_peak / 1024 > shm_limit_mib))
then
    echo "FAIL: /dev/shm use went over $shm_limit_mib MiB"
    verdict=1
fi
if ((shm_after > 1024))
then
    echo "FAIL: the run left $((shm_after / 1024)) MiB in /dev/shm"
    verdict=1
fi
echo "samples: $samples"
((verdict == 0)) && echo "soak: PASS" || echo "soak: FAIL"
exit "$verdict"
