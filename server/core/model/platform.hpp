// The platforms a push targets and the vendor channels that reach devices, with the one parser of
// their names: ASCII case-insensitive everywhere ("IOS", "ios" and "iOS" are the same platform,
// in a push body [D-10], in the control API and in the device seed file).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace push::core {

enum class platform : std::uint8_t { ios, android, harmonyos };
constexpr std::size_t platform_count = 3;
constexpr std::array<platform, platform_count> all_platforms{platform::ios, platform::android,
                                                             platform::harmonyos};

/// The vendor push channel a device is reached through. `hw` is Huawei (HMS; "hms" is accepted
/// as an alias on input), named like the `notification.android.hw` options that apply to it.
enum class channel : std::uint8_t { apns, fcm, hw, honor, mi, oppo, vivo, ohos };
constexpr std::size_t channel_count = 8;

/// "ios", "android", "harmonyos".
std::string_view to_string(platform p) noexcept;
/// "apns", "fcm", "hw", "honor", "mi", "oppo", "vivo", "ohos".
std::string_view to_string(channel c) noexcept;

/// ios, android or harmonyos in any ASCII case; nullopt for anything else.
std::optional<platform> parse_platform(std::string_view s) noexcept;
/// A channel name (or "hms") in any ASCII case; nullopt for anything else.
std::optional<channel> parse_channel(std::string_view s) noexcept;

/// The platform a channel serves: apns → ios, ohos → harmonyos, every other → android.
platform platform_of(channel c) noexcept;
/// The channel a device of `p` uses when none is given: apns, fcm or ohos.
channel default_channel(platform p) noexcept;

constexpr std::size_t index_of(platform p) noexcept {
    return static_cast<std::size_t>(p);
}
constexpr std::size_t index_of(channel c) noexcept {
    return static_cast<std::size_t>(c);
}

} // namespace push::core
