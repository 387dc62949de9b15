// push-conformance: runs the fixture suite against the emulator or, with --live, the real
// endpoint. Usage in docs/conformance.md; options in conformance/cli.cpp.
#include "conformance/cli.hpp"
#include "conformance/drift.hpp"
#include "conformance/fixture.hpp"
#include "conformance/report/report.hpp"
#include "conformance/runner.hpp"

#include <chrono>
#include <optional>
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

// A target that cannot be reached: not a usage error, so exit 1 and no usage text.
int fail_target(std::string const& msg) {
    std::cerr << "push-conformance: " << msg << "\n";
    return 1;
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

// The closing lines: each target's counts (primary first), then with --drift one line totalling
// both targets. The last line always carries the counts the exit status is decided on: 0 only
// when it shows no failure and no error.
int finish(std::vector<pc::target_run> const& runs, std::size_t drift_differences) {
    pc::console_report console(std::cout, false);
    pc::tally total;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        std::cout << "\n" << (i == 0 ? "Target " : "Drift target ") << runs[i].url << ":";
        console.finish(runs[i].results);
        for (auto const& r : runs[i].results) total.add(r.outcome);
    }
    if (runs.size() > 1) {
        std::cout << "\nBoth targets (" << drift_differences
                  << " drift difference(s), listed above, are not counted as failures):\n"
                  << pc::summary_line(total) << "\n"
                  << std::flush;
    }
    return total.failed || total.errors ? 1 : 0;
}

} // namespace

int main(int argc, char** argv) {
    auto parsed = pc::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
    if (parsed.help) {
        std::cout << pc::cli_usage;
        return 0;
    }
    if (parsed.version) {
        std::cout << pc::version_line() << "\n";
        return 0;
    }
    if (parsed.error) return fail_usage(*parsed.error);
    auto const& c = parsed.options;
    std::string why;
    auto primary = pc::make_target(c.target, c.live, c, why);
    if (!primary) return fail_usage(why); // the URL is valid (parse_cli): credentials

    auto loaded = pc::load_fixtures(c.fixtures.empty() ? pc::default_fixtures() : c.fixtures);
    if (!loaded) return fail_run(loaded.error().describe());
    std::vector<std::string> unmatched;
    auto cases = pc::select_cases(std::move(*loaded), c.prefixes, unmatched);
    if (!unmatched.empty()) {
        std::string names;
        for (auto const& u : unmatched) names += (names.empty() ? "'" : ", '") + u + "'";
        return fail_usage("no case id starts with " + names);
    }
    if (cases.empty()) return fail_usage("the fixture directory holds no case");

    auto opts = pc::make_run_options(c);
    if (c.list) return list_cases(cases);
    if (c.dry_run) return dry_run(*primary, opts, cases, c.live);

    // Probe every target before running anything: an unreachable target or a drift target that
    // needs credentials stops the run here.
    if (!c.live) {
        auto probe = pc::probe_emulator(primary->at, c.admin_token, opts.timeout);
        if (probe.what == pc::emulator_probe::kind::unreachable) return fail_target(probe.error);
        if (probe.what == pc::emulator_probe::kind::other)
            return fail_usage(c.target +
                              " does not answer GET /_emulator/health like the emulator; "
                              "use --live for the real endpoint");
    }
    std::optional<pc::target> second;
    bool second_real = false;
    if (c.drift) {
        auto second_at = pc::parse_endpoint(*c.drift, why); // validated by parse_cli
        if (!second_at) return fail_usage("--drift: " + why);
        auto probe = pc::probe_emulator(*second_at, c.admin_token, opts.timeout);
        if (probe.what == pc::emulator_probe::kind::unreachable)
            return fail_target("--drift: " + probe.error);
        second_real = probe.what == pc::emulator_probe::kind::other;
        second = pc::make_target(*c.drift, second_real, c, why);
        if (!second) return fail_usage("--drift " + *c.drift + " is not the emulator: " + why);
    }

    std::vector<pc::target_run> runs;
    std::cout << "Target " << primary->at.url() << mode(c.live) << "\n" << std::flush;
    if (!run_all(*primary, "primary", opts, cases, runs)) return 2;
    std::vector<pc::drift_entry> drift;
    if (second) {
        std::cout << "\nDrift target " << second->at.url() << mode(second_real) << "\n"
                  << std::flush;
        if (!run_all(*second, "drift", opts, cases, runs)) return 2;
        for (std::size_t i = 0; i < cases.size(); ++i)
            for (auto& e : pc::compare_runs(runs[0].results[i], runs[1].results[i]))
                drift.push_back(std::move(e));
        pc::console_report(std::cout, false).drift(drift);
    }
    if (c.report) {
        if (!pc::write_reports(*c.report, runs, drift, why)) return fail_run(why);
        std::cout << "Report: " << *c.report << "/index.json, JUnit: " << *c.report
                  << "/junit.xml\n";
    }
    return finish(runs, drift.size());
}
