#include "core/control/control_api.hpp"

#include "core/control/browser_guard.hpp"
#include "core/control/call.hpp"
#include "core/control/console.hpp"
#include "core/control/metrics_view.hpp"
#include "core/model/app_settings.hpp"
#include "core/model/text.hpp"

#include <array>

#ifndef PUSH_EMULATOR_VERSION
#define PUSH_EMULATOR_VERSION "dev"
#endif

namespace push::core {
namespace {

struct method_handler {
    std::string_view method;
    control_handler handle;
    std::string_view query = {}; // the query parameters it reads, space-separated
};

struct admin_route {
    std::string_view pattern; // segments after /_emulator/, '*' matches one segment
    std::array<method_handler, 3> methods;
};

api_result<json::object> health(control_call& c) {
    auto const& t = c.state.transport;
    return json::object{{"code", 200},
                        {"status", "ok"},
                        {"version", PUSH_EMULATOR_VERSION},
                        {"apps", c.state.apps.size()},
                        {"connections", t.connections},
                        {"idle_connections", t.idle_connections},
                        {"waits", t.waits}};
}

api_result<json::object> config(control_call& c) {
    auto const& s = c.state.settings;
    json::array apps;
    for (auto const& [key, app] : c.state.apps)
        apps.push_back(app_json(app, s, c.with_secrets));
    return json::object{{"code", 200},
                        {"version", PUSH_EMULATOR_VERSION},
                        {"settings",
                         {{"profile", to_string(s.default_profile)},
                          {"utc_offset_minutes", s.utc_offset_minutes},
                          {"max_body", s.max_body},
                          {"seed", s.seed},
                          {"journal_capacity", s.journal_capacity},
                          {"journal_recipient_cap", s.journal_recipient_cap},
                          {"journal_bytes", s.journal_bytes},
                          {"admin_token", s.admin_token.has_value()}}},
                        {"clock",
                         {{"now_ms", c.now},
                          {"frozen", c.state.clock.frozen()},
                          {"offset_ms", c.state.clock.offset()}}},
                        {"apps", std::move(apps)}};
}

constexpr admin_route routes[] = {
    {"health", {{{"GET", &health}}}},
    {"config", {{{"GET", &config, "secrets"}}}},
    {"apps", {{{"GET", &list_apps, "secrets"}}}},
    {"apps/*",
     {{{"GET", &get_app, "secrets"}, {"PUT", &put_app, "secrets"}, {"DELETE", &delete_app}}}},
    {"apps/*/reset", {{{"POST", &reset_app, "secrets"}}}},
    {"apps/*/devices",
     {{{"POST", &upsert_devices},
       {"GET", &list_devices, "user_id platform channel limit state"},
       {"DELETE", &delete_devices}}}},
    {"apps/*/devices/*", {{{"GET", &get_device}, {"DELETE", &delete_device}}}},
    {"apps/*/tags/*", {{{"GET", &get_user_tags}, {"PUT", &put_user_tags}}}},
    {"apps/*/quota", {{{"GET", &get_quota}}}},
    {"apps/*/quota/reset", {{{"POST", &reset_quota}}}},
    {"apps/*/faults", {{{"GET", &get_faults}, {"POST", &add_fault}, {"DELETE", &clear_faults}}}},
    {"journal",
     {{{"GET", &list_journal,
        "app outcome since_ms before_seq after_seq wait_ms user_agent request_id limit"},
       {"DELETE", &clear_journal, "app"}}}},
    {"journal/wait", {{{"GET", &wait_journal, "app count timeout_ms"}}}},
    {"journal/*", {{{"GET", &get_journal_entry}}}},
    {"journal/*/devices/*", {{{"GET", &explain_journal_device}}}},
    {"verify", {{{"POST", &verify_journal}}}},
    {"verify/no-rejections", {{{"POST", &verify_no_rejections, "app since_ms"}}}},
    {"coverage", {{{"GET", &get_coverage, "app"}, {"DELETE", &clear_coverage, "app"}}}},
    {"clock", {{{"GET", &get_clock}, {"PUT", &set_clock}}}},
    {"clock/advance", {{{"POST", &advance_clock}}}},
    {"clock/freeze", {{{"POST", &freeze_clock}}}},
    {"clock/resume", {{{"POST", &resume_clock}}}},
    {"clock/reset", {{{"POST", &reset_clock}}}},
};

std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> out;
    while (!s.empty()) {
        auto const slash = s.find('/');
        auto const piece = s.substr(0, slash);
        if (!piece.empty())
            out.push_back(piece);
        if (slash == std::string_view::npos)
            break;
        s.remove_prefix(slash + 1);
    }
    return out;
}

/// Matches `path` segments against a route pattern; fills the '*' parameters (URL-decoded).
bool match(std::string_view pattern, std::vector<std::string_view> const& path,
           std::vector<std::string>& params) {
    auto const parts = split(pattern);
    if (parts.size() != path.size())
        return false;
    std::vector<std::string> found;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == "*") {
            auto decoded = url_decode(path[i]);
            if (!decoded)
                return false;
            found.push_back(std::move(*decoded));
        } else if (parts[i] != path[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

/// Constant-time comparison (for equal lengths), so the token cannot be guessed byte by byte.
bool same_secret(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool has_admin_token(api_request const& req, std::string const& token) {
    if (auto const* t = req.find_header("X-Emulator-Token"); t && same_secret(*t, token))
        return true;
    if (auto const* a = req.find_header("Authorization")) {
        std::string_view v = *a;
        constexpr std::string_view bearer = "Bearer ";
        if (v.size() > bearer.size() && istarts_with(v, bearer) &&
            same_secret(v.substr(bearer.size()), token))
            return true;
    }
    return false;
}

/// emulator/control: a query parameter the endpoint does not read is a typo, never ignored.
api_result<void> check_query(form_fields const& query, std::string_view known) {
    for (auto const& field : query) {
        std::string_view rest = known;
        bool found = false;
        while (!rest.empty() && !found) {
            auto const space = rest.find(' ');
            found = rest.substr(0, space) == field.first;
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        }
        if (!found)
            return errors::bad_control_request(
                field.first, "unknown query parameter " + field.first +
                                 (known.empty() ? std::string(" (this endpoint takes none)")
                                                : " (known: " + std::string(known) + ")"));
    }
    return {};
}

/// Text from the URL goes into JSON answers: once %-decoded it must be UTF-8 (refused, not
/// repaired: a test that sends other bytes has a bug worth seeing).
api_result<void> check_utf8(control_call const& call) {
    for (auto const& p : call.params)
        if (!is_valid_utf8(p))
            return errors::bad_control_request(
                "", "the request path must be valid UTF-8 once %-decoded");
    for (auto const& [key, value] : call.query)
        if (!is_valid_utf8(key) || !is_valid_utf8(value))
            return errors::bad_control_request(
                is_valid_utf8(key) ? key : std::string(),
                "query parameters must be valid UTF-8 once %-decoded");
    return {};
}

/// Secrets are shown when a token guards the control API, or when the caller asks with
/// ?secrets=true from no browser or the emulator's own page (emulator/origin).
api_result<bool> shows_secrets(control_call const& call) {
    auto const* asked = call.query_text("secrets");
    if (asked && *asked != "true" && *asked != "false")
        return errors::bad_control_request("secrets", "secrets must be true or false");
    if (call.state.settings.admin_token)
        return true;
    if (!asked || *asked == "false")
        return false;
    if (!is_same_origin(call.req))
        return errors::forbidden("secrets are shown to scripts and to the emulator's own page only",
                                 "emulator/origin");
    return true;
}

api_response answer(api_result<json::object> r) {
    api_response res;
    res.result = std::move(r);
    return res;
}

/// GET /_emulator/metrics: the Prometheus text format (docs/metrics.md).
api_response metrics(api_request const& req, emulator_state const& state, time_ms now) {
    if (req.method != "GET" && req.method != "HEAD") {
        // http/method [D-6]
        api_response res = answer(errors::method_not_allowed(req.method, "GET, HEAD"));
        res.headers.push_back({"Allow", "GET, HEAD"});
        return res;
    }
    if (!query_of(req.target).empty())
        return answer(errors::bad_control_request("", "metrics take no query parameters"));
    api_response res;
    res.raw = raw_body{metrics_content_type, metrics_text(state, now)};
    return res;
}

} // namespace

bool is_control_path(std::string_view p) noexcept {
    return p == "/_emulator" || p.substr(0, control_prefix.size()) == control_prefix;
}

api_response handle_control(api_request const& req, std::string_view path, emulator_state& state,
                            time_ms now, time_ms real_now) {
    // The console's files hold no data: a browser loads them without the token (it cannot add
    // a header to a navigation), and the page asks for it before calling the control API.
    if (is_console_path(path)) {
        if (auto browser = check_browser(req, state.settings); !browser)
            return answer(browser.error());
        auto res = serve_console(req, path);
        res.headers.push_back(
            {"X-Emulator-Admin-Token", state.settings.admin_token ? "required" : "none"});
        return res;
    }
    // emulator/admin-token: with --admin-token every control request must carry it.
    if (state.settings.admin_token && !has_admin_token(req, *state.settings.admin_token))
        return answer(errors::admin_unauthorized());
    if (auto browser = check_browser(req, state.settings); !browser)
        return answer(browser.error());
    if (path == "/_emulator/metrics")
        return metrics(req, state, now);
    auto const segments =
        split(std::string_view(path).substr(std::string_view("/_emulator").size()));
    control_call call{req, state, now, real_now, {}, {}, std::nullopt};
    for (auto const& r : routes) {
        if (!match(r.pattern, segments, call.params))
            continue;
        std::string allowed;
        for (auto const& m : r.methods) {
            if (!m.handle)
                continue;
            if (m.method == req.method) {
                auto query = parse_form(query_of(req.target));
                if (!query)
                    return answer(errors::bad_control_request("", "malformed query string"));
                call.query = std::move(*query);
                if (auto text = check_utf8(call); !text)
                    return answer(text.error());
                if (auto known = check_query(call.query, m.query); !known)
                    return answer(known.error());
                auto secrets = shows_secrets(call);
                if (!secrets)
                    return answer(secrets.error());
                call.with_secrets = *secrets;
                api_response res;
                res.result = m.handle(call);
                res.retry_until = call.retry_until;
                return res;
            }
            allowed += allowed.empty() ? "" : ", ";
            allowed += m.method;
        }
        // http/method [D-6]
        api_response res = answer(errors::method_not_allowed(req.method, allowed));
        res.headers.push_back({"Allow", allowed});
        return res;
    }
    // http/route [D-6]
    return answer(errors::not_found(path));
}

} // namespace push::core
