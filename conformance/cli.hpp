// The push-conformance command line: its options, how they are parsed, and the targets and run
// options they name. main.cpp wires these to the runner and the reports.
#pragma once

#include "conformance/fixture.hpp"
#include "conformance/runner.hpp"
#include "conformance/target.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace push::conformance {

/// The --help text.
extern char const* const cli_usage;

/// Every option of one invocation, defaults filled in.
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

/// The outcome of parsing: options, a request for --help or --version, or why the arguments
/// are unusable.
struct cli_parse {
    cli options;
    bool help = false;
    bool version = false;
    std::optional<std::string> error;
};

/// Parses the arguments after the program name (`--flag value` or `--flag=value`); stops at the
/// first error, --help or --version. The --target and --drift URLs and --timeout (at least 1)
/// are validated here, so every usage error is known before anything is sent.
cli_parse parse_cli(std::vector<std::string> const& args);

/// "push-conformance <version>", for --version.
std::string version_line();

/// The cases whose id starts with one of `selectors` (plain string prefixes: "aud",
/// "audience/", "audience/00", "audience/004"), in fixture order; every case when there is no
/// selector. `unmatched` receives each selector that matches no case.
std::vector<fixture> select_cases(std::vector<fixture> all,
                                  std::vector<std::string> const& selectors,
                                  std::vector<std::string>& unmatched);

/// fixtures/push under the working directory, else under the source tree the binary was built from.
std::string default_fixtures();

/// The runner options the command line selects (a fresh run nonce each call).
run_options make_run_options(cli const& c);

/// The target at `url`: real (credentials required) or the emulator (control token from `c`).
/// nullopt with `why` when the URL or the credentials are unusable.
std::optional<target> make_target(std::string const& url, bool real, cli const& c,
                                  std::string& why);

/// What GET /_emulator/health on a target shows.
struct emulator_probe {
    enum class kind {
        emulator,   // answers like the emulator
        other,      // answers, but not like the emulator (the real endpoint, another server)
        unreachable // no answer: refused, timed out, TLS failure...
    };
    kind what = kind::unreachable;
    std::string error; // for unreachable: "cannot reach <url>: <cause>"
};

/// Probes `at` with GET /_emulator/health within `timeout`.
emulator_probe probe_emulator(endpoint const& at, std::optional<std::string> const& token,
                              std::chrono::milliseconds timeout);

} // namespace push::conformance
