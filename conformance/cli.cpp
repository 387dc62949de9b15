#include "conformance/cli.hpp"

#include <cstdlib>
#include <filesystem>

namespace push::conformance {

char const* const cli_usage =
    "usage: push-conformance [options] [PREFIX...]\n"
    "  PREFIX                 runs the cases whose id starts with PREFIX: 'audience' a group,\n"
    "                         'audience/00' audience/001..009, 'audience/004' one case\n"
    "  --target URL           the emulator (default http://127.0.0.1:8080), or with --live\n"
    "                         the real endpoint (http or https)\n"
    "  --fixtures DIR         fixture directory (default fixtures/push)\n"
    "  --list                 list the selected cases (id, description, rules, flags)\n"
    "  --dry-run              show which cases would run or be skipped, and why; send nothing\n"
    "  --strict               also run strict (SHOULD-level / strict-profile) cases\n"
    "  --admin-token T        X-Emulator-Token for the emulator's control API\n"
    "  --live                 real endpoint: emulator-only cases are skipped and quota is\n"
    "                         spent only within --live-quota-budget\n"
    "  --app-key K, --app-secret S   credentials (else PUSH_APP_KEY / PUSH_APP_SECRET)\n"
    "  --live-quota-budget N  quota-spending calls allowed in this run (default 0)\n"
    "  --ledger FILE          live quota ledger (default .push-conformance-ledger.json)\n"
    "  --drift URL            also run against URL and report differences\n"
    "  --report DIR           write index.json, one file per case, junit.xml (and drift.json)\n"
    "  --timeout MS           per-request timeout, at least 1 (default 10000)\n"
    "  --version              print the version and exit\n"
    "  Valued options also take the form --option=VALUE.\n";

namespace {

std::optional<int> to_int(std::string const& s) {
    try {
        std::size_t used = 0;
        int v = std::stoi(s, &used);
        if (used == s.size() && v >= 0) return v;
    } catch (std::exception const&) {
    }
    return std::nullopt;
}

bool takes_value(std::string const& name) {
    static constexpr char const* valued[] = {
        "--target", "--fixtures",    "--app-key", "--app-secret",        "--admin-token",
        "--drift",  "--drift-target", "--report", "--live-quota-budget", "--ledger",
        "--timeout"};
    for (auto const* v : valued)
        if (name == v) return true;
    return false;
}

// Sets the flag `name` (true) when it is a switch; false when it is not one.
bool set_switch(cli& c, std::string const& name) {
    if (name == "--list") c.list = true;
    else if (name == "--dry-run") c.dry_run = true;
    else if (name == "--strict") c.strict = true;
    else if (name == "--live") c.live = true;
    else return false;
    return true;
}

// A URL-valued option: `url` must be an http:// or https:// URL with a host and port.
bool check_url(std::string const& name, std::string const& url, std::string& error) {
    std::string why;
    if (parse_endpoint(url, why)) return true;
    error = name + ": " + why + " (got '" + url + "')";
    return false;
}

// A valued option (`takes_value(name)`); false with `error` set when `v` is unusable.
bool set_option(cli& c, std::string const& name, std::string const& v, std::string& error) {
    if (name == "--target") {
        if (!check_url(name, v, error)) return false;
        c.target = v;
    } else if (name == "--drift" || name == "--drift-target") {
        if (!check_url(name, v, error)) return false;
        c.drift = v;
    } else if (name == "--fixtures") c.fixtures = v;
    else if (name == "--app-key") c.app_key = v;
    else if (name == "--app-secret") c.app_secret = v;
    else if (name == "--admin-token") c.admin_token = v;
    else if (name == "--report") c.report = v;
    else if (name == "--ledger") c.ledger = v;
    else if (name == "--live-quota-budget") {
        auto n = to_int(v);
        if (!n) {
            error = name + " needs a non-negative integer (got '" + v + "')";
            return false;
        }
        c.budget = *n;
    } else { // --timeout
        auto n = to_int(v);
        if (!n || *n < 1) {
            error = name + " needs a whole number of milliseconds, at least 1 (got '" + v + "')";
            return false;
        }
        c.timeout_ms = *n;
    }
    return true;
}

} // namespace

cli_parse parse_cli(std::vector<std::string> const& args) {
    cli_parse out;
    auto& c = out.options;
    for (std::size_t i = 0; i < args.size() && !out.error; ++i) {
        auto const& a = args[i];
        if (a == "--help" || a == "-h") {
            out.help = true;
            return out;
        }
        if (a == "--version") {
            out.version = true;
            return out;
        }
        if (a.empty() || a.front() != '-') {
            c.prefixes.push_back(a);
            continue;
        }
        // --name, --name value or --name=value.
        auto eq = a.rfind("--", 0) == 0 ? a.find('=') : std::string::npos;
        std::string name = a.substr(0, eq);
        std::optional<std::string> value;
        if (eq != std::string::npos) value = a.substr(eq + 1);
        std::string why;
        if (set_switch(c, name)) {
            if (value) out.error = name + " takes no value";
        } else if (!takes_value(name)) {
            out.error = "unknown option " + name;
        } else if (!value && (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0)) {
            out.error = name + " needs a value";
        } else if (!set_option(c, name, value ? *value : args[++i], why)) {
            out.error = why;
        }
    }
    return out;
}

std::string version_line() {
    return std::string("push-conformance ") + PUSH_EMULATOR_VERSION;
}

std::vector<fixture> select_cases(std::vector<fixture> all,
                                  std::vector<std::string> const& selectors,
                                  std::vector<std::string>& unmatched) {
    if (selectors.empty()) return all;
    std::vector<bool> used(selectors.size(), false);
    std::vector<fixture> out;
    for (auto& f : all) {
        bool take = false;
        for (std::size_t i = 0; i < selectors.size(); ++i)
            if (f.id.rfind(selectors[i], 0) == 0) take = used[i] = true;
        if (take) out.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < selectors.size(); ++i)
        if (!used[i]) unmatched.push_back(selectors[i]);
    return out;
}

std::string default_fixtures() {
    if (std::filesystem::is_directory("fixtures/push")) return "fixtures/push";
    // The source tree this binary was built from: conformance/cli.cpp -> <root>/fixtures/push.
    return (std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / "push")
        .string();
}

run_options make_run_options(cli const& c) {
    run_options opts;
    opts.live = c.live;
    opts.strict = c.strict;
    opts.live_quota_budget = c.budget;
    opts.ledger_file = c.ledger;
    opts.timeout = std::chrono::milliseconds(c.timeout_ms);
    opts.run_nonce = random_nonce().substr(0, 8);
    return opts;
}

std::optional<target> make_target(std::string const& url, bool real, cli const& c,
                                  std::string& why) {
    auto at = parse_endpoint(url, why);
    if (!at) return std::nullopt;
    target t{*at, real ? target_kind::real : target_kind::emulator, {}, c.admin_token};
    auto creds = find_credentials(c.app_key, c.app_secret, [](char const* n) {
        return std::getenv(n);
    });
    t.creds = creds.found;
    if (real && !t.creds) {
        why = "live mode needs credentials; missing:";
        for (auto const& m : creds.missing) why += " " + m;
        return std::nullopt;
    }
    return t;
}

emulator_probe probe_emulator(endpoint const& at, std::optional<std::string> const& token,
                              std::chrono::milliseconds timeout) {
    outgoing_request req;
    req.method = "GET";
    req.target = "/_emulator/health";
    if (token) req.headers.emplace_back("X-Emulator-Token", *token);
    auto r = send_request(at, req, timeout);
    emulator_probe out;
    if (!r.response) {
        out.what = emulator_probe::kind::unreachable;
        out.error = "cannot reach " + at.url() + ": " + r.cause;
    } else if (r.response->status == 200 &&
               r.response->body.find("\"ok\"") != std::string::npos) {
        out.what = emulator_probe::kind::emulator;
    } else {
        out.what = emulator_probe::kind::other;
    }
    return out;
}

} // namespace push::conformance
