# test: scripts/sign: curl $(scripts/sign KEY SECRET) is signed without eval (was 401 missing header App-Key)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
start_emulator

body='{"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}}'
# Unquoted on purpose: this is how the README and users call it.
# shellcheck disable=SC2046
answer=$(curl -s $("$root/scripts/sign" emulator-key emulator-secret) -d "$body" "$url/push.json")
[[ $answer == '{"code":200,"id":"'* ]] || fail "expected a 200 answer, got: $answer"

# eval keeps working, for those who used it.
answer=$(eval curl -s "$("$root/scripts/sign" emulator-key emulator-secret)" -d "'$body'" \
    "$url/push.json")
[[ $answer == '{"code":200,"id":"'* ]] || fail "expected a 200 answer with eval, got: $answer"

# A key that word splitting would break is refused, not printed half-usable.
if "$root/scripts/sign" 'two words' s 2>"$work/err"; then
    fail "a key with a space was printed"
fi
grep -q 'use --curl' "$work/err" || fail "the refusal does not point at --curl: $(cat "$work/err")"
echo "ok"
