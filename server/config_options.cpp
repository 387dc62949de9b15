#include "config_options.hpp"

#include <boost/asio/ip/address.hpp>

#include <fcntl.h>

#include <algorithm>
#include <charconv>
#include <climits>

namespace push::config_detail {
namespace json = boost::json;

namespace {

template <class T> std::optional<T> parse_int(std::string_view s) {
    T v{};
    auto const* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, v);
    if (ec != std::errc() || p != end || s.empty())
        return std::nullopt;
    return v;
}

/// Applies an integer in [lo, hi] through `set`.
template <class T, class Set> problem integer_in(std::string_view text, T lo, T hi, Set set) {
    auto v = parse_int<T>(text);
    if (!v || *v < lo || *v > hi)
        return "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
               ", got " + quoted(text);
    set(*v);
    return std::nullopt;
}

/// [D-9] "+08:00", "-05:30" or whole minutes ("480", "-330"), within ±14:00.
std::optional<int> parse_utc_offset(std::string_view s) {
    constexpr int max_minutes = 14 * 60;
    std::optional<int> minutes;
    if (s.size() == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':') {
        auto h = parse_int<int>(s.substr(1, 2));
        auto m = parse_int<int>(s.substr(4, 2));
        if (h && m && *m < 60)
            minutes = (s[0] == '-' ? -1 : 1) * (*h * 60 + *m);
    } else {
        minutes = parse_int<int>(s.starts_with('+') ? s.substr(1) : s);
    }
    if (!minutes || *minutes < -max_minutes || *minutes > max_minutes)
        return std::nullopt;
    return minutes;
}

problem apply_app_flag(emulator_config& c, std::string_view text) {
    auto const colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
        return "expected KEY:SECRET, got " + quoted(text);
    std::string key(text.substr(0, colon)), secret(text.substr(colon + 1));
    for (auto& app : c.apps)
        if (app.key == key) {
            app.secret = std::move(secret);
            return std::nullopt;
        }
    core::app_config app;
    app.key = std::move(key);
    app.secret = std::move(secret);
    c.apps.push_back(std::move(app));
    return std::nullopt;
}

problem non_empty(std::string_view text, std::string& out) {
    if (text.empty())
        return "must not be empty";
    out = std::string(text);
    return std::nullopt;
}

} // namespace

std::string quoted(std::string_view s) {
    std::string out(1, '"'); // not "\"" + std::string: g++ 12 -O3 warns (-Wrestrict) on it
    return out.append(s).append(1, '"');
}

namespace {

/// The table with the listener options placed after --port.
std::vector<option> with_listener_options(std::vector<option> table) {
    auto const port = std::find_if(table.begin(), table.end(),
                                   [](option const& o) { return o.flag == "--port"; });
    auto more = listener_options();
    table.insert(port + 1, more.begin(), more.end());
    return table;
}

} // namespace

