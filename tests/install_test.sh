#!/usr/bin/env bash
# Tests that `cmake --install` lays out the binary, the SQLite extension, the manual,
# completions, holiday files and documents, and that the installed binary runs and knows its
# version.
# Usage: install_test.sh BUILD_DIR
set -u
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$1" --prefix "$prefix" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
failures=0
checks=0
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$1/CMakeCache.txt")
extension=
grep -q '^SLA_SQLITE:BOOL=ON' "$1/CMakeCache.txt" && extension=${libdir:-lib}/sla/libsla.so
for f in bin/sla $extension share/man/man1/sla.1.gz \
         share/bash-completion/completions/sla share/zsh/site-functions/_sla \
         share/sla/us-federal.txt share/sla/us-federal-closures.txt \
         share/sla/policies/codesecure.toml share/doc/sla/copyright share/doc/sla/changelog.gz; do
  checks=$((checks + 1))
  [ -f "$prefix/$f" ] || { echo "FAIL: $f not installed"; failures=$((failures + 1)); }
done
checks=$((checks + 1))
version=$("$prefix/bin/sla" --version)
[[ $version =~ ^sla\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "FAIL: --version said '$version'"; failures=$((failures + 1)); }
checks=$((checks + 1))
cmp -s "$prefix/share/sla/us-federal.txt" "$(dirname "$0")/../holidays/us-federal.txt" ||
  { echo "FAIL: installed holiday file differs"; failures=$((failures + 1)); }
checks=$((checks + 1))
"$prefix/bin/sla" policy --check "$prefix/share/sla/policies/codesecure.toml" >/dev/null ||
  { echo "FAIL: the installed policy file does not check"; failures=$((failures + 1)); }
echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
