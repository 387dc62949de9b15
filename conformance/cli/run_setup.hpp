// From the command line to what a run needs: the fixture directory, the runner options and the
// targets.
#pragma once

#include "conformance/cli/options.hpp"
#include "conformance/run/runner.hpp"
#include "conformance/target/target.hpp"

#include <string>

namespace push::conformance {

/// fixtures/push under the working directory, else the installed suite beside the program
/// (../share/push-emulator/fixtures/push), else the source tree the binary was built from.
std::string default_fixtures();

/// The runner options the command line selects (a fresh run nonce each call).
run_options make_run_options(cli const& c);

/// The target at `url`: real (credentials required) or the emulator (control token from `c`).
/// Fails when the URL or the credentials are unusable.
result<target> make_target(std::string const& url, bool real, cli const& c);

} // namespace push::conformance
