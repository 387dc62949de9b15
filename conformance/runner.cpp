#include "conformance/runner.hpp"

#include <random>

namespace push::conformance {

std::string_view to_string(verdict v) noexcept {
    switch (v) {
    case verdict::pass: return "pass";
    case verdict::fail: return "fail";
    case verdict::non_strict: return "non_strict";
    case verdict::skip: return "skip";
    case verdict::error: return "error";
    }
    return "error";
}

std::string random_nonce() {
    static std::mt19937_64 gen{std::random_device{}()};
    std::uniform_int_distribution<std::uint64_t> d(1'000'000'000'000'000, 9'999'999'999'999'999);
    return std::to_string(d(gen));
}

bool valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 9;
        if (n == 9 || (n == 1 && c < 0xC2) || i + n >= s.size() + (n == 0)) return false;
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

namespace {

void redact_value(json::value& v) {
    if (v.is_array())
        for (auto& e : v.get_array()) redact_value(e);
    if (!v.is_object()) return;
    for (auto& [k, e] : v.get_object()) {
        if (k == "secret" || k == "app_secret") e = "<redacted>";
        else redact_value(e);
    }
}

std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string base64(std::string_view in) {
    static constexpr char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                     (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
        out += {t[n >> 18], t[(n >> 12) & 63], t[(n >> 6) & 63], t[n & 63]};
    }
    if (i + 1 == in.size()) {
        unsigned n = static_cast<unsigned char>(in[i]) << 16;
        out += {t[n >> 18], t[(n >> 12) & 63], '=', '='};
    } else if (i + 2 == in.size()) {
        unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
        out += {t[n >> 18], t[(n >> 12) & 63], t[(n >> 6) & 63], '='};
    }
    return out;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
    return s;
}

bool is_signature_header(std::string_view name) {
    return same_name(name, "Signature") || same_name(name, "RC-Signature");
}

} // namespace

std::string redact_secrets(std::string const& body) {
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec || !(v.is_object() || v.is_array())) return body;
    redact_value(v);
    return json::serialize(v);
}

std::string curl_command(exchange_record const& r, bool real_target, signature_values const* sig) {
    std::string cmd = "curl -sS -i -X " + shell_quote(r.method) + " " + shell_quote(r.url);
    for (auto const& [n, v] : r.request_headers) {
        if (real_target && sig && sig->computed && is_signature_header(n)) {
            // Recompute the signature from the secret in the environment, never store it.
            bool upper = !v.empty() && v.find_first_of("ABCDEF") != std::string::npos;
            cmd += " -H \"" + n + ": $(printf '%s' \"$PUSH_APP_SECRET\"" + shell_quote(sig->nonce) +
                   shell_quote(sig->timestamp) + " | sha1sum | cut -c1-40" +
                   (upper ? " | tr a-f A-F" : "") + ")\"";
            continue;
        }
        cmd += " -H " + shell_quote(n + ": " + v);
    }
    if (!r.request_body) return cmd;
    if (valid_utf8(*r.request_body))
        return cmd + " --data-binary " + shell_quote(*r.request_body);
    return "printf '%s' " + shell_quote(base64(*r.request_body)) + " | base64 -d | " + cmd +
           " --data-binary @-";
}

struct runner::case_context {
    fixture const& f;
    case_result& res;
    credentials creds;
    std::string app_key;
    std::int64_t clock_offset = 0;
    bool clock_touched = false;
};

runner::runner(target t, run_options opts, std::function<std::int64_t()> now)
    : target_(std::move(t)), opts_(std::move(opts)), now_(std::move(now)),
      budget_left_(opts_.live_quota_budget) {
    if (opts_.run_nonce.empty()) opts_.run_nonce = random_nonce().substr(0, 8);
}

bool runner::prepare(std::string& why) {
    if (target_.kind != target_kind::real) return true;
    return ledger_.load(opts_.ledger_file, why);
}

std::string runner::plan(fixture const& f) const {
    if (f.strict && !opts_.strict) return "strict case (run with --strict)";
    if (f.requires_admin_token && !target_.admin_token)
        return "needs an emulator run with --admin-token (and --admin-token here)";
    if (target_.kind != target_kind::real) return {};
    if (f.emulator_only) return "emulator-only case";
    auto why = ledger_.refusal(f.quota_cost(), now_(), budget_left_, opts_.real_quota);
    return why.empty() ? why : "quota budget: " + why;
}

