# test: scripts/mutate: the catalogue holds at least 80 one-line mutations of server/core, each found exactly once, each breaking a catalogued rule
set -euo pipefail
source "$(dirname "$0")/lib.sh"

out=$("$root/scripts/mutate" --check) || fail "scripts/mutate --check: $out"
count=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["mutations"]))' \
    "$root/scripts/mutations.json")
[ "$count" -ge 80 ] || fail "the catalogue holds $count mutations, fewer than 80"
[[ $out == "mutate: $count mutations, each found once, each rule catalogued" ]] ||
    fail "unexpected output: $out"

# A mutation whose text is not in its file is reported, naming it.
python3 - "$root/scripts/mutations.json" "$work/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["mutations"][0]["find"] = "no such text in the file"
json.dump(d, open(sys.argv[2], "w"))
PY
if MUTATE_CATALOGUE="$work/bad.json" "$root/scripts/mutate" --check 2>"$work/err"; then
    fail "a catalogue with a missing text was accepted"
fi
grep -q "holds its text 0 times" "$work/err" || fail "no problem named: $(cat "$work/err")"
echo "ok"
