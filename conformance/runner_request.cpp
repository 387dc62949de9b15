// One request step: signing, the request as sent (fixture headers over defaults), the quota
// ledger on real targets, the exchange record, and the checks of the response.
#include "conformance/fixture_curl.hpp"
#include "conformance/runner_context.hpp"

namespace push::conformance {

using detail::replace_all;

namespace {

bool needs_journal(expectation const& e) {
    if (!e.journal.empty() || e.path || e.rule) return true;
    for (auto const& a : e.alternatives)
        if (needs_journal(a)) return true;
    return false;
}

// The request a step sends: default Content-Type, signing headers, the control token, then the
// fixture's headers with {app_key}, {nonce}, {timestamp}, {signature} and {app} filled in.
outgoing_request build_request(step const& s, signature_values const& sig,
                               std::string const& app_key,
                               std::optional<std::string> const& admin_token) {
    auto const& spec = s.request;
    outgoing_request req;
    req.method = spec.method;
    req.target = spec.path;
    req.body = spec.body;
    header_list headers;
    bool has_type = false;
    for (auto const& [n, v] : spec.headers) has_type = has_type || same_name(n, "Content-Type");
    if (spec.body && !has_type) headers.emplace_back("Content-Type", "application/json");
    for (auto& h : signing_headers(spec.signing, sig)) headers.push_back(std::move(h));
    if (s.what == step::kind::control && admin_token)
        headers.emplace_back("X-Emulator-Token", *admin_token);
    for (auto const& [n, v] : spec.headers) {
        // A fixture header replaces a default or signed one of the same name; "" removes it.
        std::erase_if(headers, [&](auto const& h) { return same_name(h.first, n); });
        if (v.empty()) continue;
        auto value = replace_all(v, "{app_key}", sig.app_key);
        value = replace_all(value, "{nonce}", sig.nonce);
        value = replace_all(value, "{timestamp}", sig.timestamp);
        value = replace_all(value, "{signature}", sig.signature);
        headers.emplace_back(n, replace_all(value, "{app}", app_key));
    }
    if (s.what == step::kind::control) req.target = replace_all(req.target, "{app}", app_key);
    req.headers = std::move(headers);
    return req;
}

observed observe(incoming_response const& r) {
    observed o;
    o.status = r.status;
    o.headers = r.headers;
    o.raw_body = r.body;
    boost::system::error_code ec;
    auto body = json::parse(o.raw_body, ec);
    if (!ec) o.body = std::move(body);
    return o;
}

// The failed checks of `e`, and whether an allowed alternative matched instead.
step_outcome judge_step(expectation const& e, observed const& o) {
    step_outcome out;
    out.status = o.status;
    out.body = o.body;
    out.failures = check_expectation(e, o);
    if (!out.failures.empty())
        for (auto const& alt : e.alternatives)
            if (check_expectation(alt, o).empty()) out.alternative = true;
    return out;
}

} // namespace

bool runner::record_spend(case_context& cx) {
    // Record the call before sending it: a crash must never hide spent quota.
    auto t = now_();
    ledger_.record(t);
    --budget_left_;
    std::string why;
    if (!ledger_.save(opts_.ledger_file, t, why)) {
        cx.res.reason = why;
        return false;
    }
    return true;
}

bool runner::run_request(case_context& cx, step const& s) {
    auto wall = now_();
    auto sig = sign(s.request.signing, cx.creds, random_nonce(), wall + cx.clock_offset);
    auto req = build_request(s, sig, cx.app_key, target_.admin_token);
    if (target_.kind == target_kind::real && s.spends_quota && !record_spend(cx)) return false;
    auto result = send(cx, s.what == step::kind::control ? "control" : "request", req, &sig);
    if (s.what == step::kind::request && !cx.res.exchanges.empty()) {
        // Auto-signed requests are signed afresh in the shell; overrides keep their headers.
        auto const& sg = s.request.signing;
        curl_signing how;
        how.sent = &sig;
        how.fresh = sg.enabled && sg.omit.empty() && !sg.app_key && !sg.nonce && !sg.timestamp &&
                    !sg.signature && !sg.secret;
        how.seconds = sg.seconds;
        how.skew_ms = cx.clock_offset + sg.timestamp_offset_ms;
        if (target_.kind == target_kind::emulator) how.secret = cx.creds.app_secret;
        auto as_sent = cx.res.exchanges.back();
        as_sent.request_headers = req.headers;
        if (target_.kind == target_kind::emulator) as_sent.request_body = req.body;
        cx.res.exchanges.back().curl = curl_command(as_sent, how);
    }
    if (!result.response) {
        cx.res.reason = req.method + " " + req.target + ": " + result.error;
        return false;
    }
    auto o = observe(*result.response);
    if (target_.kind == target_kind::emulator && s.what == step::kind::request &&
        needs_journal(*s.expect))
        o.journal = fetch_journal(cx, o);
    cx.res.status = o.status;
    auto const* code = o.body ? at_pointer(*o.body, "/code") : nullptr;
    cx.res.code = code && code->is_int64() ? std::optional<int>(static_cast<int>(code->get_int64()))
                                            : std::nullopt;
    cx.res.steps.push_back(judge_step(*s.expect, o));
    return true;
}

exchange_result runner::send(case_context& cx, std::string const& kind,
                             outgoing_request const& req, signature_values const* sig) {
    auto result = send_request(target_.at, req, opts_.timeout);
    // On the emulator the per-case app and its secret are generated test values, so requests
    // are written as sent and the curl commands reproduce the case; user credentials (live
    // secrets, the admin token) are never written.
    bool real = target_.kind == target_kind::real;
    exchange_record rec;
    rec.kind = kind;
    rec.method = req.method;
    rec.url = target_.at.url() + req.target;
    rec.request_headers = req.headers;
    if (req.body) rec.request_body = real ? redact_secrets(*req.body) : *req.body;
    curl_signing how;
    if (real) how.sent = sig; // recomputed from $PUSH_APP_SECRET
    rec.curl = curl_command(rec, how);
    for (auto& [n, v] : rec.request_headers)
        if ((real && detail::is_signature_header(n)) || same_name(n, "X-Emulator-Token"))
            v = "<redacted>";
    rec.duration_ms = result.duration_ms;
    rec.error = result.error;
    if (result.response) {
        rec.status = result.response->status;
        rec.response_headers = result.response->headers;
        rec.response_body = redact_secrets(result.response->body); // may list other apps
    }
    cx.res.exchanges.push_back(std::move(rec));
    return result;
}

} // namespace push::conformance
