#!/usr/bin/env bash
# Tests the Debian package: `cpack -G DEB` in BUILD_DIR makes sla_VERSION_amd64.deb with the
# right control fields and files, which apt would install, whose binary and extension run from
# the unpacked files, and in which lintian finds no error.
# Usage: package_test.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
# check WHAT COMMAND...: runs the command, quietly; a failure is counted and says WHAT.
check() {
  local what=$1
  shift
  checks=$((checks + 1))
  "$@" >"$tmp/out" 2>&1 && return
  echo "FAIL: $what"
  sed 's/^/  /' "$tmp/out" | head -20
  failures=$((failures + 1))
}
finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
  exit
}

(cd "$build" && cpack -G DEB -B "$tmp/pkg") >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; echo "0 passed, 1 failed"; exit 1; }
version=$("$build/sla" --version | sed 's/^sla //')
deb=$tmp/pkg/sla_${version}_amd64.deb
check "cpack made $(basename "$deb")" test -f "$deb"
[ -f "$deb" ] || finish

field() { dpkg-deb -f "$deb" "$1"; }
check "Package is sla" test "$(field Package)" = sla
check "Version is $version" test "$(field Version)" = "$version"
check "Architecture is amd64" test "$(field Architecture)" = amd64
check "a Maintainer with an address" grep -q '<.*@.*>' <<<"$(field Maintainer)"
check "Section is utils" test "$(field Section)" = utils
check "Priority is optional" test "$(field Priority)" = optional
check "the synopsis" test "$(field Description | head -1)" = "support SLA deadline calculator"
check "an extended description" test "$(field Description | wc -l)" -gt 5
# Computed by dpkg-shlibdeps: the static binary needs nothing, the extension the C++ runtime.
for dependency in libc6 libstdc++6 libgcc-s1; do
  pattern="(^|, )${dependency//+/\\+} \(>= [0-9.]+\)"
  check "Depends on $dependency" grep -Eq "$pattern" <<<"$(field Depends)"
done
check "Suggests sqlite3" test "$(field Suggests)" = sqlite3

# Exactly these files, owned by root, with these modes.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $1, $2, $6 }' | sort -k3 >"$tmp/files"
cat >"$tmp/want" <<'WANT'
-rwxr-xr-x root/root ./usr/bin/sla
-rw-r--r-- root/root ./usr/lib/sla/libsla.so
-rw-r--r-- root/root ./usr/share/bash-completion/completions/sla
-rw-r--r-- root/root ./usr/share/doc/sla/changelog.gz
-rw-r--r-- root/root ./usr/share/doc/sla/copyright
-rw-r--r-- root/root ./usr/share/doc/sla/examples/acme.toml
-rw-r--r-- root/root ./usr/share/doc/sla/examples/company-holidays.txt
-rw-r--r-- root/root ./usr/share/lintian/overrides/sla
-rw-r--r-- root/root ./usr/share/man/man1/sla.1.gz
-rw-r--r-- root/root ./usr/share/sla/policies/codesecure.toml
-rw-r--r-- root/root ./usr/share/sla/us-federal-closures.txt
-rw-r--r-- root/root ./usr/share/sla/us-federal.txt
-rw-r--r-- root/root ./usr/share/zsh/site-functions/_sla
WANT
check "the files, their owners and modes" diff "$tmp/want" "$tmp/files"

# What is inside runs.
root=$tmp/root
dpkg-deb -x "$deb" "$root"
sla=$root/usr/bin/sla
extension=$root/usr/lib/sla/libsla.so
not() { ! "$@"; }
# Static: no interpreter and no library to load. Its unwinder finds frames by the linker's
# table (registered, as a static binary's start file would, they are all sorted on the first
# exception).
static() { not grep -q INTERP < <(readelf -lW "$sla") && not grep -q NEEDED < <(readelf -dW "$sla"); }
frame_table() { grep -q GNU_EH_FRAME < <(readelf -lW "$sla"); }
stripped() { not grep -q debug_info < <(readelf -S "$sla" "$extension"); }
loads() {
  local sql="SELECT sla_deadline('2026-11-25 16:30', 'P1', 'premium')"
  test "$(sqlite3 :memory: -cmd ".load ${extension%.so}" "$sql")" = 2026-11-27T09:30:00-05:00
}
exports() { test "$(nm -D --defined-only "$extension" | awk '{ print $3 }')" = sqlite3_sla_init; }
renders() {
  local out
  out=$(zcat "$root/usr/share/man/man1/sla.1.gz" | groff -t -man -ww -z 2>&1) && [ -z "$out" ]
}
newest() { zcat "$root/usr/share/doc/sla/changelog.gz" | head -1 | grep -q "^sla ($version) "; }
check "the packaged sla runs" "$sla" -p P1 -t premium -s "2026-11-25 16:30" --format '{deadline}'
check "the packaged sla is static" static
check "the packaged sla has a table of its frames" frame_table
check "the binaries are stripped" stripped
check "the packaged extension answers" loads
check "the packaged extension exports its entry point only" exports
check "the manual renders without a warning" renders
check "the changelog's newest entry is $version" newest
check "the policy file checks" "$sla" policy --check "$root/usr/share/sla/policies/codesecure.toml"

if command -v apt-get >/dev/null; then
  check "apt would install it" apt-get install -s -qq "$deb"
fi
if command -v lintian >/dev/null; then
  lintian "$deb" >"$tmp/lintian" 2>&1
  check "lintian finds no error" sh -c "! grep '^E:' '$tmp/lintian'"
  grep '^[EW]:' "$tmp/lintian" | sed 's/^/lintian: /'
fi
finish