exchange_result runner::send(case_context& cx, std::string const& kind,
                             outgoing_request const& req, signature_values const* sig) {
    auto result = send_request(target_.at, req, opts_.timeout);
    bool real = target_.kind == target_kind::real;
    exchange_record rec;
    rec.kind = kind;
    rec.method = req.method;
    rec.url = target_.at.url() + req.target;
    rec.request_headers = req.headers;
    if (req.body) rec.request_body = redact_secrets(*req.body);
    rec.curl = curl_command(rec, real, sig);
    if (real)
        for (auto& [n, v] : rec.request_headers)
            if (is_signature_header(n)) v = "<redacted>";
    rec.duration_ms = result.duration_ms;
    rec.error = result.error;
    if (result.response) {
        rec.status = result.response->status;
        rec.response_headers = result.response->headers;
        rec.response_body = redact_secrets(result.response->body);
    }
    cx.res.exchanges.push_back(std::move(rec));
    return result;
}

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

void runner::refresh_clock(case_context& cx) {
    std::optional<json::value> body;
    request_spec r;
    r.method = "GET";
    r.path = "/_emulator/clock";
    bool touched = cx.clock_touched;
    auto reason = cx.res.reason;
    bool ok = control(cx, "clock", r, &body);
    cx.clock_touched = touched;
    cx.res.reason = reason; // without a readable clock, signing uses the wall clock
    if (!ok) return;
    auto const* now = body ? at_pointer(*body, "/now_ms") : nullptr;
    if (now && now->is_int64()) cx.clock_offset = now->get_int64() - now_();
}

namespace {

bool needs_journal(expectation const& e) {
    if (!e.journal.empty() || e.path || e.rule) return true;
    for (auto const& a : e.alternatives)
        if (needs_journal(a)) return true;
    return false;
}

} // namespace

