#include "conformance/cli/run_setup.hpp"

#include "conformance/target/signature.hpp"

#include <cstdlib>
#include <filesystem>

namespace push::conformance {

std::string default_fixtures() {
    namespace fs = std::filesystem;
    if (fs::is_directory("fixtures/push"))
        return "fixtures/push";
    // An installed program: <prefix>/bin/push-conformance -> <prefix>/share/push-emulator/
    // fixtures/push (CMakeLists.txt installs them there, for the .deb and the .tar.gz alike).
    std::error_code ec;
    auto const self = fs::read_symlink("/proc/self/exe", ec);
    auto const installed = self.parent_path().parent_path() / "share/push-emulator/fixtures/push";
    if (!ec && fs::is_directory(installed, ec))
        return installed.string();
    // The source tree this binary was built from: conformance/cli/run_setup.cpp ->
    // <root>/fixtures/push.
    auto root = fs::path(__FILE__).parent_path().parent_path().parent_path();
    return (root / "fixtures" / "push").string();
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

result<target> make_target(std::string const& url, bool real, cli const& c) {
    auto at = parse_endpoint(url);
    if (!at)
        return at.error();
    at->ca_file = c.cacert.value_or("");
    target t{*at, real ? target_kind::real : target_kind::emulator, {}, c.admin_token};
    auto creds =
        find_credentials(c.app_key, c.app_secret, [](char const* n) { return std::getenv(n); });
    if (creds)
        t.creds = *creds;
    else if (real)
        return fail("live mode needs credentials; " + creds.error().message);
    return t;
}

} // namespace push::conformance
