// What the harness talks to: the emulator (per-case apps through the control API) or the real
// endpoint (credentials from flags or the environment, never logged), and how requests to it are
// signed.
#pragma once

#include "conformance/client.hpp"
#include "conformance/fixture.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace push::conformance {

struct credentials {
    std::string app_key;
    std::string app_secret;
};

enum class target_kind { emulator, real };

struct target {
    endpoint at;
    target_kind kind = target_kind::emulator;
    std::optional<credentials> creds;       // required for real targets
    std::optional<std::string> admin_token; // X-Emulator-Token for control calls
};

/// Credentials from the flags, else from PUSH_APP_KEY / PUSH_APP_SECRET (read through `getenv`).
/// `missing` names what is absent, as the user would give it.
struct credential_lookup {
    std::optional<credentials> found;
    std::vector<std::string> missing;
};
credential_lookup find_credentials(std::optional<std::string> const& key_flag,
                                   std::optional<std::string> const& secret_flag,
                                   std::function<char const*(char const*)> const& getenv);

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

} // namespace push::conformance
