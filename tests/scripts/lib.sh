# Helpers for the script tests (tests/scripts/*_test.sh), which ctest runs as
#   bash tests/scripts/NAME_test.sh PATH/TO/push-emulator
# from the source tree. Source this file after `set -euo pipefail`.

emulator_bin=${1:+$(realpath "$1")}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
emulator_pid=
cleanup() {
    [ -z "$emulator_pid" ] || kill "$emulator_pid" 2>/dev/null || true
    [ -z "$emulator_pid" ] || wait "$emulator_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# start_emulator [FLAG...]: a fresh emulator on a free port; sets $port and $url.
start_emulator() {
    "$emulator_bin" --port 0 --port-file "$work/port" "$@" >"$work/emulator.out" \
        2>"$work/emulator.err" &
    emulator_pid=$!
    for _ in $(seq 1000); do
        [ -s "$work/port" ] && break
        kill -0 "$emulator_pid" 2>/dev/null || fail "the emulator exited: $(cat "$work/emulator.err")"
        sleep 0.01
    done
    port=$(cat "$work/port")
    url="http://127.0.0.1:$port"
}
