#!/usr/bin/env bash
# Tests that the static sla's first exception is cheap: the unwinder finds frames through the
# linker's table (PT_GNU_EH_FRAME), not by sorting every frame description the start file would
# have registered (12.9 M instructions for one error message before, some 0.4 M after).
# Counts instructions with callgrind, which the machine's load does not change; without
# valgrind that check is skipped.
# Usage: unwind_test.sh SLA
set -u
sla=$1
failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

checks=$((checks + 1))
readelf -lW "$sla" | grep -q GNU_EH_FRAME || fail "$sla has no table of its frames (PT_GNU_EH_FRAME)"

# An error message, --help and --version each throw once.
for args in "due -p P9" "due --help" "--version"; do
  checks=$((checks + 1))
  status=0
  # shellcheck disable=SC2086  # the words of $args are the arguments
  "$sla" $args >/dev/null 2>&1 || status=$?
  want=0
  [ "$args" = "due -p P9" ] && want=2
  [ "$status" = "$want" ] || fail "sla $args exited $status, not $want"
  command -v valgrind >/dev/null || continue
  checks=$((checks + 1))
  # shellcheck disable=SC2086
  count=$({ valgrind --tool=callgrind --callgrind-out-file=/dev/null "$sla" $args 2>&1 >/dev/null || true; } |
    grep -o 'Collected : [0-9]*' | awk '{ print $3 }')
  [[ $count =~ ^[0-9]+$ ]] && ((count < 2000000)) ||
    fail "sla $args ran ${count:-an unknown number of} instructions, over 2,000,000"
done
echo "$((checks - failures)) passed, $failures failed"
((failures == 0))
