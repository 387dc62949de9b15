#!/usr/bin/env bash
# The packages as users get them (run by scripts/test after scripts/package):
#   tests/package/package_test.sh [BUILD_DIR]       (default build)
# The .deb is installed into a scratch root and its programs run from there, from a directory
# outside the source tree: a push, a refusal and the whole conformance suite from the installed
# fixtures. Its Depends must name the package of every library the programs load, and apt must
# be able to satisfy it. The .tar.gz programs must load only glibc (with libgcc_s) and OpenSSL from
# the system and
# need no newer glibc than docs/install.md says. Prints PASS/FAIL lines, then "N passed, N failed".
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath "${1:-build}")
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0

# check NAME COMMAND...: one PASS or FAIL line (with the command's output on failure).
check() {
    local name=$1
    shift
    if "$@" >"$work/check.log" 2>&1; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        sed 's/^/  /' "$work/check.log"
        failed=$((failed + 1))
    fi
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

deb=$(ls "$build"/packages/push-emulator_*.deb 2>/dev/null | head -n 1 || true)
tgz=$(ls "$build"/packages/push-emulator-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ] || [ -z "$tgz" ]; then
    echo "FAIL packages: no .deb or .tar.gz in $build/packages (run scripts/package)"
    failed=1
    finish
fi
version=$(dpkg-deb -f "$deb" Version)

# start_emulator BIN: a fresh emulator on a free port; sets $url.
start_emulator() {
    rm -f "$work/port"
    "$1" --port 0 --port-file "$work/port" >"$work/emulator.out" 2>&1 &
    pids+=($!)
    for _ in $(seq 500); do
        [ -s "$work/port" ] && break
        sleep 0.01
    done
    url="http://127.0.0.1:$(cat "$work/port")"
}

# A signed push of BODY to $url with the default app; prints the answer's body.
push() {
    local nonce=$RANDOM ts
    ts=$(date +%s%3N)
    local sig
    sig=$(printf '%s' "emulator-secret$nonce$ts" | sha1sum | cut -d' ' -f1)
    curl -s "$url/push.json" -H "App-Key: emulator-key" -H "Nonce: $nonce" -H "Timestamp: $ts" \
        -H "Signature: $sig" -d "$1"
}

answers() { # EXPECTED_PREFIX BODY
    local got
    got=$(push "$2")
    echo "$got"
    [[ $got == "$1"* ]]
}

# The package of a library file, following usr-merge symlinks.
package_of() {
    local path=$1 candidate
    for candidate in "$path" "$(realpath "$path")" "/usr$path" "${path#/usr}"; do
        dpkg -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1 && return 0
    done
    return 1
}

depends_cover_libraries() {
    local depends lib pkg
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "Depends: $depends"
    for lib in $(ldd "$root/usr/bin/push-emulator" "$root/usr/bin/push-conformance" |
        awk '/=>/ && $3 ~ /^\// { print $3 } /^\t\// { print $1 }' | sort -u); do
        pkg=$(package_of "$lib") || {
            echo "no package owns $lib"
            return 1
        }
        echo "$lib: $pkg"
        [[ ", $depends," == *", $pkg"[\ ,]* ]] || {
            echo "Depends does not name $pkg"
            return 1
        }
    done
}

suite_uses() { # FIXTURES_DIR PROGRAM [PREFIX...]
    local fixtures=$1 program=$2
    shift 2
    rm -rf "$work/report"
    if ! (cd "$work/elsewhere" && "$program" --strict --target "$url" --report "$work/report" "$@") \
        >"$work/suite.log" 2>&1; then
        grep -E '^(FAIL|ERROR)|passed, ' "$work/suite.log" || tail -n 5 "$work/suite.log"
        return 1
    fi
    tail -n 1 "$work/suite.log"
    # Each case's report names the fixture it ran.
    python3 - "$work/report" "$fixtures" <<'PY'
import json, pathlib, sys
report, fixtures = pathlib.Path(sys.argv[1]), sys.argv[2]
index = json.loads((report / "index.json").read_text())
cases = [case for cases in index["targets"].values() for case in cases.values()]
used = [json.loads((report / case["file"]).read_text())["fixture"] for case in cases]
outside = [f for f in used if not f.startswith(fixtures)]
print(f"{len(used)} cases, {len(outside)} from elsewhere: {outside[:3]}")
sys.exit(1 if outside or not used else 0)
PY
}

mkdir -p "$work/elsewhere"

# The .deb
root="$work/deb-root"
check "deb: extracts into a scratch root" dpkg-deb -x "$deb" "$root"
check "deb: apt can satisfy its Depends" bash -c \
    "apt-get install --simulate '$deb' | grep -q '^Inst push-emulator '"
check "deb: Depends names the package of every library the programs load" depends_cover_libraries
check "deb: installs programs, man pages, fixtures, requirements and docs" test -x \
    "$root/usr/bin/push-emulator" -a -x "$root/usr/bin/push-conformance" \
    -a -s "$root/usr/share/man/man1/push-emulator.1.gz" \
    -a -s "$root/usr/share/man/man1/push-conformance.1.gz" \
    -a -d "$root/usr/share/push-emulator/fixtures/push" \
    -a -s "$root/usr/share/push-emulator/fixtures/requirements.md" \
    -a -s "$root/usr/share/doc/push-emulator/README.md"
check "deb: push-emulator --version is the package version" \
    bash -c "[ \"\$('$root/usr/bin/push-emulator' --version)\" = 'push-emulator $version' ]"
start_emulator "$root/usr/bin/push-emulator"
body='{"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}}'
check "deb: the installed emulator accepts a push" answers '{"code":200,"id":"' "$body"
check "deb: the installed emulator refuses a title over 50 characters" answers '{"code":1005,' \
    '{"platform":["ios"],"audience":{"is_to_all":true},"notification":{"title":"'"$(printf '%051d' 0)"'","alert":"hi"}}'
check "deb: the whole suite passes from the installed fixtures, without the source tree" \
    suite_uses "$root/usr/share/push-emulator/fixtures/push" "$root/usr/bin/push-conformance"

# The .tar.gz
tar -xzf "$tgz" -C "$work"
top="$work/$(basename "$tgz" .tar.gz)"
only_glibc_and_openssl() {
    local program=$1 unexpected
    ldd "$program"
    unexpected=$(ldd "$program" | grep -Ev \
        '^\s*(linux-vdso\.so|/lib64/ld-linux-x86-64\.so|(libc|libm|libgcc_s|libssl|libcrypto|ld-linux-x86-64)\.so)' || true)
    [ -z "$unexpected" ]
}
glibc_at_most_documented() {
    local documented needed
    documented=$(tr -s ' \n' '  ' <"$source_dir/docs/install.md" |
        sed -n 's/.*needs glibc \([0-9.]*[0-9]\) or later.*/\1/p' | head -n 1)
    needed=$(objdump -T "$top/bin/push-emulator" "$top/bin/push-conformance" |
        grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)
    echo "needs glibc $needed; docs/install.md says $documented"
    [ -n "$documented" ] && [ "$(printf '%s\n%s\n' "$needed" "$documented" | sort -V | tail -n 1)" = "$documented" ]
}
check "tar.gz: push-emulator loads only glibc, libgcc_s and OpenSSL from the system" \
    only_glibc_and_openssl "$top/bin/push-emulator"
check "tar.gz: push-conformance loads only glibc, libgcc_s and OpenSSL from the system" \
    only_glibc_and_openssl "$top/bin/push-conformance"
check "tar.gz: no symbol needs a newer glibc than docs/install.md says" glibc_at_most_documented
start_emulator "$top/bin/push-emulator"
check "tar.gz: the portable emulator accepts a push" answers '{"code":200,"id":"' "$body"
check "tar.gz: the whole suite passes with the portable programs, from their own fixtures" \
    suite_uses "$top/share/push-emulator/fixtures/push" "$top/bin/push-conformance"
finish
