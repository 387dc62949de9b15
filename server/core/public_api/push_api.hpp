// POST /push.json as one straight sequence [D-8]: entry check (body size → signature → fault →
// quota) → enabled → parse (once) → validate → resolve the audience → issue the id. It produces
// one push_outcome, from which both the HTTP answer and the journal entry are built.
#pragma once

#include "core/model/journal.hpp"
#include "core/model/message.hpp"
#include "core/model/state.hpp"

#include <memory>
#include <string>
#include <vector>

namespace push::core {

/// Everything one /push.json request came to.
struct push_outcome {
    /// The App-Key as sent, "" when none (for the request log).
    std::string_view app_key;
    /// The app the App-Key names (journaled), or null for an unknown or missing key.
    app_state* app = nullptr;
    /// The accepted push (on the heap: the journal keeps it as it is), or why the request was
    /// refused.
    api_result<std::unique_ptr<accepted_push>> result = api_error{};
    /// The JSON paths of the unknown fields the body carried (body/unknown-fields [D-11]).
    std::vector<std::string> ignored_fields;
    /// X-Emulator-Warnings beside the ignored fields: platforms left without text [D-7], and
    /// `lenient_only`.
    std::vector<std::string> warnings;
    /// What only the lenient profile accepted ([D-13], [D-14]), one line each, for the journal.
    std::vector<std::string> lenient_only;
    /// The quota looked at the request: the answer shows its windows (X-Emulator-Quota).
    bool quota_checked = false;
    /// The app's coverage counters and the rules the request exercised.
    coverage_marks coverage;
    /// The signature checked out; otherwise only a prefix of the body is journaled.
    bool authenticated = false;
    /// A delay or truncation an armed fault asks of the answer.
    std::optional<fault_action> fault;
};

/// Runs the sequence for one request at emulator time `now`; counts quota as [D-8] says.
push_outcome process_push(api_request const& req, emulator_state& state, time_ms now);

/// Handles one /push.json request: process_push, then its answer and its journal entry.
api_response handle_push(api_request const& req, emulator_state& state, time_ms now);

} // namespace push::core
