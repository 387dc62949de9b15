# test: scripts/test: no tests discovered by ctest fails the run (was "1 failed" and exit 0)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
totals="$root/scripts/lib/totals"

# What ctest 3.25 prints when it discovers nothing, with its exit status 0.
printf 'Test project /x/build\nNo tests were found!!!\n' >"$work/ctest"
echo 0 >"$work/ctest.status"
printf 'PASS a/001\n10 passed, 0 failed, 0 skipped\n' >"$work/conformance"
echo 0 >"$work/conformance.status"
if "$totals" "$work" ctest conformance >"$work/out" 2>&1; then
    fail "zero ctest tests exited 0: $(cat "$work/out")"
fi
grep -qx '10 passed, 1 failed' "$work/out" || fail "unexpected totals: $(cat "$work/out")"

# Everything counted and green: exit 0.
printf '100%% tests passed, 0 tests failed out of 540\n' >"$work/ctest"
"$totals" "$work" ctest conformance >"$work/out" 2>&1 || fail "a green run failed: $(cat "$work/out")"
grep -qx '550 passed, 0 failed' "$work/out" || fail "unexpected totals: $(cat "$work/out")"

# A step that failed without counting a failure still fails the run.
echo 1 >"$work/conformance.status"
if "$totals" "$work" ctest conformance >"$work/out" 2>&1; then
    fail "a failed step exited 0: $(cat "$work/out")"
fi
grep -qx '550 passed, 1 failed' "$work/out" || fail "unexpected totals: $(cat "$work/out")"
echo "ok"
