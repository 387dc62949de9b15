# test: install: cmake --install puts both programs, the fixtures, man pages and README under the prefix, and the installed push-conformance runs the installed fixtures
set -euo pipefail
source "$(dirname "$0")/lib.sh"
build_dir=$(dirname "$emulator_bin")
prefix="$work/prefix"

cmake --install "$build_dir" --prefix "$prefix" >/dev/null
for f in bin/push-emulator bin/push-conformance share/man/man1/push-emulator.1.gz \
    share/man/man1/push-conformance.1.gz share/push-emulator/fixtures/requirements.md \
    share/push-emulator/fixtures/config.example.json share/doc/push-emulator/README.md; do
    [ -s "$prefix/$f" ] || fail "cmake --install did not install $f"
done

# From a directory without fixtures/push, the installed programs use the installed suite.
start_emulator
mkdir "$work/elsewhere"
(cd "$work/elsewhere" && "$prefix/bin/push-conformance" --target "$url" --report "$work/report" \
    auth/001 >"$work/suite.log") || fail "the installed suite failed: $(cat "$work/suite.log")"
fixture=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["fixture"])' \
    "$work/report/primary/auth-001.json")
[[ $fixture == "$prefix/share/push-emulator/fixtures/push/"* ]] ||
    fail "the installed push-conformance ran $fixture"
echo "ok"