json::value runner::fetch_journal(case_context& cx, observed& o) {
    request_spec r;
    r.method = "GET";
    auto const* id = o.body ? at_pointer(*o.body, "/id") : nullptr;
    bool by_id = id && id->is_string() && !id->get_string().empty();
    r.path = by_id ? "/_emulator/journal/" + std::string(id->get_string())
                   : "/_emulator/journal?app=" + cx.app_key;
    std::optional<json::value> body;
    auto reason = cx.res.reason;
    bool ok = control(cx, "journal", r, &body);
    cx.res.reason = reason;
    if (!ok) {
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

bool runner::run_request(case_context& cx, step const& s) {
    auto const& spec = s.request;
    auto sig = sign(spec.signing, cx.creds, random_nonce(), now_() + cx.clock_offset);
    outgoing_request req;
    req.method = spec.method;
    req.target = spec.path;
    req.body = spec.body;
    header_list headers;
    bool has_type = false;
    for (auto const& [n, v] : spec.headers) has_type = has_type || same_name(n, "Content-Type");
    if (spec.body && !has_type) headers.emplace_back("Content-Type", "application/json");
    for (auto& h : signing_headers(spec.signing, sig)) headers.push_back(std::move(h));
    if (s.what == step::kind::control && target_.admin_token)
        headers.emplace_back("X-Emulator-Token", *target_.admin_token);
    for (auto const& [n, v] : spec.headers) {
        // A fixture header replaces a default or signed one of the same name; "" removes it.
        std::erase_if(headers, [&](auto const& h) { return same_name(h.first, n); });
        if (v.empty()) continue;
        auto value = replace_all(v, "{app_key}", sig.app_key);
        value = replace_all(value, "{nonce}", sig.nonce);
        value = replace_all(value, "{timestamp}", sig.timestamp);
        value = replace_all(value, "{signature}", sig.signature);
        headers.emplace_back(n, replace_all(value, "{app}", cx.app_key));
    }
    if (s.what == step::kind::control) req.target = replace_all(req.target, "{app}", cx.app_key);
    req.headers = std::move(headers);
    if (target_.kind == target_kind::real && s.spends_quota) {
        // Record the call before sending it: a crash must never hide spent quota.
        auto t = now_();
        ledger_.record(t);
        --budget_left_;
        std::string why;
        if (!ledger_.save(opts_.ledger_file, t, why)) {
            cx.res.reason = why;
            return false;
        }
    }
    auto result = send(cx, s.what == step::kind::control ? "control" : "request", req, &sig);
    if (!result.response) {
        cx.res.reason = req.method + " " + req.target + ": " + result.error;
        return false;
    }
    observed o;
    o.status = result.response->status;
    o.headers = result.response->headers;
    o.raw_body = result.response->body;
    boost::system::error_code ec;
    auto body = json::parse(o.raw_body, ec);
    if (!ec) o.body = std::move(body);
    if (target_.kind == target_kind::emulator && s.what == step::kind::request &&
        needs_journal(*s.expect))
        o.journal = fetch_journal(cx, o);
    step_outcome out;
    out.status = o.status;
    out.body = o.body;
    out.failures = check_expectation(*s.expect, o);
    if (!out.failures.empty())
        for (auto const& alt : s.expect->alternatives)
            if (check_expectation(alt, o).empty()) out.alternative = true;
    cx.res.status = o.status;
    auto const* code = o.body ? at_pointer(*o.body, "/code") : nullptr;
    cx.res.code = code && code->is_int64() ? std::optional<int>(static_cast<int>(code->get_int64()))
                                            : std::nullopt;
    cx.res.steps.push_back(std::move(out));
    return true;
}

bool runner::run_step(case_context& cx, step const& s) {
    if (s.what != step::kind::clock) return run_request(cx, s);
    request_spec r;
    r.method = s.clock_op == "set" ? "PUT" : "POST";
    r.path = s.clock_op == "set" ? "/_emulator/clock" : "/_emulator/clock/" + s.clock_op;
    if (s.clock_op == "advance") r.body = json::serialize(json::object{{"by", s.clock_arg}});
    else if (s.clock_op == "set") r.body = json::serialize(json::object{{"now_ms", s.clock_arg}});
    else r.body = "{}";
    if (!control(cx, "clock", r)) return false;
    refresh_clock(cx);
    return true;
}

case_result runner::run_case(fixture const& f) {
    case_result res;
    res.id = f.id;
    res.area = f.area;
    res.rules = f.rules;
    res.description = f.description;
    res.file = f.file;
    if (auto why = plan(f); !why.empty()) {
        res.outcome = verdict::skip;
        res.reason = why;
        res.budget_skip = why.rfind("quota budget", 0) == 0;
        return res;
    }
    auto started = std::chrono::steady_clock::now();
    case_context cx{f, res, target_.creds.value_or(credentials{}), "", 0, false};
    bool ok = true;
    if (target_.kind == target_kind::emulator) {
        // A fresh app per case: isolated quota, nonces, devices, tags and journal.
        cx.app_key = "conf-" + f.area + "-" + f.id.substr(f.id.find('/') + 1) + "-" +
                     opts_.run_nonce + "-" + std::to_string(++counter_);
        cx.creds = credentials{cx.app_key, "secret-" + random_nonce()};
        json::object app{{"secret", cx.creds.app_secret}, {"per_hour", 0}, {"per_day", 0}};
        for (auto const& [k, v] : f.app) app[k] = v;
        request_spec put;
        put.method = "PUT";
        put.path = "/_emulator/apps/" + cx.app_key;
        put.body = json::serialize(app);
        ok = control(cx, "app", put);
        if (ok) refresh_clock(cx);
        for (std::size_t i = 0; ok && i < f.setup.size(); ++i) {
            ok = control(cx, "setup", f.setup[i]);
            if (ok && cx.clock_touched) refresh_clock(cx);
        }
    }
    for (std::size_t i = 0; ok && i < f.steps.size(); ++i) ok = run_step(cx, f.steps[i]);
    if (target_.kind == target_kind::emulator) {
        // Leave the emulator as the case found it.
        auto reason = res.reason;
        request_spec r;
        r.method = "POST";
        r.path = "/_emulator/clock/reset";
        r.body = "{}";
        if (cx.clock_touched) control(cx, "cleanup", r);
        r.method = "DELETE";
        r.path = "/_emulator/apps/" + cx.app_key;
        r.body.reset();
        control(cx, "cleanup", r);
        res.reason = reason;
    }
    res.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    if (!ok) {
        res.outcome = verdict::error;
        return res;
    }
    bool alternative = false;
    for (std::size_t i = 0; i < res.steps.size(); ++i) {
        auto const& s = res.steps[i];
        if (s.failures.empty()) continue;
        if (!s.alternative) res.outcome = verdict::fail;
        alternative = true;
        for (auto fl : s.failures) {
            if (res.steps.size() > 1) fl.where = "request " + std::to_string(i + 1) + ": " + fl.where;
            res.failures.push_back(std::move(fl));
        }
    }
    if (res.outcome != verdict::fail && alternative) res.outcome = verdict::non_strict;
    return res;
}

} // namespace push::conformance
