// Audience resolution: which devices of one app an accepted push reaches, with the reference
// page's precedence, the 30-day rule and push permission (FACTS §6).
#pragma once

#include "core/model/push.hpp"
#include "core/model/registry.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace push::core {

/// audience/active-30-days: 30 天内连接过 IM 服务的设备作为推送的目标.
constexpr time_ms active_window_ms = 30LL * 24 * 3600 * 1000;

/// True when the device may be targeted at `now`: it allows push and connected at most 30 days
/// before `now` (exactly 30 days still counts).
bool is_reachable(device_registry::slot const& d, time_ms now) noexcept;

/// The slots of every device the push reaches at emulator time `now`, each once. Order: registry
/// order for is_to_all, otherwise the order the indexes yield (summarize() sorts what it shows).
std::vector<index_t> resolve_audience(audience const& a, std::vector<platform> const& platforms,
                                      device_registry const& registry, time_ms now);

/// What the journal shows of a resolved audience.
struct recipients {
    std::size_t total = 0;
    std::array<std::size_t, platform_count> by_platform{};
    std::array<std::size_t, channel_count> by_channel{};
    std::vector<std::string> device_ids; // at most `cap`, sorted
    bool truncated = false;
};

/// Counts `slots` per platform and channel and keeps up to `cap` device ids: the first `cap`
/// in registry order, then sorted by id.
recipients summarize(std::vector<index_t> slots, device_registry const& registry, std::size_t cap);

} // namespace push::core
