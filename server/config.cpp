#include "config.hpp"

#include "core/device_seed.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/json.hpp>

#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace push {

namespace json = boost::json;

void throw_exception_from_error(config_error const& e, boost::source_location const&) {
    throw std::runtime_error(e.message);
}

namespace {

/// nullopt when the value was applied, else what is wrong with it.
using problem = std::optional<std::string>;
enum class json_kind { string, integer, string_or_integer };

/// One setting, reachable as a flag and (when json_key is set) as a config-file key.
struct option {
    std::string_view flag;
    std::string_view json_key;
    json_kind kind;
    std::string_view value_name;
    std::string_view help;
    std::function<problem(emulator_config&, std::string_view)> apply;
};

template <class T> std::optional<T> parse_int(std::string_view s) {
    T v{};
    auto const* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, v);
    if (ec != std::errc() || p != end || s.empty())
        return std::nullopt;
    return v;
}

std::string quoted(std::string_view s) {
    std::string out(1, '"'); // not "\"" + std::string: g++ 12 -O3 warns (-Wrestrict) on it
    return out.append(s).append(1, '"');
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

std::vector<option> const& options() {
    using k = json_kind;
    static std::vector<option> const table{
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
        {"--seed", "seed", k::integer, "N", "seed of the push id sequences (default 0)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::uint64_t>(t, 0, UINT64_MAX,
                                              [&](std::uint64_t v) { c.settings.seed = v; });
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
         "time allowed to read one request, and keep-alive idle time (default 30)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<int>(t, 1, 86400,
                                    [&](int v) { c.read_timeout = std::chrono::seconds(v); });
         }},
        {"--admin-token", "admin_token", k::string, "TOKEN",
         "require this token on the /_emulator/ control API (default none)",
         [](emulator_config& c, std::string_view t) {
             return non_empty(t, c.settings.admin_token.emplace());
         }},
        {"--devices", "devices", k::string, "FILE", "JSON file of devices to seed (default none)",
         [](emulator_config& c, std::string_view t) {
             return non_empty(t, c.devices_file.emplace());
         }},
        {"--journal-capacity", "journal_capacity", k::integer, "N",
         "journal entries kept before the oldest are evicted (default 1000)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::size_t>(
                 t, 1, 10'000'000, [&](std::size_t v) { c.settings.journal_capacity = v; });
         }},
        {"--journal-recipients", "journal_recipients", k::integer, "N",
         "recipient device ids kept per journal entry; more are counted and flagged truncated "
         "(default 1000)",
         [](emulator_config& c, std::string_view t) {
             return integer_in<std::size_t>(
                 t, 0, 10'000'000, [&](std::size_t v) { c.settings.journal_recipient_cap = v; });
         }},
    };
    return table;
}

option const* find_flag(std::string_view flag) {
    for (auto const& o : options())
        if (o.flag == flag)
            return &o;
    return nullptr;
}

option const* find_json_key(std::string_view key) {
    for (auto const& o : options())
        if (!o.json_key.empty() && o.json_key == key)
            return &o;
    return nullptr;
}

config_error error_at(std::string_view source, std::string_view path, std::string_view what) {
    return config_error(std::string(source) + ": " + std::string(path) + ": " + std::string(what));
}

/// The text form of a JSON scalar of the option's kind, or nullopt for a wrong type.
std::optional<std::string> scalar_text(json::value const& v, json_kind kind) {
    if (v.is_string() && kind != json_kind::integer)
        return std::string(v.get_string());
    if (v.is_int64() && kind != json_kind::string)
        return std::to_string(v.get_int64());
    if (v.is_uint64() && kind != json_kind::string)
        return std::to_string(v.get_uint64());
    return std::nullopt;
}

std::string_view kind_name(json_kind k) {
    switch (k) {
    case json_kind::string:
        return "expected a string";
    case json_kind::integer:
        return "expected an integer";
    case json_kind::string_or_integer:
        return "expected a string or an integer";
    }
    return "";
}

} // namespace

core::app_config default_app() {
    core::app_config app;
    app.key = "emulator-key";
    app.secret = "emulator-secret";
    return app;
}

