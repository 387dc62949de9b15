#include "conformance/target.hpp"

#include "core/model/signature.hpp"

#include <algorithm>
#include <cctype>

namespace push::conformance {

credential_lookup find_credentials(std::optional<std::string> const& key_flag,
                                   std::optional<std::string> const& secret_flag,
                                   std::function<char const*(char const*)> const& getenv) {
    auto pick = [&](std::optional<std::string> const& flag, char const* env) {
        if (flag && !flag->empty()) return *flag;
        char const* v = getenv(env);
        return v ? std::string(v) : std::string();
    };
    credential_lookup out;
    auto key = pick(key_flag, "PUSH_APP_KEY");
    auto secret = pick(secret_flag, "PUSH_APP_SECRET");
    if (key.empty()) out.missing.push_back("PUSH_APP_KEY (or --app-key)");
    if (secret.empty()) out.missing.push_back("PUSH_APP_SECRET (or --app-secret)");
    if (out.missing.empty()) out.found = credentials{key, secret};
    return out;
}

signature_values sign(signing_spec const& s, credentials const& creds,
                      std::string const& fresh_nonce, std::int64_t now_ms) {
    signature_values v;
    v.app_key = s.app_key.value_or(creds.app_key);
    v.nonce = s.nonce.value_or(fresh_nonce);
    auto ts = now_ms + s.timestamp_offset_ms;
    v.timestamp = s.timestamp.value_or(std::to_string(s.seconds ? ts / 1000 : ts));
    if (s.signature) {
        v.signature = *s.signature;
    } else {
        v.signature = core::expected_signature(s.secret.value_or(creds.app_secret), v.nonce,
                                               v.timestamp);
        v.computed = !s.secret.has_value();
    }
    if (s.uppercase)
        std::transform(v.signature.begin(), v.signature.end(), v.signature.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return v;
}

header_list signing_headers(signing_spec const& s, signature_values const& v) {
    header_list out;
    if (!s.enabled) return out;
    std::pair<char const*, std::string const*> const all[] = {{"App-Key", &v.app_key},
                                                              {"Nonce", &v.nonce},
                                                              {"Timestamp", &v.timestamp},
                                                              {"Signature", &v.signature}};
    for (auto const& [name, value] : all) {
        if (std::find(s.omit.begin(), s.omit.end(), name) != s.omit.end()) continue;
        out.emplace_back(s.prefix + name, *value);
    }
    return out;
}

} // namespace push::conformance
