// How requests to a target are signed: the values a signed request carries, computed from a
// fixture's signing spec, the credentials, a fresh nonce and the target's clock.
#pragma once

#include "conformance/fixture/signing_spec.hpp"
#include "conformance/target/http_client.hpp"
#include "conformance/target/target.hpp"

#include <cstdint>
#include <string>

namespace push::conformance {

/// The values a signed request carries.
struct signature_values {
    std::string app_key, nonce, timestamp, signature;
    bool computed = false; // signature derived from the app secret (not a literal override)
};

/// Applies a signing spec: overrides win, the rest comes from `creds`, `fresh_nonce` and
/// `now_ms` (target clock). Pure: the caller supplies randomness and time.
signature_values sign(signing_spec const& s, credentials const& creds,
                      std::string const& fresh_nonce, std::int64_t now_ms);

/// The header lines for `v` under `s` (prefix, omitted headers); none when signing is off.
header_list signing_headers(signing_spec const& s, signature_values const& v);

/// A fresh nonce: 16 random decimal digits.
std::string random_nonce();

} // namespace push::conformance
