// Audience resolution: which devices of one app an accepted push reaches, with the reference
// page's precedence, the 30-day rule and push permission (FACTS §6), and why each device the
// audience selected was left out.
#pragma once

#include "core/model/push.hpp"
#include "core/model/registry.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace push::core {

/// audience/active-30-days: 30 天内连接过 IM 服务的设备作为推送的目标.
constexpr time_ms active_window_ms = 30LL * 24 * 3600 * 1000;

/// Why a device the audience selected (every device for is_to_all, the users' devices for
/// userid, the devices of the users the tags match, the package's devices) was not reached.
enum class exclusion : std::uint8_t {
    platform_not_targeted, // its platform is not in `platform` (audience/platform-filter)
    package_mismatch,      // another package than audience.packageName (audience/package-and)
    push_disallowed,       // it does not allow push (audience/push-allowed)
    stale,                 // last connected more than 30 days ago (audience/active-30-days)
};
constexpr std::size_t exclusion_count = 4;
constexpr std::array<exclusion, exclusion_count> all_exclusions{
    exclusion::platform_not_targeted, exclusion::package_mismatch, exclusion::push_disallowed,
    exclusion::stale};
/// Several reasons can hold at once: bit i is exclusion i.
using exclusion_set = std::uint8_t;
constexpr exclusion_set bit(exclusion e) noexcept {
    return static_cast<exclusion_set>(1u << static_cast<unsigned>(e));
}
/// "platform_not_targeted", "package_mismatch", "push_disallowed", "stale".
std::string_view to_string(exclusion e) noexcept;

/// What resolution reports of the selected devices it left out: every one counted, the first
/// `cap` kept (by slot) for the journal.
struct exclusion_sink {
    std::size_t cap = 0;
    std::size_t total = 0;
    std::array<std::size_t, exclusion_count> by_reason{}; // a device counts once per reason
    struct kept_slot {
        index_t slot;
        exclusion_set reasons;
    };
    std::vector<kept_slot> kept;

    void add(index_t slot, exclusion_set reasons);
};

/// The slots of every device the push reaches at emulator time `now`, each once. Order: registry
/// order for is_to_all, otherwise the order the indexes yield (summarize() sorts what it shows).
/// With `excluded`, the selected devices left out are reported there too.
std::vector<index_t> resolve_audience(audience const& a, std::vector<platform> const& platforms,
                                      device_registry const& registry, time_ms now,
                                      exclusion_sink* excluded = nullptr);

/// A device a push reached, as the journal keeps it.
struct reached_device {
    std::string device_id;
    std::string user_id;
    platform os = platform::android;
    channel vendor = channel::fcm;
};

/// A selected device a push did not reach, and why.
struct excluded_device {
    std::string device_id;
    std::string user_id;
    platform os = platform::android;
    channel vendor = channel::fcm;
    exclusion_set reasons = 0;
    time_ms last_connected = 0;
};

/// The selected devices left out: all counted, at most the journal's cap kept, sorted by id.
struct exclusions {
    std::size_t total = 0;
    std::array<std::size_t, exclusion_count> by_reason{};
    std::vector<excluded_device> devices;
    bool truncated = false;
};

/// What the journal shows of a resolved audience.
struct recipients {
    std::size_t total = 0;
    std::array<std::size_t, platform_count> by_platform{};
    std::array<std::size_t, channel_count> by_channel{};
    std::vector<reached_device> devices; // at most `cap`, sorted by id
    bool truncated = false;
    struct exclusions excluded;
};

/// Counts `slots` per platform and channel and keeps up to `cap` devices: the first `cap` in
/// registry order, then sorted by id. With `excluded`, its devices are described the same way.
recipients summarize(std::vector<index_t> slots, device_registry const& registry, std::size_t cap,
                     exclusion_sink const* excluded = nullptr);

} // namespace push::core
