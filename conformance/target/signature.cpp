#include "conformance/target/signature.hpp"

#include "core/model/signature.hpp"

#include <algorithm>
#include <cctype>
#include <random>

namespace push::conformance {

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
        v.signature =
            core::expected_signature(s.secret.value_or(creds.app_secret), v.nonce, v.timestamp);
        v.computed = !s.secret.has_value() && !s.signature_length && s.signature_append.empty();
    }
    if (s.signature_length && *s.signature_length < v.signature.size())
        v.signature.resize(*s.signature_length);
    v.signature += s.signature_append;
    if (s.uppercase)
        std::transform(v.signature.begin(), v.signature.end(), v.signature.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return v;
}

header_list signing_headers(signing_spec const& s, signature_values const& v) {
    header_list out;
    if (!s.enabled)
        return out;
    std::pair<char const*, std::string const*> const all[] = {{"App-Key", &v.app_key},
                                                              {"Nonce", &v.nonce},
                                                              {"Timestamp", &v.timestamp},
                                                              {"Signature", &v.signature}};
    for (auto const& [name, value] : all) {
        if (std::find(s.omit.begin(), s.omit.end(), name) != s.omit.end())
            continue;
        out.emplace_back(s.prefix + name, *value);
    }
    return out;
}

std::string random_nonce() {
    static std::mt19937_64 gen{std::random_device{}()};
    std::uniform_int_distribution<std::uint64_t> d(1'000'000'000'000'000, 9'999'999'999'999'999);
    return std::to_string(d(gen));
}

} // namespace push::conformance
