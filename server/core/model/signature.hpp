// Server API signature (FACTS §1): App-Key, Nonce, Timestamp, Signature (or RC- prefixed),
// Signature = hex(SHA1(AppSecret + Nonce + Timestamp)), compared in constant time.
#pragma once

#include "core/model/message.hpp"
#include "core/model/profile.hpp"

#include <map>
#include <string>
#include <string_view>

namespace push::core {

/// Lower-case hex SHA-1 of secret + nonce + timestamp.
std::string expected_signature(std::string_view secret, std::string_view nonce,
                               std::string_view timestamp);

/// The four signed headers of a request [D-1]: the plain name wins over the RC- one.
struct signed_headers {
    std::string const* app_key = nullptr;
    std::string const* nonce = nullptr;
    std::string const* timestamp = nullptr;
    std::string const* signature = nullptr;
    /// At least one of them came in its RC- spelling (auth/rc-prefix).
    bool prefixed = false;
};
signed_headers signed_headers_of(api_request const& req);

/// Nonces seen within the strict window; a repeat is a replay (auth/nonce-replay). At most
/// `capacity` nonces are kept: past it the oldest is forgotten, so memory stays bounded even while
/// the emulator clock is frozen and nothing ages out of the window.
class nonce_cache {
public:
    static constexpr std::size_t default_capacity = 100'000;

    explicit nonce_cache(std::size_t capacity = default_capacity) : capacity_(capacity) {}

    /// False when `nonce` was seen within `window_ms` before `now`; records it otherwise.
    bool remember(std::string const& nonce, time_ms now, time_ms window_ms);
    void clear() noexcept {
        seen_.clear();
        by_time_.clear();
    }
    std::size_t size() const noexcept { return seen_.size(); }

private:
    void forget_oldest();

    std::size_t capacity_;
    std::map<std::string, time_ms, std::less<>> seen_; // nonce -> when seen
    std::multimap<time_ms, std::string> by_time_;
};

constexpr time_ms strict_timestamp_window_ms = 300'000;

/// Checks the signed headers against one app's secret under a profile [D-2][D-3]. The caller has
/// already found the app by App-Key. Answers 401/1004 with a message naming what is wrong.
api_result<void> verify_signature(signed_headers const& h, std::string_view secret, profile p,
                                  time_ms now, nonce_cache& nonces);

} // namespace push::core
