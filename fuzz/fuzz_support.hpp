// What the fuzz targets share: an emulator state with a lenient and a strict app (unlimited
// quota, a few devices and tagged users, so audiences resolve to something), and signed
// requests for them.
#pragma once

#include "core/model/signature.hpp"
#include "core/model/state.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace push::fuzz {

/// The emulator time every target runs at (2026-11-26T10:00+08:00).
constexpr core::time_ms now_ms = 1'795'658'400'000;

/// A state with apps "lenient" and "strict" (secret "s", no quota), devices and tags.
inline core::emulator_state make_state() {
    core::emulator_state state;
    state.settings.journal_capacity = 64;
    for (auto [key, prof] : {std::pair{"lenient", core::profile::lenient},
                             std::pair{"strict", core::profile::strict}}) {
        auto& app = state.upsert_app({key, "s", true, {0, 0}, prof});
        auto& reg = app.registry;
        reg.upsert({"i1", "u1", core::platform::ios, core::channel::apns, "com.a", now_ms, true});
        reg.upsert({"a1", "u2", core::platform::android, core::channel::hw, "com.a", now_ms, true});
        reg.upsert({"h1", "u3", core::platform::harmonyos, core::channel::ohos, "", now_ms, true});
        reg.set_tags("u1", {"vip", "女"});
        reg.set_tags("u2", {"vip"});
    }
    return state;
}

/// A request of `app` to `target` with `body`, signed with a fresh nonce and the current
/// millisecond timestamp (so the strict app accepts it too).
inline core::api_request signed_request(std::string_view app, std::string target,
                                        std::string body) {
    static std::uint64_t counter = 0;
    std::string const nonce = std::to_string(++counter);
    std::string const ts = std::to_string(now_ms);
    return {"POST",
            std::move(target),
            {{"App-Key", std::string(app)},
             {"Nonce", nonce},
             {"Timestamp", ts},
             {"Signature", core::expected_signature("s", nonce, ts)},
             {"Content-Type", "application/json"}},
            std::move(body)};
}

} // namespace push::fuzz
