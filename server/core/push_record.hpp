// Recording /push.json outcomes in the app's journal: accepted pushes resolved against the
// registry with their effective content, rejected ones with code, rule, path and message.
#pragma once

#include "core/api.hpp"
#include "core/emulator_state.hpp"

namespace push::core {

/// Journals one answered /push.json request of a known App-Key (unknown keys are not
/// journaled) at emulator time `now`; `accepted` is the parsed request when it was accepted.
/// Adds an X-Emulator-Warnings header when the push reaches a platform without alert text.
void record_push(api_request const& req, push_request const* accepted, api_response& res,
                 emulator_state& state, time_ms now);

/// The journal's view of an accepted push: effective content and recipients.
json::object describe_accepted(push_request const& push, device_registry const& registry,
                               time_ms now, std::size_t recipient_cap);

} // namespace push::core
