#include "conformance/run/case_context.hpp"

#include "conformance/report/curl.hpp"
#include "conformance/run/redaction.hpp"

namespace push::conformance {

case_context::case_context(target const& to, std::chrono::milliseconds timeout,
                           std::function<std::int64_t()> const& now, fixture const& f,
                           case_result& res)
    : to(to), timeout(timeout), now(now), f(f), res(res), creds(to.creds.value_or(credentials{})) {}

exchange_result case_context::send(std::string const& kind, outgoing_request const& req,
                                   signature_values const* sig) {
    auto result = send_request(to.at, req, timeout);
    // On the emulator the per-case app and its secret are generated test values, so requests
    // are written as sent and the curl commands reproduce the case; user credentials (live
    // secrets, the admin token) are never written.
    bool real = to.kind == target_kind::real;
    exchange_record rec;
    rec.kind = kind;
    rec.method = req.method;
    rec.url = to.at.url() + req.target;
    rec.request_headers = req.headers;
    if (req.body)
        rec.request_body = real ? redact_secrets(*req.body) : *req.body;
    curl_signing how;
    if (real)
        how.sent = sig; // recomputed from $PUSH_APP_SECRET
    rec.curl = curl_command(rec, how);
    for (auto& [n, v] : rec.request_headers)
        if ((real && is_signature_header(n)) || same_name(n, "X-Emulator-Token"))
            v = "<redacted>";
    rec.duration_ms = result.duration_ms;
    if (auto const& r = result.response) {
        rec.status = r->status;
        rec.response_headers = r->headers;
        rec.response_body = redact_secrets(r->body); // may list other apps
    } else {
        rec.error = r.error().message;
    }
    res.exchanges.push_back(std::move(rec));
    return result;
}

} // namespace push::conformance
