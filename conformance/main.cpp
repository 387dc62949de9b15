// push-conformance: runs the fixture suite against the emulator or, with --live, the real
// endpoint. Usage in README.md ("Conformance suite"); options in conformance/cli/options.cpp.
#include "conformance/check/drift.hpp"
#include "conformance/cli/options.hpp"
#include "conformance/cli/recording_run.hpp"
#include "conformance/cli/run_setup.hpp"
#include "conformance/files.hpp"
#include "conformance/fixture/loader.hpp"
#include "conformance/fixture/selection.hpp"
#include "conformance/record/replay.hpp"
#include "conformance/report/console.hpp"
#include "conformance/report/directory.hpp"
#include "conformance/report/json.hpp"
#include "conformance/report/tally.hpp"
#include "conformance/run/runner.hpp"
#include "conformance/target/probe.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace pc = push::conformance;

namespace {

// Usage errors and problems before or around the run exit 2; an unreachable target is not a
// usage error, so it exits 1 and prints no usage text.
int stop(std::string const& msg, int status) {
    std::cerr << "push-conformance: " << msg << "\n";
    return status;
}

int fail_usage(std::string const& msg) {
    stop(msg, 2);
    std::cerr << pc::cli_usage;
    return 2;
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

char const* mode(bool live) {
    return live ? " (live)" : " (emulator)";
}

// The wall clock as UTC ISO 8601 ("2026-11-26T02:25:17Z").
std::string utc_now() {
    auto t = static_cast<std::time_t>(wall_ms() / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// --record: the answers of `run` to `cases`, every secret of `t` scrubbed, written to `dir`.
int write_recorded(std::string const& dir, pc::target const& t, pc::target_run const& run,
                   std::vector<pc::fixture> const& cases) {
    auto rec = pc::make_recording(t, run, cases, utc_now());
    if (auto written = pc::write_recording(dir, rec); !written)
        return stop(written.error().message, 2);
    std::cout << "Recording: " << rec.cases.size() << " case(s) in " << dir << "\n";
    return 0;
}

// --list: one line per selected case with its rules and flags.
int list_cases(std::vector<pc::fixture> const& cases) {
    for (auto const& f : cases) {
        std::cout << f.id << "  " << f.description << "  [";
        for (std::size_t i = 0; i < f.rules.size(); ++i)
            std::cout << (i ? ", " : "") << f.rules[i];
        std::cout << "]" << (f.emulator_only ? " emulator-only" : "") << (f.strict ? " strict" : "")
                  << (f.quota_cost() ? " quota:" + std::to_string(f.quota_cost()) : "") << "\n";
    }
    std::cout << cases.size() << " case(s)\n";
    return 0;
}

// --dry-run: which cases would run or be skipped, and why, planned as a real run spends its
// quota budget; nothing is sent.
int dry_run(pc::target const& t, pc::run_options const& opts, std::vector<pc::fixture> const& cases,
            bool live) {
    pc::runner r(t, opts, wall_ms);
    if (auto prepared = r.prepare(); !prepared)
        return stop(prepared.error().message, 2);
    int runs = 0;
    for (auto const& f : cases) {
        auto planned = r.plan_dry_run(f);
        runs += planned.has_value();
        std::cout << (planned ? "RUN   " : "SKIP  ") << f.id << "  " << f.description
                  << (planned ? "" : "  (" + planned.error().message + ")") << "\n";
    }
    std::cout << runs << " of " << cases.size() << " case(s) would run against " << t.at.url()
              << mode(live) << "\n";
    return 0;
}

// Runs every case against `t`, printing one line per case.
pc::result<pc::target_run> run_all(pc::target const& t, std::string const& label,
                                   pc::run_options const& opts,
                                   std::vector<pc::fixture> const& cases) {
    pc::runner r(t, opts, wall_ms);
    if (auto prepared = r.prepare(); !prepared)
        return prepared.error();
    pc::console_report console(std::cout, isatty(STDOUT_FILENO));
    pc::target_run run{label, t.at.url(), {}};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        console.progress(i + 1, cases.size(), cases[i].id);
        run.results.push_back(r.run_case(cases[i]));
        console.on_case(run.results.back());
    }
    return run;
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
        for (auto const& r : runs[i].results)
            total.add(r.outcome);
    }
    if (runs.size() > 1) {
        std::cout << "\nBoth targets (" << drift_differences
                  << " drift difference(s), listed above, are not counted as failures):\n"
                  << pc::summary_line(total) << "\n"
                  << std::flush;
    }
    return total.failed || total.errors ? 1 : 0;
}

// The targets of a run: the primary one and, with --drift, the second one.
struct run_targets {
    pc::target primary;
    std::optional<pc::target> second;
    bool second_real = false;
};

// Runs the cases on every target, then drift, reports and the closing lines.
int run_cases(pc::cli const& c, run_targets const& to, pc::run_options const& opts,
              std::vector<pc::fixture> const& cases) {
    std::vector<pc::target_run> runs;
    std::cout << "Target " << to.primary.at.url() << mode(c.live) << "\n" << std::flush;
    auto primary = run_all(to.primary, "primary", opts, cases);
    if (!primary)
        return stop(primary.error().message, 2);
    runs.push_back(std::move(*primary));
    if (c.record)
        if (int bad = write_recorded(*c.record, to.primary, runs[0], cases); bad)
            return bad;
    std::vector<pc::drift_entry> drift;
    if (to.second) {
        std::cout << "\nDrift target " << to.second->at.url() << mode(to.second_real) << "\n"
                  << std::flush;
        auto second = run_all(*to.second, "drift", opts, cases);
        if (!second)
            return stop(second.error().message, 2);
        runs.push_back(std::move(*second));
        drift = pc::compare_targets(runs[0], runs[1]);
        pc::console_report(std::cout, false).drift(drift);
    }
    if (c.report) {
        if (auto written = pc::write_reports(*c.report, runs, drift); !written)
            return stop(written.error().message, 2);
        std::cout << "Report: " << *c.report << "/index.json, JUnit: " << *c.report
                  << "/junit.xml\n";
    }
    return finish(runs, drift.size());
}

// Probes an emulator target (not a live one): an unreachable target stops the run; a target that
// is not the emulator needs --live. 0 when the run may go on.
int probe_primary(pc::cli const& c, pc::target const& t, pc::run_options const& opts) {
    if (c.live)
        return 0;
    auto probe = pc::probe_emulator(t.at, c.admin_token, opts.timeout);
    if (!probe)
        return stop(probe.error().message, 1);
    if (*probe == pc::probe_answer::other)
        return fail_usage(c.target + " does not answer GET /_emulator/health like the emulator; "
                                     "use --live for the real endpoint");
    return 0;
}

// --replay: the recorded requests against the target, compared with the recorded answers.
int replay(pc::cli const& c) {
    auto rec = pc::read_recording(*c.replay);
    if (!rec)
        return stop(rec.error().describe(), 2);
    auto selected = pc::select_recorded(std::move(*rec), c.prefixes);
    if (!selected)
        return fail_usage(selected.error().message);
    auto cases = pc::replay_cases(*selected);
    if (!cases)
        return stop(cases.error().describe(), 2);
    auto t = pc::make_target(c.target, c.live, c);
    if (!t)
        return fail_usage(t.error().message);
    auto opts = pc::make_run_options(c);
    opts.strict = true; // whatever was recorded is replayed
    if (int bad = probe_primary(c, *t, opts); bad)
        return bad;
    pc::runner r(*t, opts, wall_ms);
    if (auto prepared = r.prepare(); !prepared)
        return stop(prepared.error().message, 2);
    std::cout << "Replay of " << *c.replay << " (" << selected->made_by << ", " << selected->target
              << ", " << selected->recorded_at << ") against " << t->at.url() << mode(c.live)
              << "\n";
    auto o = pc::replay_recording(r, *selected, *cases, std::cout);
    o.replayed.url = t->at.url();
    if (c.report) {
        auto written = pc::write_reports(*c.report, {o.replayed}, {});
        if (written)
            written = pc::write_file(
                (std::filesystem::path(*c.report) / "replay.json").string(),
                pc::json::serialize(pc::drift_document(o.recorded, o.replayed, o.differences)) +
                    "\n");
        if (!written)
            return stop(written.error().message, 2);
    }
    std::cout << "\n" << o.summary() << "\n";
    return o.different || o.not_replayed ? 1 : 0;
}

// Probe every target before running anything: an unreachable target or a drift target that
// needs credentials stops the run here.
int probe_and_run(pc::cli const& c, pc::target primary, pc::run_options const& opts,
                  std::vector<pc::fixture> const& cases) {
    run_targets to{std::move(primary), std::nullopt, false};
    if (int bad = probe_primary(c, to.primary, opts); bad)
        return bad;
    if (c.drift) {
        auto second_at = pc::parse_endpoint(*c.drift); // validated by parse_cli
        if (!second_at)
            return fail_usage("--drift: " + second_at.error().message);
        second_at->ca_file = c.cacert.value_or("");
        auto probe = pc::probe_emulator(*second_at, c.admin_token, opts.timeout);
        if (!probe)
            return stop("--drift: " + probe.error().message, 1);
        to.second_real = *probe == pc::probe_answer::other;
        auto second = pc::make_target(*c.drift, to.second_real, c);
        if (!second)
            return fail_usage("--drift " + *c.drift +
                              " is not the emulator: " + second.error().message);
        to.second = std::move(*second);
    }
    return run_cases(c, to, opts, cases);
}

// Everything after parsing: the target, the fixtures and the selection, then --list, --dry-run
// or the run itself.
int run(pc::cli const& c) {
    if (c.replay)
        return replay(c);
    auto primary = pc::make_target(c.target, c.live, c);
    if (!primary)
        return fail_usage(primary.error().message); // the URL is valid: credentials
    auto loaded = pc::load_fixtures(c.fixtures.empty() ? pc::default_fixtures() : c.fixtures);
    if (!loaded)
        return stop(loaded.error().describe(), 2);
    auto cases = pc::select_cases(std::move(*loaded), c.prefixes);
    if (!cases)
        return fail_usage(cases.error().message);
    if (cases->empty())
        return fail_usage("the fixture directory holds no case");
    auto opts = pc::make_run_options(c);
    if (c.list)
        return list_cases(*cases);
    if (c.dry_run)
        return dry_run(*primary, opts, *cases, c.live);
    return probe_and_run(c, std::move(*primary), opts, *cases);
}

} // namespace

int main(int argc, char** argv) {
    auto parsed = pc::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed)
        return fail_usage(parsed.error().message);
    if (parsed->help) {
        std::cout << pc::cli_usage;
        return 0;
    }
    if (parsed->version) {
        std::cout << pc::version_line() << "\n";
        return 0;
    }
    return run(parsed->options);
}
