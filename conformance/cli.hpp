// The push-conformance command line: its options, how they are parsed, and the targets and run
// options they name. main.cpp wires these to the runner and the reports.
#pragma once

#include "conformance/runner.hpp"
#include "conformance/target.hpp"

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

/// The outcome of parsing: options, a request for --help, or why the arguments are unusable.
struct cli_parse {
    cli options;
    bool help = false;
    std::optional<std::string> error;
};

/// Parses the arguments after the program name; stops at the first error or --help.
cli_parse parse_cli(std::vector<std::string> const& args);

/// fixtures/push under the working directory, else under the source tree the binary was built from.
std::string default_fixtures();

/// The runner options the command line selects (a fresh run nonce each call).
run_options make_run_options(cli const& c);

/// The target at `url`: real (credentials required) or the emulator (control token from `c`).
/// nullopt with `why` when the URL or the credentials are unusable.
std::optional<target> make_target(std::string const& url, bool real, cli const& c,
                                  std::string& why);

/// True when `at` answers GET /_emulator/health like the emulator does.
bool is_emulator(endpoint const& at, std::optional<std::string> const& token);

} // namespace push::conformance
