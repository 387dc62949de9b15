// The emulator's control API as a case uses it: the fresh app each case gets (and its removal),
// setup calls, clock steps and reads, and the journal entry a request left.
#pragma once

#include "conformance/check/response_check.hpp"
#include "conformance/run/case_context.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace push::conformance {

/// Sends a control call ({app} filled in, the admin token added); fails when no answer comes or
/// the status is not 2xx. The value is the answer's body when it is JSON.
result<std::optional<json::value>> call_control(case_context& cx, std::string const& kind,
                                                request_spec const& r);

/// Creates the case's app (key from the case id, `run_nonce` and `serial`; a generated secret),
/// reads the emulator clock and runs the setup calls.
result<> open_app(case_context& cx, std::string const& run_nonce, std::uint64_t serial);

/// Resets the clock if the case moved it and deletes the app; failures are not the case's.
void close_app(case_context& cx);

/// A clock step: advance, set, freeze, resume or reset, then a fresh clock reading.
result<> change_clock(case_context& cx, step const& s);

/// The journal entry the request seen in `o` left: by its push id, else the app's last entry.
result<json::value> fetch_journal(case_context& cx, observed const& o);

} // namespace push::conformance
