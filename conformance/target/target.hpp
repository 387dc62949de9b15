// What the harness talks to: the emulator (per-case apps through the control API) or the real
// endpoint (credentials from flags or the environment, never logged).
#pragma once

#include "conformance/result.hpp"
#include "conformance/target/endpoint.hpp"

#include <functional>
#include <optional>
#include <string>

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
/// The problem names what is absent, as the user would give it: "missing: PUSH_APP_KEY (or
/// --app-key) ...".
result<credentials> find_credentials(std::optional<std::string> const& key_flag,
                                     std::optional<std::string> const& secret_flag,
                                     std::function<char const*(char const*)> const& getenv);

} // namespace push::conformance
