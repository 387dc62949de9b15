# test: metrics: promtool check metrics accepts /_emulator/metrics after pushes, refusals and faults
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# Debian's prometheus package provides promtool (scripts/console-check installs it).
command -v promtool >/dev/null || { echo "skip: no promtool"; exit 77; }
start_emulator --app 'k:s' --app 'we"ird\key:s2'

body='{"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}}'
# shellcheck disable=SC2046
curl -s $("$root/scripts/sign" k s) -d "$body" "$url/push.json" >/dev/null
# shellcheck disable=SC2046
curl -s $("$root/scripts/sign" k wrong) -d "$body" "$url/push.json" >/dev/null
curl -s -X POST "$url/_emulator/apps/k/faults" -d '{"path":"/push.json","status":599,"code":7}' \
    >/dev/null
# shellcheck disable=SC2046
curl -s $("$root/scripts/sign" k s) -d "$body" "$url/push.json" >/dev/null
curl -s "$url/nowhere" >/dev/null

curl -s -D "$work/headers" "$url/_emulator/metrics" >"$work/metrics"
grep -qi '^content-type: text/plain; version=0.0.4; charset=utf-8' "$work/headers" ||
    fail "wrong content type: $(cat "$work/headers")"
grep -q '^push_emulator_requests_total{endpoint="/push.json",status="599",code="7",app="k"} 1$' \
    "$work/metrics" || fail "the injected fault's answer is not counted"
promtool check metrics <"$work/metrics" || fail "promtool check metrics failed"
echo "ok"
