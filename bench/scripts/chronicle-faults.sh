#!/usr/bin/env bash
# The chronicle fault harness at any size (ChronicleFaultHarnessTest): ROUNDS runs of EVENTS hostile events each, in
# which KILLS random SIGKILLs of parse, rules and aggregate land mid-stream, batch 100 and adaptive in turn; every run
# must give the monolith's results and rejects byte for byte. Prints the seed; give it again to replay a failure.
#
# usage: bench/scripts/chronicle-faults.sh ROUNDS [EVENTS] [KILLS] [SEED]
#   defaults: EVENTS 30000, KILLS 4 (at most 9: three a stage, the launcher's restart limit), SEED from the clock
# e.g.:  bench/scripts/chronicle-faults.sh 14 60000 4      # 56 kills, about 10 minutes on an idle 2-core machine
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
rounds=$1; events=${2:-30000}; kills=${3:-4}; seed=${4:-}
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
log=$(mktemp "${TMPDIR:-/tmp}/chronicle-faults-XXXXXX.log")
status=0
mvn -B verify -pl schemas,core,ipc-chronicle -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ChronicleFaultHarnessTest -Dfailsafe.failIfNoSpecifiedTests=false \
    -Deventpipe.faults.rounds="$rounds" -Deventpipe.faults.events="$events" -Deventpipe.faults.kills="$kills" \
    ${seed:+-Deventpipe.faults.seed="$seed"} > "$log" 2>&1 || status=$?
grep -E '^fault harness|Tests run:|BUILD' "$log" || true
echo "full log: $log"
exit $status
