#include "core/model/platform.hpp"

#include "core/model/text.hpp"

namespace push::core {
namespace {

constexpr std::array<std::string_view, platform_count> platform_names{"ios", "android",
                                                                      "harmonyos"};
constexpr std::array<std::string_view, channel_count> channel_names{"apns", "fcm",  "hw",   "honor",
                                                                    "mi",   "oppo", "vivo", "ohos"};

} // namespace

std::string_view to_string(platform p) noexcept {
    return platform_names[index_of(p)];
}

std::string_view to_string(channel c) noexcept {
    return channel_names[index_of(c)];
}

// platform/values [D-10]: case-insensitive.
std::optional<platform> parse_platform(std::string_view s) noexcept {
    for (auto p : all_platforms)
        if (iequals(to_string(p), s))
            return p;
    return std::nullopt;
}

std::optional<channel> parse_channel(std::string_view s) noexcept {
    for (std::size_t i = 0; i < channel_count; ++i)
        if (iequals(channel_names[i], s))
            return static_cast<channel>(i);
    if (iequals(s, "hms"))
        return channel::hw;
    return std::nullopt;
}

platform platform_of(channel c) noexcept {
    switch (c) {
    case channel::apns:
        return platform::ios;
    case channel::ohos:
        return platform::harmonyos;
    default:
        return platform::android;
    }
}

channel default_channel(platform p) noexcept {
    switch (p) {
    case platform::ios:
        return channel::apns;
    case platform::harmonyos:
        return channel::ohos;
    default:
        return channel::fcm;
    }
}

} // namespace push::core
