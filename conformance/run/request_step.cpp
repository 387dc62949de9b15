#include "conformance/run/request_step.hpp"

#include "conformance/report/curl.hpp"
#include "conformance/run/control.hpp"
#include "conformance/run/placeholders.hpp"
#include "conformance/text/json_pointer.hpp"

namespace push::conformance {

namespace {

bool needs_journal(expectation const& e) {
    if (!e.journal.empty() || e.path || e.rule)
        return true;
    for (auto const& a : e.alternatives)
        if (needs_journal(a))
            return true;
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
    req.target = s.what == step::kind::control ? fill_app(spec.path, app_key) : spec.path;
    req.body = spec.body;
    bool has_type = false;
    for (auto const& [n, v] : spec.headers)
        has_type = has_type || same_name(n, "Content-Type");
    if (spec.body && !has_type)
        req.headers.emplace_back("Content-Type", "application/json");
    for (auto& h : signing_headers(spec.signing, sig))
        req.headers.push_back(std::move(h));
    if (s.what == step::kind::control && admin_token)
        req.headers.emplace_back("X-Emulator-Token", *admin_token);
    for (auto const& header : spec.headers) {
        auto const& [n, v] = header;
        // A fixture header replaces a default or signed one of the same name; "" removes it.
        std::erase_if(req.headers, [&](auto const& h) { return same_name(h.first, header.first); });
        if (!v.empty())
            req.headers.emplace_back(n, fill_header(v, sig, app_key));
    }
    return req;
}

// The failed checks of `e`, and whether an allowed alternative matched instead.
step_outcome judge_step(expectation const& e, observed const& o) {
    step_outcome out;
    out.status = o.status;
    out.headers = o.headers;
    out.body = o.body;
    out.raw_body = o.raw_body;
    out.failures = check_expectation(e, o);
    if (!out.failures.empty())
        for (auto const& alt : e.alternatives)
            if (check_expectation(alt, o).empty())
                out.alternative = true;
    return out;
}

// The curl command of the exchange just recorded, as the request was sent: auto-signed
// requests are signed afresh in the shell, overrides keep their headers.
void write_reproduction(case_context& cx, signing_spec const& sg, signature_values const& sig,
                        outgoing_request const& req) {
    curl_signing how;
    how.sent = &sig;
    how.fresh = sg.is_automatic();
    how.seconds = sg.seconds;
    how.skew_ms = cx.clock_offset + sg.timestamp_offset_ms;
    if (cx.on_emulator())
        how.secret = cx.creds.app_secret;
    auto as_sent = cx.res.exchanges.back();
    as_sent.request_headers = req.headers;
    if (cx.on_emulator())
        as_sent.request_body = req.body;
    cx.res.exchanges.back().curl = curl_command(as_sent, how);
}

// The journal entry the request left, or why it could not be read.
void attach_journal(case_context& cx, observed& o) {
    auto entry = fetch_journal(cx, o);
    if (entry) {
        o.journal = std::move(*entry);
        return;
    }
    o.journal = json::value(nullptr);
    o.journal_error = entry.error().message;
}

} // namespace

result<> run_request(case_context& cx, step const& s) {
    auto sig = sign(s.request.signing, cx.creds, random_nonce(), cx.now() + cx.clock_offset);
    auto req = build_request(s, sig, cx.app_key, cx.to.admin_token);
    bool request = s.what == step::kind::request;
    auto sent = cx.send(request ? "request" : "control", req, &sig);
    auto const& answer = sent.response;
    if (request && !sig.signature.empty())
        cx.res.sent_signatures.push_back(sig.signature);
    if (request && !cx.res.exchanges.empty())
        write_reproduction(cx, s.request.signing, sig, req);
    // An exchange the server ended without an answer is a verdict only when the step expects
    // how it ends (a fault); otherwise the case could not run.
    if (!answer && !(request && s.expect->connection && !sent.ended.empty()))
        return fail(req.method + " " + req.target + ": " + answer.error().message);
    auto o = answer ? observe(*answer) : observed{};
    o.ended = sent.ended;
    o.duration_ms = sent.duration_ms;
    o.from_emulator = cx.on_emulator();
    if (cx.on_emulator() && request && needs_journal(*s.expect))
        attach_journal(cx, o);
    cx.res.status = o.status;
    auto const* code = o.body ? at_pointer(*o.body, "/code") : nullptr;
    cx.res.code = code && code->is_int64() ? std::optional<int>(static_cast<int>(code->get_int64()))
                                           : std::nullopt;
    cx.res.steps.push_back(judge_step(*s.expect, o));
    return {};
}

} // namespace push::conformance
