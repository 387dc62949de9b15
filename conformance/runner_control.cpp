// The emulator's control API as the runner uses it: the fresh app each case gets (and its
// removal), setup calls, the emulator clock, and the journal entry a request left.
#include "conformance/runner_context.hpp"

namespace push::conformance {

using detail::replace_all;

bool runner::control(case_context& cx, std::string const& kind, request_spec const& r,
                     std::optional<json::value>* body_out, int* status_out) {
    outgoing_request req;
    req.method = r.method;
    req.target = replace_all(r.path, "{app}", cx.app_key);
    if (r.body) {
        req.body = replace_all(*r.body, "{app}", cx.app_key);
        req.headers.emplace_back("Content-Type", "application/json");
    }
    if (target_.admin_token) req.headers.emplace_back("X-Emulator-Token", *target_.admin_token);
    auto result = send(cx, kind, req, nullptr);
    if (!result.response) {
        cx.res.reason = kind + " " + req.method + " " + req.target + ": " + result.error;
        return false;
    }
    if (req.target.rfind("/_emulator/clock", 0) == 0) cx.clock_touched = true;
    if (status_out) *status_out = result.response->status;
    boost::system::error_code ec;
    auto body = json::parse(result.response->body, ec);
    if (body_out) *body_out = ec ? std::nullopt : std::optional<json::value>(std::move(body));
    if (status_out) return true; // the caller judges the status
    if (result.response->status / 100 != 2) {
        cx.res.reason = kind + " " + req.method + " " + req.target + " answered " +
                        std::to_string(result.response->status) + ": " +
                        result.response->body.substr(0, 200);
        return false;
    }
    return true;
}

// A control call on the side (clock read, journal, cleanup): its failure is handled by the
// caller and never becomes the case's error reason.
bool runner::side_control(case_context& cx, std::string const& kind, request_spec const& r,
                          std::optional<json::value>* body_out) {
    auto reason = cx.res.reason;
    bool ok = control(cx, kind, r, body_out);
    cx.res.reason = reason;
    return ok;
}

bool runner::open_app(case_context& cx) {
    // A fresh app per case: isolated quota, nonces, devices, tags and journal.
    auto const& f = cx.f;
    cx.app_key = "conf-" + f.area + "-" + f.id.substr(f.id.find('/') + 1) + "-" +
                 opts_.run_nonce + "-" + std::to_string(++counter_);
    cx.creds = credentials{cx.app_key, "secret-" + random_nonce()};
    json::object app{{"secret", cx.creds.app_secret}, {"per_hour", 0}, {"per_day", 0}};
    for (auto const& [k, v] : f.app) app[k] = v;
    request_spec put;
    put.method = "PUT";
    put.path = "/_emulator/apps/" + cx.app_key;
    put.body = json::serialize(app);
    bool ok = control(cx, "app", put);
    if (ok) refresh_clock(cx);
    for (std::size_t i = 0; ok && i < f.setup.size(); ++i) {
        ok = control(cx, "setup", f.setup[i]);
        if (ok && cx.clock_touched) refresh_clock(cx);
    }
    return ok;
}

void runner::close_app(case_context& cx) {
    // Leave the emulator as the case found it.
    request_spec r;
    r.method = "POST";
    r.path = "/_emulator/clock/reset";
    r.body = "{}";
    if (cx.clock_touched) side_control(cx, "cleanup", r);
    r.method = "DELETE";
    r.path = "/_emulator/apps/" + cx.app_key;
    r.body.reset();
    side_control(cx, "cleanup", r);
}

void runner::refresh_clock(case_context& cx) {
    std::optional<json::value> body;
    request_spec r;
    r.method = "GET";
    r.path = "/_emulator/clock";
    bool touched = cx.clock_touched;
    // Without a readable clock, signing uses the wall clock.
    bool ok = side_control(cx, "clock", r, &body);
    cx.clock_touched = touched;
    if (!ok) return;
    auto const* now = body ? at_pointer(*body, "/now_ms") : nullptr;
    if (now && now->is_int64()) cx.clock_offset = now->get_int64() - now_();
}

json::value runner::fetch_journal(case_context& cx, observed& o) {
    request_spec r;
    r.method = "GET";
    auto const* id = o.body ? at_pointer(*o.body, "/id") : nullptr;
    bool by_id = id && id->is_string() && !id->get_string().empty();
    r.path = by_id ? "/_emulator/journal/" + std::string(id->get_string())
                   : "/_emulator/journal?app=" + cx.app_key;
    std::optional<json::value> body;
    if (!side_control(cx, "journal", r, &body)) {
        o.journal_error = "GET " + r.path + " failed";
        return nullptr;
    }
    if (!body || !body->is_object()) {
        o.journal_error = "GET " + r.path + " answered a body that is not a JSON object";
        return nullptr;
    }
    if (by_id) {
        if (auto const* e = body->get_object().if_contains("entry"); e && e->is_object()) return *e;
        return *body;
    }
    auto const* entries = body->get_object().if_contains("entries");
    if (!entries || !entries->is_array() || entries->get_array().empty()) {
        o.journal_error = "no journal entry for app " + cx.app_key;
        return nullptr;
    }
    return entries->get_array().back();
}

} // namespace push::conformance
