// POST /push.json: route → body size → signature → quota → enabled → parse → validate → accept
// [D-8].
#pragma once

#include "core/api.hpp"
#include "core/emulator_state.hpp"

namespace push::core {

/// Authenticates a signed request [D-1][D-2][D-3]: finds the app by App-Key and checks the
/// signature under the app's profile. Shared by every signed endpoint.
api_result<app_state*> authenticate(api_request const& req, emulator_state& state, time_ms now);

/// Handles one /push.json request at emulator time `now`.
api_response handle_push(api_request const& req, emulator_state& state, time_ms now);

} // namespace push::core