namespace {

problem app_field(core::app_config& app, std::string_view key, json::value const& v) {
    if (key == "key" || key == "secret") {
        if (!v.is_string() || v.get_string().empty())
            return "expected a non-empty string";
        (key == "key" ? app.key : app.secret) = std::string(v.get_string());
    } else if (key == "push_enabled") {
        if (!v.is_bool())
            return "expected true or false";
        app.push_enabled = v.get_bool();
    } else if (key == "per_hour" || key == "per_day") {
        // quota/per-hour, quota/per-day: 0 means unlimited.
        auto const n = v.is_int64() ? v.get_int64() : -1; // a uint64 is too large anyway
        if (n < 0 || n > UINT32_MAX)
            return "expected an integer from 0 to 4294967295 (0 = unlimited)";
        (key == "per_hour" ? app.limits.per_hour : app.limits.per_day) =
            static_cast<std::uint32_t>(n);
    } else if (key == "profile") {
        auto p = v.is_string() ? core::parse_profile(v.get_string()) : std::nullopt;
        if (!p)
            return "expected \"lenient\" or \"strict\"";
        app.profile = *p;
    } else {
        return "unknown key";
    }
    return std::nullopt;
}

config_result<core::app_config> app_from_json(json::value const& v, std::string const& path,
                                              std::string_view source) {
    if (!v.is_object())
        return error_at(source, path, "expected an object");
    core::app_config app;
    for (auto const& [key, value] : v.get_object())
        if (auto p = app_field(app, key, value))
            return error_at(source, path + "." + std::string(key), *p);
    for (std::string_view required : {"key", "secret"})
        if (!v.get_object().contains(required))
            return error_at(source, path + "." + std::string(required), "is required");
    return app;
}

config_result<void> apply_apps(json::value const& v, std::string_view source,
                               emulator_config& config) {
    if (!v.is_array())
        return error_at(source, "apps", "expected an array");
    std::vector<core::app_config> apps;
    for (std::size_t i = 0; i < v.get_array().size(); ++i) {
        auto const path = "apps[" + std::to_string(i) + "]";
        auto app = app_from_json(v.get_array()[i], path, source);
        if (!app)
            return app.error();
        for (auto const& seen : apps)
            if (seen.key == app->key)
                return error_at(source, path + ".key", "duplicate App-Key " + quoted(app->key));
        apps.push_back(std::move(*app));
    }
    config.apps = std::move(apps);
    return {};
}

/// A flag and its value as given on the command line.
struct flag_value {
    option const* opt;
    std::string value;
};

struct split_args {
    std::vector<flag_value> flags;
    bool help = false;
    bool version = false;
};

config_result<split_args> split(std::span<char const* const> args) {
    split_args out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg == "--help" || arg == "-h") {
            out.help = true;
            continue;
        }
        if (arg == "--version") {
            out.version = true;
            continue;
        }
        if (!arg.starts_with("--"))
            return config_error{"unexpected argument " + quoted(arg)};
        auto const eq = arg.find('=');
        auto const* opt = find_flag(arg.substr(0, eq));
        if (!opt)
            return config_error{"unknown flag " + std::string(arg.substr(0, eq))};
        if (eq != std::string_view::npos)
            out.flags.push_back({opt, std::string(arg.substr(eq + 1))});
        else if (i + 1 < args.size())
            out.flags.push_back({opt, args[++i]});
        else
            return config_error{std::string(opt->flag) + " needs a value " +
                                std::string(opt->value_name)};
    }
    return out;
}

config_result<std::string> read_file(std::string_view flag, std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (!(in && text << in.rdbuf()))
        return config_error(std::string(flag) + ": cannot read " + quoted(path));
    return config_result<std::string>(boost::system::in_place_value, text.str());
}

} // namespace

config_result<void> apply_config_json(std::string_view text, std::string_view source,
                                      emulator_config& config) {
    boost::system::error_code ec;
    auto doc = json::parse(text, ec);
    if (ec)
        return config_error{std::string(source) + ": invalid JSON: " + ec.message()};
    if (!doc.is_object())
        return config_error{std::string(source) + ": expected a JSON object"};
    for (auto const& [key, value] : doc.get_object()) {
        if (key == "apps") {
            if (auto r = apply_apps(value, source, config); !r)
                return r;
            continue;
        }
        auto const* opt = find_json_key(key);
        if (!opt)
            return error_at(source, key, "unknown key");
        auto text_value = scalar_text(value, opt->kind);
        if (!text_value)
            return error_at(source, key, kind_name(opt->kind));
        if (auto p = opt->apply(config, *text_value))
            return error_at(source, key, *p);
    }
    return {};
}

config_result<emulator_config> load_config(std::span<char const* const> args) {
    auto split_result = split(args);
    if (!split_result)
        return split_result.error();
    emulator_config config;
    config.help = split_result->help;
    config.version = split_result->version;
    if (config.help || config.version)
        return config;
    // The file first: flags override it.
    for (auto const& f : split_result->flags) {
        if (f.opt->flag != "--config")
            continue;
        auto text = read_file("--config", f.value);
        if (!text)
            return text.error();
        if (auto r = apply_config_json(*text, f.value, config); !r)
            return r.error();
    }
    for (auto const& f : split_result->flags)
        if (auto p = f.opt->apply(config, f.value))
            return config_error{std::string(f.opt->flag) + ": " + *p};
    if (config.apps.empty())
        config.apps.push_back(default_app());
    return config;
}

config_result<void> seed_devices_file(core::emulator_state& state, std::string const& path,
                                      core::time_ms now) {
    auto text = read_file("--devices", path);
    if (!text)
        return text.error();
    boost::system::error_code ec;
    auto doc = json::parse(*text, ec);
    if (ec)
        return config_error("--devices: " + path + ": invalid JSON: " + ec.message());
    auto seeded = core::seed_devices(state, doc, now);
    if (!seeded) {
        // The message names the JSON path already (e.g. "apps.shop.devices[1].platform ...").
        return config_error("--devices: " + path + ": " + seeded.error().message());
    }
    return {};
}

std::string help_text() {
    std::string out = "usage: push-emulator [flags]\n"
                      "Emulates RongCloud's server API POST /push.json on a local port.\n\n";
    constexpr std::size_t indent = 36, width = 100;
    // One flag per line, its help wrapped at `width` columns.
    auto line = [&](std::string left, std::string_view help) {
        left = "  " + left;
        left.resize(std::max(left.size() + 2, indent), ' ');
        std::size_t column = left.size();
        out += left;
        while (!help.empty()) {
            auto const space = help.find(' ');
            auto const word = help.substr(0, space);
            if (column > indent && column + 1 + word.size() > width) {
                out.append("\n").append(indent, ' ');
                column = indent;
            } else if (column > indent) {
                out += ' ';
                ++column;
            }
            out += word;
            column += word.size();
            help = space == std::string_view::npos ? std::string_view() : help.substr(space + 1);
        }
        out += '\n';
    };
    for (auto const& o : options())
        line(std::string(o.flag) + " " + std::string(o.value_name), o.help);
    line("--help", "print this help and exit");
    line("--version", "print the version and exit");
    return out;
}

} // namespace push
