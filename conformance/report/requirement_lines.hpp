// The lines that say which requirement a failing case broke: its rule, the catalogue's sentence
// for it and, where the catalogue quotes the reference page, the vendor's own words. Console and
// JUnit reports print them under the failure; the JSON report keeps the rows themselves.
#pragma once

#include "conformance/run/case_result.hpp"

#include <string>
#include <vector>

namespace push::conformance {

/// "-> rule: sentence" per rule, each followed by "   vendor: quote" when the row quotes the
/// page; "-> rule" for a rule the catalogue does not describe.
std::vector<std::string> requirement_lines(case_result const& r);

} // namespace push::conformance
