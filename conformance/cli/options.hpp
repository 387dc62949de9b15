// The push-conformance command line: its options and how they are parsed. Every usage error is
// known here, before anything is sent.
#pragma once

#include "conformance/result.hpp"

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
    std::optional<std::string> record, replay; // recording directories
    std::optional<std::string> cacert;         // PEM certificates trusted for https:// targets
    int budget = 0;
    std::string ledger = ".push-conformance-ledger.json";
    int timeout_ms = 10'000;
};

/// What the arguments ask for: a run with these options, --help or --version.
struct cli_parse {
    cli options;
    bool help = false;
    bool version = false;
};

/// Parses the arguments after the program name (`--flag value` or `--flag=value`); stops at the
/// first problem, --help or --version. The --target and --drift URLs, --timeout (at least 1) and
/// the combinations of --record and --replay are validated here.
result<cli_parse> parse_cli(std::vector<std::string> const& args);

/// "push-conformance <version>", for --version.
std::string version_line();

} // namespace push::conformance
