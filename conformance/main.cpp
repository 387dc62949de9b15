// push-conformance: runs the fixture suite against the emulator or, with --live, the real
// endpoint. Usage in docs/conformance.md; options in conformance/cli.cpp.
#include "conformance/cli.hpp"
#include "conformance/drift.hpp"
#include "conformance/fixture.hpp"
#include "conformance/report/report.hpp"
#include "conformance/runner.hpp"

#include <chrono>
#include <iostream>
#include <unistd.h>

namespace pc = push::conformance;

namespace {

int fail_usage(std::string const& msg) {
    std::cerr << "push-conformance: " << msg << "\n" << pc::cli_usage;
    return 2;
}

int fail_run(std::string const& msg) {
    std::cerr << "push-conformance: " << msg << "\n";
    return 2;
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

char const* mode(bool live) { return live ? " (live)" : " (emulator)"; }

// --list: one line per selected case with its rules and flags.
int list_cases(std::vector<pc::fixture> const& cases) {
    for (auto const& f : cases) {
        std::cout << f.id << "  " << f.description << "  [";
        for (std::size_t i = 0; i < f.rules.size(); ++i) std::cout << (i ? ", " : "") << f.rules[i];
        std::cout << "]" << (f.emulator_only ? " emulator-only" : "")
                  << (f.strict ? " strict" : "")
                  << (f.quota_cost() ? " quota:" + std::to_string(f.quota_cost()) : "") << "\n";
    }
    std::cout << cases.size() << " case(s)\n";
    return 0;
}

// --dry-run: which cases would run or be skipped, and why; nothing is sent.
int dry_run(pc::target const& t, pc::run_options const& opts,
            std::vector<pc::fixture> const& cases, bool live) {
    pc::runner r(t, opts, wall_ms);
    std::string why;
    if (!r.prepare(why)) return fail_run(why);
    int runs = 0;
    for (auto const& f : cases) {
        auto skip = r.plan(f);
        runs += skip.empty();
        std::cout << (skip.empty() ? "RUN   " : "SKIP  ") << f.id << "  " << f.description
                  << (skip.empty() ? "" : "  (" + skip + ")") << "\n";
    }
    std::cout << runs << " of " << cases.size() << " case(s) would run against " << t.at.url()
              << mode(live) << "\n";
    return 0;
}

// Runs every case against `t`, printing one line per case, and adds the run to `runs`.
bool run_all(pc::target const& t, std::string const& label, pc::run_options const& opts,
             std::vector<pc::fixture> const& cases, std::vector<pc::target_run>& runs) {
    pc::runner r(t, opts, wall_ms);
    std::string err;
    if (!r.prepare(err)) {
        fail_run(err);
        return false;
    }
    pc::console_report console(std::cout, isatty(STDOUT_FILENO));
    pc::target_run run{label, t.at.url(), {}};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        console.progress(i + 1, cases.size(), cases[i].id);
        run.results.push_back(r.run_case(cases[i]));
        console.on_case(run.results.back());
    }
    runs.push_back(std::move(run));
    return true;
}

// --drift: the same cases against a second target, and the differences; 0 or an exit status.
int run_drift(pc::cli const& c, pc::run_options const& opts,
              std::vector<pc::fixture> const& cases, std::vector<pc::target_run>& runs,
              std::vector<pc::drift_entry>& drift) {
    std::string why;
    auto second_at = pc::parse_endpoint(*c.drift, why);
    if (!second_at) return fail_usage("--drift: " + why);
    bool real = !pc::is_emulator(*second_at, c.admin_token);
    auto second = pc::make_target(*c.drift, real, c, why);
    if (!second) return fail_usage("--drift: " + why);
    std::cout << "\nDrift target " << second->at.url() << mode(real) << "\n";
    if (!run_all(*second, "drift", opts, cases, runs)) return 2;
    for (std::size_t i = 0; i < cases.size(); ++i)
        for (auto& e : pc::compare_runs(runs[0].results[i], runs[1].results[i]))
            drift.push_back(std::move(e));
    pc::console_report(std::cout, false).drift(drift);
    return 0;
}

// The closing counts (the primary target's summary last) and the exit status.
int finish(std::vector<pc::target_run> const& runs) {
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

} // namespace

int main(int argc, char** argv) {
    auto parsed = pc::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
    if (parsed.help) {
        std::cout << pc::cli_usage;
        return 0;
    }
    if (parsed.error) return fail_usage(*parsed.error);
    auto const& c = parsed.options;
    std::string why;
    auto primary = pc::make_target(c.target, c.live, c, why);
    if (!primary) return fail_run(why);

    auto loaded = pc::load_fixtures(c.fixtures.empty() ? pc::default_fixtures() : c.fixtures);
    if (!loaded) return fail_run(loaded.error().describe());
    std::vector<pc::fixture> cases;
    for (auto& f : *loaded)
        if (pc::selected(f.id, c.prefixes)) cases.push_back(std::move(f));
    if (cases.empty()) return fail_usage("no case matches the selection");

    auto opts = pc::make_run_options(c);
    if (c.list) return list_cases(cases);
    if (c.dry_run) return dry_run(*primary, opts, cases, c.live);
    if (!c.live && !pc::is_emulator(primary->at, c.admin_token))
        return fail_usage(c.target + " does not answer GET /_emulator/health like the emulator; "
                                     "use --live for the real endpoint");

    std::vector<pc::target_run> runs;
    std::cout << "Target " << primary->at.url() << mode(c.live) << "\n";
    if (!run_all(*primary, "primary", opts, cases, runs)) return 2;
    std::vector<pc::drift_entry> drift;
    if (c.drift)
        if (int rc = run_drift(c, opts, cases, runs, drift); rc != 0) return rc;
    if (c.report) {
        if (!pc::write_reports(*c.report, runs, drift, why)) return fail_run(why);
        std::cout << "Report: " << *c.report << "/index.json, JUnit: " << *c.report
                  << "/junit.xml\n";
    }
    return finish(runs);
}
