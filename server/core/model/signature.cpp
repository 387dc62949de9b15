#include "core/model/signature.hpp"

#include "core/model/text.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace push::core {
namespace {

constexpr std::size_t sha1_hex_length = 40;
constexpr std::size_t strict_max_nonce = 18;
constexpr std::uint64_t millis_threshold = 100'000'000'000; // [D-3] above 10^11 is ms

bool is_lower_hex(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// The timestamp as an unsigned integer of digits only, or nullopt.
std::optional<std::uint64_t> parse_timestamp(std::string_view s) {
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || s.empty())
        return std::nullopt;
    return v;
}

// Every official SDK fails some strict check [D-3]; the answer says what to change, since three
// SDKs show their own text instead of errorMessage and the log line is all their users see.
constexpr std::string_view seconds_hint =
    "official SDKs send seconds: run the lenient profile (--profile lenient, or the app's profile)";
constexpr std::string_view nonce_length_hint = "the Go SDK sends 19-digit nonces: run the lenient "
                                               "profile (--profile lenient, or the app's profile)";
constexpr std::string_view hex_case_hint = "the .NET SDK sends upper-case hex: run the lenient "
                                           "profile (--profile lenient, or the app's profile)";
constexpr std::string_view replay_hint = "the Node.js SDK reuses its nonce: run the lenient "
                                         "profile (--profile lenient, or the app's profile)";
constexpr std::string_view window_hint = "check the client's clock, or run the lenient profile "
                                         "(--profile lenient, or the app's profile)";

// auth/timestamp-format, auth/timestamp-window, auth/nonce-length [D-3]
api_result<void> check_strict_freshness(signed_headers const& h, std::uint64_t ts, time_ms now) {
    if (h.nonce->size() > strict_max_nonce)
        return errors::unauthorized("Nonce is longer than 18 characters in the strict profile",
                                    "auth/nonce-length")
            .with_hint(nonce_length_hint);
    if (ts < millis_threshold)
        return errors::unauthorized("Timestamp must be in milliseconds in the strict profile",
                                    "auth/timestamp-format")
            .with_hint(seconds_hint);
    auto const skew = static_cast<time_ms>(ts) - now;
    if (skew > strict_timestamp_window_ms || skew < -strict_timestamp_window_ms)
        return errors::unauthorized(
                   "Timestamp is more than 300 s away from the server clock in the strict profile",
                   "auth/timestamp-window")
            .with_hint(window_hint);
    return {};
}

} // namespace

namespace {

using sha1_hex = std::array<char, sha1_hex_length>;

/// hex(SHA1(secret + nonce + timestamp)), lower-case. OpenSSL 3 looks an algorithm up on every
/// EVP_sha1() use; one fetched SHA-1 and one context per thread skip that on every request.
sha1_hex sha1_of(std::string_view secret, std::string_view nonce, std::string_view timestamp) {
    struct sha1_state {
        EVP_MD* md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        ~sha1_state() {
            EVP_MD_CTX_free(ctx);
            EVP_MD_free(md);
        }
    };
    thread_local sha1_state sha1;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestInit_ex2(sha1.ctx, sha1.md, nullptr);
    for (auto part : {secret, nonce, timestamp})
        EVP_DigestUpdate(sha1.ctx, part.data(), part.size());
    EVP_DigestFinal_ex(sha1.ctx, md, &len);
    static constexpr char digits[] = "0123456789abcdef";
    sha1_hex hex{};
    for (unsigned int i = 0; i < len && 2 * i + 1 < hex.size(); ++i) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 0xf];
    }
    return hex;
}

} // namespace

std::string expected_signature(std::string_view secret, std::string_view nonce,
                               std::string_view timestamp) {
    auto const hex = sha1_of(secret, nonce, timestamp);
    return std::string(hex.data(), hex.size());
}

// auth/rc-prefix [D-1]: RC-App-Key etc. are accepted; the plain spelling wins.
signed_headers signed_headers_of(api_request const& req) {
    bool prefixed = false;
    auto pick = [&](std::string_view plain, std::string_view rc) {
        if (auto const* v = req.find_header(plain))
            return v;
        auto const* v = req.find_header(rc);
        prefixed = prefixed || v;
        return v;
    };
    signed_headers h{pick("App-Key", "RC-App-Key"), pick("Nonce", "RC-Nonce"),
                     pick("Timestamp", "RC-Timestamp"), pick("Signature", "RC-Signature")};
    h.prefixed = prefixed;
    return h;
}

void nonce_cache::forget_oldest() {
    auto const oldest = by_time_.begin();
    if (auto it = seen_.find(oldest->second); it != seen_.end() && it->second == oldest->first)
        seen_.erase(it);
    by_time_.erase(oldest);
}

bool nonce_cache::remember(std::string const& nonce, time_ms now, time_ms window_ms) {
    // Forget nonces older than the window.
    while (!by_time_.empty() && by_time_.begin()->first < now - window_ms)
        forget_oldest();
    if (auto it = seen_.find(nonce); it != seen_.end() && it->second >= now - window_ms)
        return false;
    seen_[nonce] = now;
    by_time_.emplace(now, nonce); // after the others of the same time: begin() is the oldest
    // Past the cap, forget the oldest (with the clock frozen nothing leaves the window).
    while (by_time_.size() > capacity_)
        forget_oldest();
    return true;
}

api_result<void> verify_signature(signed_headers const& h, std::string_view secret, profile p,
                                  time_ms now, nonce_cache& nonces) {
    // auth/timestamp-format [D-3]: digits only; seconds or milliseconds in lenient.
    auto const ts = parse_timestamp(*h.timestamp);
    if (!ts)
        return errors::unauthorized("Timestamp must be a number", "auth/timestamp-format");
    bool const strict = p == profile::strict;
    if (strict) {
        auto fresh = check_strict_freshness(h, *ts, now);
        if (!fresh)
            return fresh;
        // auth/hex-case [D-3]: the documentation says lower-case hex.
        if (!is_lower_hex(*h.signature))
            return errors::unauthorized("Signature must be lower-case hex in the strict profile",
                                        "auth/hex-case")
                .with_hint(hex_case_hint);
    }
    // auth/signature: hex(SHA1(AppSecret + Nonce + Timestamp)), compared in constant time.
    auto const expected = sha1_of(secret, *h.nonce, *h.timestamp);
    std::string_view const sent = *h.signature;
    // lenient: hex in any case [D-3] (strict has refused upper case above).
    sha1_hex given{};
    for (std::size_t i = 0; i < given.size() && i < sent.size(); ++i)
        given[i] = ascii_lower(sent[i]);
    if (sent.size() != sha1_hex_length ||
        CRYPTO_memcmp(given.data(), expected.data(), sha1_hex_length) != 0)
        return errors::unauthorized("signature mismatch", "auth/signature");
    // auth/nonce-replay [D-3]: strict refuses a nonce seen within the window.
    if (strict && !nonces.remember(*h.nonce, now, 2 * strict_timestamp_window_ms))
        return errors::unauthorized("Nonce was already used in the strict profile",
                                    "auth/nonce-replay")
            .with_hint(replay_hint);
    return {};
}

} // namespace push::core
