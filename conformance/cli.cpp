#include "conformance/cli.hpp"

#include <cstdlib>
#include <filesystem>

namespace push::conformance {

char const* const cli_usage =
    "usage: push-conformance [options] [PREFIX...]\n"
    "  PREFIX                 'audience' runs a group, 'audience/004' one case\n"
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
    "  --timeout MS           per-request timeout (default 10000)\n";

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

// An option that takes a value; false with `error` set when `a` is unknown or `v` unusable.
bool set_option(cli& c, std::string const& a, std::string const& v, std::string& error) {
    if (a == "--target") c.target = v;
    else if (a == "--fixtures") c.fixtures = v;
    else if (a == "--app-key") c.app_key = v;
    else if (a == "--app-secret") c.app_secret = v;
    else if (a == "--admin-token") c.admin_token = v;
    else if (a == "--drift" || a == "--drift-target") c.drift = v;
    else if (a == "--report") c.report = v;
    else if (a == "--ledger") c.ledger = v;
    else if (a == "--live-quota-budget" || a == "--timeout") {
        auto n = to_int(v);
        if (!n) {
            error = a + " needs a non-negative integer";
            return false;
        }
        (a == "--timeout" ? c.timeout_ms : c.budget) = *n;
    } else {
        error = "unknown option " + a;
        return false;
    }
    return true;
}

} // namespace

cli_parse parse_cli(std::vector<std::string> const& args) {
    cli_parse out;
    auto& c = out.options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& a = args[i];
        if (a == "--help" || a == "-h") {
            out.help = true;
            return out;
        } else if (a == "--list") c.list = true;
        else if (a == "--dry-run") c.dry_run = true;
        else if (a == "--strict") c.strict = true;
        else if (a == "--live") c.live = true;
        else if (a.rfind("--", 0) != 0) c.prefixes.push_back(a);
        else if (i + 1 >= args.size()) out.error = a + " needs a value";
        else if (std::string why; !set_option(c, a, args[++i], why)) out.error = why;
        if (out.error) return out;
    }
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

bool is_emulator(endpoint const& at, std::optional<std::string> const& token) {
    outgoing_request req;
    req.method = "GET";
    req.target = "/_emulator/health";
    if (token) req.headers.emplace_back("X-Emulator-Token", *token);
    auto r = send_request(at, req, std::chrono::milliseconds(5000));
    return r.response && r.response->status == 200 &&
           r.response->body.find("\"ok\"") != std::string::npos;
}

} // namespace push::conformance