std::vector<option> const& options() {
    using k = json_kind;
    static std::vector<option> const table = with_listener_options({
        {"--listen", "listen", k::string, "ADDR", "IP address to listen on (default 127.0.0.1)",
         [](emulator_config& c, std::string_view t) -> problem {
             boost::system::error_code ec;
             boost::asio::ip::make_address(std::string(t), ec);
             if (ec)
                 return "expected an IPv4 or IPv6 address, got " + quoted(t);
             c.listen = std::string(t);
             return std::nullopt;
         }},
        {"--port", "port", k::integer, "N", "TCP port; 0 picks a free port (default 8080)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<int>(t, 0, 65535,
                                    [&](int v) { c.port = static_cast<std::uint16_t>(v); });
         }},
        {"--port-file", "port_file", k::string, "FILE",
         "write the bound port to FILE once listening; removed at exit (default none)",
         [](emulator_config& c, std::string_view t) {
             return non_empty(t, c.port_file.emplace());
         }},
        {"--ready-fd", "", k::integer, "N",
         "write the bound port to open file descriptor N once listening, then close it "
         "(default none)",
         [](emulator_config& c, std::string_view t) -> problem {
             if (auto p = integer_in<int>(t, 0, INT_MAX, [&](int v) { c.ready_fd = v; }))
                 return p;
             if (::fcntl(*c.ready_fd, F_GETFD) == -1)
                 return std::string(t) + " is not an open file descriptor";
             return std::nullopt;
         }},
        {"--app", "", k::string, "KEY:SECRET",
         "an app (repeatable); overrides the secret of a config-file app with that key "
         "(default emulator-key:emulator-secret when no app is configured)",
         apply_app_flag},
        {"--config", "", k::string, "FILE", "JSON config file; flags override it (default none)",
         [](emulator_config&, std::string_view) -> problem { return std::nullopt; }},
        {"--profile", "profile", k::string, "lenient|strict",
         "signature and body checks [D-3] (default lenient)",
         [](emulator_config& c, std::string_view t) -> problem {
             auto p = core::parse_profile(t);
             if (!p)
                 return "expected lenient or strict, got " + quoted(t);
             c.settings.default_profile = *p;
             return std::nullopt;
         }},
        {"--seed", "seed", k::integer, "N",
         "seed of the push id sequences, to repeat a run's ids (default: a random seed, "
         "printed at start as \"seed: N\")",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::uint64_t>(t, 0, UINT64_MAX, [&](std::uint64_t v) {
                 c.settings.seed = v;
                 c.seed_given = true;
             });
         }},
        {"--max-body", "max_body", k::integer, "BYTES",
         "largest accepted request body [D-5] (default 102400)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::size_t>(t, 1, std::size_t{1} << 30,
                                            [&](std::size_t v) { c.settings.max_body = v; });
         }},
        {"--day-utc-offset", "day_utc_offset", k::string_or_integer, "OFFSET",
         "UTC offset of the quota's natural day [D-9]: +HH:MM, -HH:MM or minutes "
         "(default +08:00)",
         [](emulator_config& c, std::string_view t) -> problem {
             auto m = parse_utc_offset(t);
             if (!m)
                 return "expected +HH:MM, -HH:MM or minutes within 14 hours, got " + quoted(t);
             c.settings.utc_offset_minutes = *m;
             return std::nullopt;
         }},
        {"--log-level", "log_level", k::string, "LEVEL",
         "error, warn, info, debug or off; logs go to stderr (default info)",
         [](emulator_config& c, std::string_view t) -> problem {
             auto l = transport::parse_log_level(t);
             if (!l)
                 return "expected error, warn, info, debug or off, got " + quoted(t);
             c.log_level = *l;
             return std::nullopt;
         }},
        {"--read-timeout", "read_timeout", k::integer, "SECONDS",
         "time allowed to read the rest of a request once it has begun, and to write an answer "
         "(default 30)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<int>(t, 1, 86400,
                                    [&](int v) { c.read_timeout = std::chrono::seconds(v); });
         }},
        {"--idle-timeout", "idle_timeout", k::integer, "SECONDS",
         "time a connection may wait for its next request before it is closed (default 10)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<int>(t, 1, 86400,
                                    [&](int v) { c.idle_timeout = std::chrono::seconds(v); });
         }},
        {"--max-connections", "max_connections", k::integer, "N",
         "open connections at most; past it the one idle the longest is closed (default 512)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::size_t>(t, 1, 1'000'000,
                                            [&](std::size_t v) { c.max_connections = v; });
         }},
        {"--max-waits", "max_waits", k::integer, "N",
         "journal/wait long polls in progress at most; more answer 503 (default 128)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::size_t>(t, 1, 1'000'000,
                                            [&](std::size_t v) { c.max_waits = v; });
         }},
        {"--admin-token", "admin_token", k::string, "TOKEN",
         "require this token on the /_emulator/ control API (default none)",
         [](emulator_config& c, std::string_view t) {
             return non_empty(t, c.settings.admin_token.emplace());
         }},
        {"--allow-host", "allow_hosts", k::string_list, "NAME",
         "a Host name the control API answers besides localhost and IP addresses, against DNS "
         "rebinding (repeatable; default none)",
         [](emulator_config& c, std::string_view t) -> problem {
             if (t.empty() || t.find_first_of(" /:@") != std::string_view::npos)
                 return "expected a host name, got " + quoted(t);
             c.settings.allowed_hosts.emplace_back(t);
             return std::nullopt;
         }},
        {"--devices", "devices", k::string, "FILE", "JSON file of devices to seed (default none)",
         [](emulator_config& c, std::string_view t) {
             return non_empty(t, c.devices_file.emplace());
         }},
        {"--coverage-report", "coverage_report", k::string, "FILE",
         "when the emulator stops, write the error-path coverage as JSON to FILE and as Markdown "
         "beside it (default none)",
         [](emulator_config& c, std::string_view t) {
             return non_empty(t, c.coverage_report.emplace());
         }},
        {"--journal-capacity", "journal_capacity", k::integer, "N",
         "journal entries kept before the oldest are evicted (default 1000)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::size_t>(
                 t, 1, 10'000'000, [&](std::size_t v) { c.settings.journal_capacity = v; });
         }},
        {"--journal-bytes", "journal_bytes", k::integer, "BYTES",
         "memory the journal of one app may hold; the oldest entries are evicted beyond it "
         "(default 8388608)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::size_t>(t, 0, std::size_t{1} << 40,
                                            [&](std::size_t v) { c.settings.journal_bytes = v; });
         }},
        {"--journal-recipients", "journal_recipients", k::integer, "N",
         "recipient device ids kept per journal entry; more are counted and flagged truncated "
         "(default 1000)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::size_t>(
                 t, 0, 10'000'000, [&](std::size_t v) { c.settings.journal_recipient_cap = v; });
         }},
    });
    return table;
}

option const* find_flag(std::string_view flag) {
    for (auto const& o : options())
        if (o.flag == flag)
            return &o;
    return nullptr;
}

std::optional<std::string> scalar_text(json::value const& v, json_kind kind) {
    if (v.is_string() && kind != json_kind::integer)
        return std::string(v.get_string());
    if (v.is_int64() && kind != json_kind::string)
        return std::to_string(v.get_int64());
    if (v.is_uint64() && kind != json_kind::string)
        return std::to_string(v.get_uint64());
    return std::nullopt;
}

std::optional<std::vector<std::string>> flag_values(json::value const& v, json_kind kind) {
    std::vector<std::string> out;
    if (kind != json_kind::string_list) {
        auto text = scalar_text(v, kind);
        if (!text)
            return std::nullopt;
        out.push_back(std::move(*text));
        return out;
    }
    if (!v.is_array())
        return std::nullopt;
    for (auto const& item : v.get_array()) {
        if (!item.is_string())
            return std::nullopt;
        out.emplace_back(item.get_string());
    }
    return out;
}

std::string_view kind_name(json_kind k) {
    switch (k) {
    case json_kind::string:
        return "expected a string";
    case json_kind::integer:
        return "expected an integer";
    case json_kind::string_or_integer:
        return "expected a string or an integer";
    case json_kind::string_list:
        return "expected an array of strings";
    }
    return "";
}

} // namespace push::config_detail
