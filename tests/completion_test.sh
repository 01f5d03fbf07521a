#!/usr/bin/env bash
# Tests the bash completion: commands, options, priorities, tiers, formats and zone names.
# Usage: completion_test.sh COMPLETIONS_DIR
set -u
source "$1/sla.bash"
failures=0

# complete WORD... : the candidates bash offers for the last word.
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _sla
  printf '%s\n' "${COMPREPLY[@]}"
}

expect() {
  local want=$1
  shift
  if ! complete_words "$@" | grep -qx -- "$want"; then
    echo "FAIL: '$*' does not offer '$want'"
    failures=$((failures + 1))
  fi
}

expect_not() {
  local unwanted=$1
  shift
  if complete_words "$@" | grep -qx -- "$unwanted"; then
    echo "FAIL: '$*' offers '$unwanted'"
    failures=$((failures + 1))
  fi
}

expect check sla ""
expect holidays sla ho
expect P1 sla -p ""
expect urgent sla due --priority u
expect premium sla -t ""
expect jsonl sla check -o ""
expect America/New_York sla --tz America/New_Y
expect UTC sla --tz U
expect us-federal-closures sla --holidays us-federal-c
expect breached sla batch --only b
expect --responded sla check --res
expect --summary sla batch --su
expect --explain sla --ex
expect_not --responded sla due --res
expect_not --summary sla check --su
expect --policy sla batch --pol
expect --check sla policy --ch
expect toml sla policy -o t
expect_not toml sla due -o t
expect --calendar sla check --cal
expect --reclassified sla check --recl
expect --paused sla due --pa
expect paused sla batch --only p
expect --input-tz sla batch --input
expect --column sla batch --col
expect_not --column sla due --col

if command -v zsh >/dev/null; then
  zsh -n "$1/_sla" || { echo "FAIL: zsh completion does not parse"; failures=$((failures + 1)); }
fi

total=20
echo "$((total - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
