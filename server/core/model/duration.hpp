// Durations in control requests: an integer of milliseconds or a string like "90s", "1h30m",
// "31d" (units ms, s, m, h, d; a leading '-' goes back in time).
#pragma once

#include "core/model/json.hpp"
#include "core/model/message.hpp"

#include <optional>
#include <string_view>

namespace push::core {

/// Milliseconds of "1h30m" and friends; nullopt when the text is not a duration.
std::optional<time_ms> parse_duration_text(std::string_view text) noexcept;

/// A duration member of a control request; 400/1002 naming `path` when it is not one.
api_result<time_ms> parse_duration(json::value const& v, std::string const& path);

} // namespace push::core
