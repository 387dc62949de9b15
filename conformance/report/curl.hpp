// The curl command that reproduces one exchange of a case, signed the way the case signed it:
// afresh in the shell for auto-signed requests, with the exact headers otherwise. User-provided
// secrets never appear: on real targets the shell reads $PUSH_APP_SECRET.
#pragma once

#include "conformance/run/case_result.hpp"
#include "conformance/target/signature.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace push::conformance {

/// How the command signs a request.
struct curl_signing {
    signature_values const* sent = nullptr; // what the request was signed with (none: unsigned)
    bool fresh = false;       // auto-signed: new Nonce and Timestamp computed in the shell
    bool seconds = false;     // the Timestamp is in seconds
    std::int64_t skew_ms = 0; // the signed Timestamp minus the wall clock at signing, in ms
    /// The signing secret written inline (the emulator's generated per-case secret); without
    /// it the shell reads $PUSH_APP_SECRET (user-provided credentials).
    std::optional<std::string> secret;
};

/// A shell command that sends `r` again. Headers sent empty are kept (`-H 'Name;'`); without a
/// Content-Type, a body goes with `-H 'Content-Type:'` so curl adds none of its own.
std::string curl_command(exchange_record const& r, curl_signing const& how);

} // namespace push::conformance
