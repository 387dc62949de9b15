// What reports must not hold: user secrets in bodies, and on real targets the signature of a
// request (which, with its nonce and timestamp, could be replayed).
#pragma once

#include <string>
#include <string_view>

namespace push::conformance {

/// A copy of a JSON body with every "secret"/"app_secret" value replaced; other text unchanged.
std::string redact_secrets(std::string const& body);

/// True for Signature and RC-Signature (any case), which reports hide on real targets.
bool is_signature_header(std::string_view name);

} // namespace push::conformance
