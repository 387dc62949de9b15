// The error-path coverage as the control API and --coverage-report show it: every rule of the
// catalogue and every business code, with how often the traffic so far exercised it.
#pragma once

#include "core/model/coverage.hpp"
#include "core/model/json.hpp"

#include <string>
#include <string_view>

namespace push::core {

/// {"app","requests","summary","rules":[…],"codes":[…],"never":{"rules","codes"}}; `app` is
/// null for the emulator-wide counters.
json::object coverage_json(coverage_counts const& c, std::string_view app);

/// A short Markdown report of coverage_json(): the codes with the rules never seen, then the
/// rules never exercised.
std::string coverage_markdown(json::object const& coverage);

} // namespace push::core
