// Dispatch of one request to its handler, with path normalization [D-12], 404 and 405 [D-6].
#pragma once

#include "core/api.hpp"
#include "core/emulator_state.hpp"

namespace push::core {

/// True for a public, signed endpoint (/push.json and the user tag APIs).
bool is_public_path(std::string_view normalized_path);

/// True for a path the emulator serves, public or under /_emulator/ (so transport can answer 404 before reading a body).
bool is_known_path(std::string_view normalized_path);

/// Handles one request; `real_now` is the wall clock read by transport, turned into emulator
/// time by the state's virtual clock here.
api_response handle_request(api_request const& req, emulator_state& state, time_ms real_now);

} // namespace push::core
