# test: https: curl --cacert against the generated certificate answers a signed push with 200; plain HTTP, a bad handshake and a stalled handshake on the TLS port do not disturb a concurrent HTTPS client; bad certificate flags exit 2 naming the flag
set -euo pipefail
source "$(dirname "$0")/lib.sh"
start_emulator --tls-port 0 --tls-cert-out "$work/cert.pem" --backup-tls-port 0 --log-level debug
tls_port=$(sed -n 's|^primary-tls: https://127.0.0.1:\([0-9]*\).*|\1|p' "$work/emulator.out")
backup_tls_port=$(sed -n 's|^backup-tls: https://127.0.0.1:\([0-9]*\).*|\1|p' "$work/emulator.out")
[ -n "$tls_port" ] && [ -n "$backup_tls_port" ] || fail "no HTTPS lines in the banner: $(cat "$work/emulator.out")"
grep -q 'BEGIN CERTIFICATE' "$work/cert.pem" || fail "--tls-cert-out wrote no PEM"
openssl x509 -in "$work/cert.pem" -noout -text | grep -q 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1' ||
    fail "the certificate does not name localhost, 127.0.0.1 and ::1"

body='{"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}}'
push() { # push URL [CA]: the answer of a signed push, verified against the emulator's certificate
    # shellcheck disable=SC2046
    curl -sS --max-time 5 --cacert "${2:-$work/cert.pem}" $("$root/scripts/sign" emulator-key emulator-secret) -d "$body" "$1/push.json"
}
answer=$(push "https://127.0.0.1:$tls_port")
[[ $answer == '{"code":200,"id":"'* ]] || fail "expected 200 over HTTPS, got: $answer"
answer=$(push "https://localhost:$backup_tls_port")
[[ $answer == '{"code":200,"id":"'* ]] || fail "expected 200 over HTTPS on the backup, got: $answer"
curl -s "$url/_emulator/journal?app=emulator-key" | python3 -c '
import json, sys
e = json.load(sys.stdin)["entries"]
assert [x["host"] for x in e] == ["primary", "backup"], e
assert [x["origin"]["listener"] for x in e] == ["primary-tls", "backup-tls"], e' ||
    fail "the journal does not name the hosts and listeners"
# TLS 1.1 is refused; 1.2 and 1.3 are spoken.
curl -s --cacert "$work/cert.pem" --tls-max 1.2 "https://127.0.0.1:$tls_port/_emulator/health" | grep -q '"code":200' ||
    fail "TLS 1.2 is not served"
if curl -s --cacert "$work/cert.pem" --tls-max 1.1 --tlsv1.1 "https://127.0.0.1:$tls_port/_emulator/health" >/dev/null 2>&1; then
    fail "TLS 1.1 was served"
fi

# The harness over HTTPS: the fault cases pass with --cacert; without it the certificate is refused.
conformance="$(dirname "$emulator_bin")/push-conformance"
"$conformance" --target "https://localhost:$tls_port" --cacert "$work/cert.pem" \
    --fixtures "$root/fixtures/push" faults >"$work/conformance.out" 2>&1 ||
    fail "push-conformance over HTTPS: $(cat "$work/conformance.out")"
tail -n 1 "$work/conformance.out" | grep -q '^8 passed, 0 failed' ||
    fail "push-conformance over HTTPS: $(tail -n 3 "$work/conformance.out")"
if "$conformance" --target "https://localhost:$tls_port" --fixtures "$root/fixtures/push" faults/001 \
    >"$work/conformance.out" 2>&1; then
    fail "push-conformance trusted the self-signed certificate without --cacert"
fi
grep -q 'certificate verify failed' "$work/conformance.out" ||
    fail "no certificate problem reported: $(cat "$work/conformance.out")"

# A client stalled mid-handshake, plain HTTP and garbage on the TLS port, while HTTPS goes on.
python3 - "$tls_port" <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
stalled = socket.create_connection(("127.0.0.1", port))
stalled.sendall(bytes.fromhex("16030100c8010000c40303"))  # the start of a ClientHello, no more
for probe in (b"POST /push.json HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}", b"\x16\x03\x01\x00\x05hello"):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(probe)
    s.settimeout(3)
    try:
        s.recv(100)
    except OSError:
        pass
    s.close()
time.sleep(3)
stalled.close()
PY
probes=$!
sleep 0.3
for _ in 1 2 3; do
    t0=$(date +%s%N)
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$work/cert.pem" "https://127.0.0.1:$tls_port/_emulator/health")
    [ "$status" = 200 ] || fail "a concurrent HTTPS client got $status"
    [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 1000 ] || fail "a concurrent HTTPS client waited a second"
done
wait "$probes"
grep -q 'TLS handshake failed' "$work/emulator.err" || fail "no debug line for a failed handshake"

# Bad certificate flags: exit 2, naming the flag.
expect_refusal() { # expect_refusal TEXT FLAG...
    local text=$1
    shift
    set +e
    "$emulator_bin" --port 0 "$@" >/dev/null 2>"$work/refusal"
    local status=$?
    set -e
    [ "$status" = 2 ] || fail "$* exited $status, not 2"
    grep -q -- "$text" "$work/refusal" || fail "$*: expected '$text', got: $(cat "$work/refusal")"
}
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost -addext subjectAltName=DNS:localhost -days 1 \
    -keyout "$work/key.pem" -out "$work/own.pem" 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/other-key.pem" 2>/dev/null
expect_refusal '--tls-cert: needs --tls-key' --tls-port 0 --tls-cert "$work/own.pem"
expect_refusal '--tls-key: needs --tls-cert' --tls-port 0 --tls-key "$work/key.pem"
expect_refusal '--tls-cert: needs --tls-port' --tls-cert "$work/own.pem" --tls-key "$work/key.pem"
expect_refusal '--tls-cert: cannot read' --tls-port 0 --tls-cert "$work/none.pem" --tls-key "$work/key.pem"
expect_refusal '--tls-cert: .* is not a PEM certificate' --tls-port 0 --tls-cert "$work/refusal" --tls-key "$work/key.pem"
expect_refusal '--tls-key: .* does not match the certificate' --tls-port 0 --tls-cert "$work/own.pem" --tls-key "$work/other-key.pem"

# A certificate of one's own is served as given.
kill "$emulator_pid"
wait "$emulator_pid" 2>/dev/null || true
rm -f "$work/port"
start_emulator --tls-port 0 --tls-cert "$work/own.pem" --tls-key "$work/key.pem"
tls_port=$(sed -n 's|^primary-tls: https://127.0.0.1:\([0-9]*\).*|\1|p' "$work/emulator.out")
answer=$(push "https://localhost:$tls_port" "$work/own.pem")
[[ $answer == '{"code":200,"id":"'* ]] || fail "expected 200 with --tls-cert, got: $answer"
echo "ok"
