// push-conformance: runs the fixture suite against the emulator or, with --live, the real
// endpoint. Usage in docs/conformance.md.
#include "conformance/drift.hpp"
#include "conformance/fixture.hpp"
#include "conformance/report/report.hpp"
#include "conformance/runner.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace pc = push::conformance;

namespace {

constexpr char const* usage =
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

struct cli {
    std::string target = "http://127.0.0.1:8080";
    std::string fixtures;
    std::vector<std::string> prefixes;
    bool list = false, dry_run = false, strict = false, live = false;
    std::optional<std::string> app_key, app_secret, admin_token, drift, report;
    int budget = 0;
    std::string ledger = ".push-conformance-ledger.json";
    int timeout_ms = 10'000;
};

int fail_usage(std::string const& msg) {
    std::cerr << "push-conformance: " << msg << "\n" << usage;
    return 2;
}

std::optional<int> to_int(std::string const& s) {
    try {
        std::size_t used = 0;
        int v = std::stoi(s, &used);
        if (used == s.size() && v >= 0) return v;
    } catch (std::exception const&) {
    }
    return std::nullopt;
}

std::string default_fixtures() {
    if (std::filesystem::is_directory("fixtures/push")) return "fixtures/push";
    // The source tree this binary was built from: conformance/main.cpp -> <root>/fixtures/push.
    return (std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / "push")
        .string();
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// True when `at` answers GET /_emulator/health like the emulator does.
bool is_emulator(pc::endpoint const& at, std::optional<std::string> const& token) {
    pc::outgoing_request req;
    req.method = "GET";
    req.target = "/_emulator/health";
    if (token) req.headers.emplace_back("X-Emulator-Token", *token);
    auto r = pc::send_request(at, req, std::chrono::milliseconds(5000));
    return r.response && r.response->status == 200 &&
           r.response->body.find("\"ok\"") != std::string::npos;
}

std::optional<pc::target> make_target(std::string const& url, bool real, cli const& c,
                                      std::string& why) {
    auto at = pc::parse_endpoint(url, why);
    if (!at) return std::nullopt;
    pc::target t{*at, real ? pc::target_kind::real : pc::target_kind::emulator, {}, c.admin_token};
    auto creds = pc::find_credentials(c.app_key, c.app_secret, [](char const* n) {
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

} // namespace

int main(int argc, char** argv) {
    cli c;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& a = args[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        std::optional<std::string> v;
        if (a == "--help" || a == "-h") {
            std::cout << usage;
            return 0;
        } else if (a == "--list") c.list = true;
        else if (a == "--dry-run") c.dry_run = true;
        else if (a == "--strict") c.strict = true;
        else if (a == "--live") c.live = true;
        else if (a.rfind("--", 0) != 0) c.prefixes.push_back(a);
        else if (!(v = value())) return fail_usage(a + " needs a value");
        else if (a == "--target") c.target = *v;
        else if (a == "--fixtures") c.fixtures = *v;
        else if (a == "--app-key") c.app_key = *v;
        else if (a == "--app-secret") c.app_secret = *v;
        else if (a == "--admin-token") c.admin_token = *v;
        else if (a == "--drift" || a == "--drift-target") c.drift = *v;
        else if (a == "--report") c.report = *v;
        else if (a == "--ledger") c.ledger = *v;
        else if (a == "--live-quota-budget" || a == "--timeout") {
            auto n = to_int(*v);
            if (!n) return fail_usage(a + " needs a non-negative integer");
            (a == "--timeout" ? c.timeout_ms : c.budget) = *n;
        } else return fail_usage("unknown option " + a);
    }
    std::string why;
    auto primary = make_target(c.target, c.live, c, why);
    if (!primary) {
        std::cerr << "push-conformance: " << why << "\n";
        return 2;
    }

    auto loaded = pc::load_fixtures(c.fixtures.empty() ? default_fixtures() : c.fixtures);
    if (!loaded) {
        std::cerr << "push-conformance: " << loaded.error().describe() << "\n";
        return 2;
    }
    std::vector<pc::fixture> cases;
    for (auto& f : *loaded)
        if (pc::selected(f.id, c.prefixes)) cases.push_back(std::move(f));
    if (cases.empty()) return fail_usage("no case matches the selection");

    pc::run_options opts;
    opts.live = c.live;
    opts.strict = c.strict;
    opts.live_quota_budget = c.budget;
    opts.ledger_file = c.ledger;
    opts.timeout = std::chrono::milliseconds(c.timeout_ms);
    opts.run_nonce = pc::random_nonce().substr(0, 8);

    if (c.list) {
        for (auto const& f : cases) {
            std::cout << f.id << "  " << f.description << "  [";
            for (std::size_t i = 0; i < f.rules.size(); ++i) std::cout << (i ? ", " : "") << f.rules[i];
            std::cout << "]" << (f.emulator_only ? " emulator-only" : "")
                      << (f.strict ? " strict" : "")
                      << (f.quota_cost() ? " quota:" + std::to_string(f.quota_cost()) : "")
                      << "\n";
        }
        std::cout << cases.size() << " case(s)\n";
        return 0;
    }
    if (c.dry_run) {
        pc::runner r(*primary, opts, wall_ms);
        if (!r.prepare(why)) {
            std::cerr << "push-conformance: " << why << "\n";
            return 2;
        }
        int runs = 0;
        for (auto const& f : cases) {
            auto skip = r.plan(f);
            runs += skip.empty();
            std::cout << (skip.empty() ? "RUN   " : "SKIP  ") << f.id << "  " << f.description
                      << (skip.empty() ? "" : "  (" + skip + ")") << "\n";
        }
        std::cout << runs << " of " << cases.size() << " case(s) would run against "
                  << primary->at.url() << (c.live ? " (live)" : " (emulator)") << "\n";
        return 0;
    }
    if (!c.live && !is_emulator(primary->at, c.admin_token))
        return fail_usage(c.target + " does not answer GET /_emulator/health like the emulator; "
                                     "use --live for the real endpoint");

    std::vector<pc::target_run> runs;
    auto run_all = [&](pc::target const& t, std::string const& label, bool print) -> bool {
        pc::runner r(t, opts, wall_ms);
        std::string err;
        if (!r.prepare(err)) {
            std::cerr << "push-conformance: " << err << "\n";
            return false;
        }
        pc::console_report console(std::cout, print && isatty(STDOUT_FILENO));
        pc::target_run run{label, t.at.url(), {}};
        for (std::size_t i = 0; i < cases.size(); ++i) {
            console.progress(i + 1, cases.size(), cases[i].id);
            run.results.push_back(r.run_case(cases[i]));
            if (print) console.on_case(run.results.back());
        }
        runs.push_back(std::move(run));
        return true;
    };
    std::cout << "Target " << primary->at.url() << (c.live ? " (live)" : " (emulator)") << "\n";
    if (!run_all(*primary, "primary", true)) return 2;

    std::vector<pc::drift_entry> drift;
    if (c.drift) {
        auto second_at = pc::parse_endpoint(*c.drift, why);
        if (!second_at) return fail_usage("--drift: " + why);
        bool real = !is_emulator(*second_at, c.admin_token);
        auto second = make_target(*c.drift, real, c, why);
        if (!second) return fail_usage("--drift: " + why);
        std::cout << "\nDrift target " << second->at.url() << (real ? " (live)" : " (emulator)")
                  << "\n";
        if (!run_all(*second, "drift", true)) return 2;
        for (std::size_t i = 0; i < cases.size(); ++i)
            for (auto& e : pc::compare_runs(runs[0].results[i], runs[1].results[i]))
                drift.push_back(std::move(e));
        pc::console_report(std::cout, false).drift(drift);
    }
    if (c.report) {
        if (!pc::write_reports(*c.report, runs, drift, why)) {
            std::cerr << "push-conformance: " << why << "\n";
            return 2;
        }
        std::cout << "Report: " << *c.report << "/index.json, JUnit: " << *c.report
                  << "/junit.xml\n";
    }
    // Counts last, so the closing line is the primary target's summary.
    pc::console_report console(std::cout, false);
    for (std::size_t i = runs.size(); i-- > 0;) {
        std::cout << "\n" << (i == 0 ? "Target " : "Drift target ") << runs[i].url << ":";
        console.finish(runs[i].results);
    }
    for (auto const& run : runs) {
        auto t = pc::count(run.results);
        if (t.failed || t.errors) return 1;
    }
    return 0;
}
