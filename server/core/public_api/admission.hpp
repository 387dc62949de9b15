// The entry check of every signed endpoint, in the [D-8] order: body size → signature → armed
// fault → rate limit. The router has found the endpoint already.
#pragma once

#include "core/model/endpoints.hpp"
#include "core/model/message.hpp"
#include "core/model/state.hpp"

#include <optional>

namespace push::core {

/// What the entry check decided about one request.
struct admission {
    /// The App-Key as sent (plain or RC- spelling [D-1]), "" when none; a view into the request.
    std::string_view app_key;
    /// The app the App-Key names, when it names one: set even when the request is refused, so
    /// that a refused /push.json of a known app is journaled.
    app_state* app = nullptr;
    /// The signature checked out: the request may be journaled with its body.
    bool authenticated = false;
    /// Why the request is refused; unset when it may go on.
    std::optional<api_error> refusal;
    /// The rate limit looked at the request (it counted it, or refused it with 429).
    bool rate_checked = false;
    /// The coverage marks every answer to it starts from: the app's counters, and
    /// auth/rc-prefix when it was signed with RC- headers.
    coverage_marks coverage;
};

/// body/max-size [D-5]: a body (or a declared Content-Length) of more than --max-body bytes
/// is 413/1508. Transport asks before reading a body; the entry check asks again.
api_result<void> check_body_size(std::size_t bytes, server_settings const& settings);

/// Runs the entry check of `e` for `req` at emulator time `now`, counting the request against
/// the endpoint's limit when it gets that far (the /push.json quota, or a tag API's per-second
/// rate).
admission admit(endpoint e, api_request const& req, emulator_state& state, time_ms now);

} // namespace push::core
