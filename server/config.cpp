#include "config.hpp"
#include "config_options.hpp"

#include "core/model/app_settings.hpp"
#include "core/model/audience.hpp"
#include "core/model/device_seed.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/json.hpp>

#include <charconv>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <stdexcept>

namespace push {

namespace json = boost::json;

void throw_exception_from_error(config_error const& e, boost::source_location const&) {
    throw std::runtime_error(e.message);
}

using namespace config_detail;

namespace {

config_error error_at(std::string_view source, std::string_view path, std::string_view what) {
    return config_error(std::string(source) + ": " + std::string(path) + ": " + std::string(what));
}

} // namespace

core::app_config default_app() {
    core::app_config app;
    app.key = "emulator-key";
    app.secret = "emulator-secret";
    return app;
}

namespace {

/// A core error (its message names the JSON path) as a config error of `source`.
config_error error_in(std::string_view source, core::api_error const& e) {
    return config_error(std::string(source) + ": " + e.message());
}

config_result<core::app_config> app_from_json(json::value const& v, std::string const& path,
                                              std::string_view source, core::read_context& ctx) {
    if (!v.is_object())
        return error_at(source, path, "expected an object");
    core::object_reader r(v.get_object(), path, ctx);
    core::app_config app;
    r.require_string("key", app.key, "emulator/control");
    core::read_app_fields(r, app, true);
    if (auto done = r.finish(); !done)
        return error_in(source, done.error());
    return app;
}

config_result<void> apply_apps(json::value const& v, std::string_view source,
                               emulator_config& config, core::read_context& ctx) {
    if (!v.is_array())
        return error_at(source, "apps", "expected an array");
    std::vector<core::app_config> apps;
    for (std::size_t i = 0; i < v.get_array().size(); ++i) {
        auto const path = core::element_path("apps", i);
        auto app = app_from_json(v.get_array()[i], path, source, ctx);
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

/// 64 random bits from the system's entropy source.
std::uint64_t random_seed() {
    std::random_device entropy;
    return (std::uint64_t{entropy()} << 32) ^ entropy();
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
    // The settings of the flag table, then the apps; any other key is refused.
    core::read_context ctx{core::profile::lenient, core::read_mode::exact, {}};
    core::object_reader r(doc.get_object(), "", ctx);
    for (auto const& opt : options()) {
        json::value const* value = opt.json_key.empty() ? nullptr : r.find(opt.json_key);
        if (!value)
            continue;
        auto values = flag_values(*value, opt.kind);
        if (!values)
            return error_at(source, opt.json_key, kind_name(opt.kind));
        for (auto const& text_value : *values)
            if (auto p = opt.apply(config, text_value))
                return error_at(source, opt.json_key, *p);
    }
    json::value const* apps = r.find("apps");
    if (auto done = r.finish(); !done)
        return error_in(source, done.error());
    if (apps)
        return apply_apps(*apps, source, config, ctx);
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
    if (auto p = check_listeners(config))
        return config_error{*p};
    if (config.apps.empty())
        config.apps.push_back(default_app());
    // response/id-format: ids unique across processes unless a seed asks for a repeat.
    if (!config.seed_given)
        config.settings.seed = random_seed();
    return config;
}

namespace {

/// audience/active-30-days: devices seeded with an old last_connected_ms exist but are never
/// targeted, which is easy to miss (a copied example from another year does it).
std::vector<std::string> stale_device_warnings(core::emulator_state const& state,
                                               std::string const& path, core::time_ms now) {
    constexpr std::size_t named = 3;
    std::vector<std::string> lines;
    for (auto const& [key, app] : state.apps) {
        std::vector<std::string> stale;
        for (auto const& d : app.registry.devices())
            if (d.last_connected < now - core::active_window_ms)
                stale.push_back(d.id);
        if (stale.empty())
            continue;
        bool const one = stale.size() == 1;
        std::string line = "--devices: " + path + ": app " + key + ": " +
                           std::to_string(stale.size()) + (one ? " device" : " devices") +
                           " connected more than 30 days ago, so no push reaches " +
                           (one ? "it" : "them") + " (";
        for (std::size_t i = 0; i < stale.size() && i < named; ++i)
            line.append(i ? ", " : "").append(stale[i]);
        line.append(stale.size() > named ? ", ...)" : ")");
        line += "; leave out last_connected(_ms) to mean now";
        lines.push_back(std::move(line));
    }
    return lines;
}

} // namespace

config_result<std::vector<std::string>>
seed_devices_file(core::emulator_state& state, std::string const& path, core::time_ms now) {
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
    return stale_device_warnings(state, path, now);
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
    out += "\nWithout --app or a config file, the one app is App-Key emulator-key, App-Secret\n"
           "emulator-secret. Exit status: 0 after SIGINT or SIGTERM, 1 when the port cannot be\n"
           "bound, 2 for a bad flag, config file or devices file. Manual: man push-emulator.\n";
    return out;
}

} // namespace push
