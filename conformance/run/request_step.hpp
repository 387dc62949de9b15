// One request or control step of a case: signing, the request as sent (fixture headers over
// defaults), the exchange record with its reproduction, and the checks of the response.
#pragma once

#include "conformance/run/case_context.hpp"

namespace push::conformance {

/// Sends the step's request and judges the response (with the journal entry on the emulator);
/// fails only when no response came. Quota is the caller's to record first.
result<> run_request(case_context& cx, step const& s);

} // namespace push::conformance
