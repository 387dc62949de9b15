// The control API under /_emulator/: apps, devices, tags, quota, faults,
// journal, clock, health and config, for tests to drive and inspect the emulator over HTTP.
#pragma once

#include "core/model/message.hpp"
#include "core/model/state.hpp"

namespace push::core {

constexpr std::string_view control_prefix = "/_emulator/";

/// True for a path under /_emulator/ (or /_emulator itself).
bool is_control_path(std::string_view normalized_path) noexcept;

/// Handles one control request for the normalized `path` at emulator time `now`; the clock
/// endpoints also need the real time `real_now` that `now` was derived from.
api_response handle_control(api_request const& req, std::string_view path, emulator_state& state,
                            time_ms now, time_ms real_now);

} // namespace push::core
