// The entry check of every signed endpoint, in the [D-8] order: body size → signature → armed
// fault → rate limit. The router has found the endpoint already. Faults that act in front of
// the service (hang, drop, reset, gateway) are looked for before this, by
// fault_before_service.
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
    /// A delay or truncation an armed fault asks of the answer (emulator/fault).
    std::optional<fault_action> fault;
};

/// body/max-size [D-5]: a body (or a declared Content-Length) of more than --max-body bytes
/// is 413/1508. Transport asks before reading a body; the entry check asks again.
api_result<void> check_body_size(std::size_t bytes, server_settings const& settings);

/// Runs the entry check of `e` for `req` at emulator time `now`, counting the request against
/// the endpoint's limit when it gets that far (the /push.json quota, or a tag API's per-second
/// rate).
admission admit(endpoint e, api_request const& req, emulator_state& state, time_ms now);

/// emulator/fault: the hang, drop, reset or gateway answer an armed fault gives `req` in front
/// of the service, before anything is checked or counted; the App-Key header only says whose
/// faults apply. Transport asks only while state.faults_before_service is not 0.
std::optional<fault_action> fault_before_service(endpoint e, api_request const& req,
                                                 emulator_state& state);

} // namespace push::core
