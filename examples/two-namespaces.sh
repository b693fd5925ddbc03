#!/usr/bin/env bash
# The two-host run of two-hosts.sh with each host in its own network namespace (ep-a-PID, ep-b-PID) joined by a veth
# pair on 10.201.0.0/30: `two-hosts.sh --netns`. Needs root; exits 77 with one line where namespaces cannot be made.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/two-hosts.sh" --netns "$@"
