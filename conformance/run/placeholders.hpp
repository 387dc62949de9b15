// The placeholders a fixture may write: {app} (the per-case app key) in control paths and
// bodies, and {app_key}, {nonce}, {timestamp}, {signature} in header values, filled with what
// the request was signed with.
#pragma once

#include "conformance/target/signature.hpp"

#include <string>

namespace push::conformance {

/// `text` with every {app} replaced by `app_key`.
std::string fill_app(std::string text, std::string const& app_key);

/// A header value with the signature placeholders and {app} filled in.
std::string fill_header(std::string value, signature_values const& sig, std::string const& app_key);

} // namespace push::conformance
