// One matcher against one value (Schemathesis-style named checks), and the short JSON text that
// Expected/Actual lines show.
#pragma once

#include "conformance/fixture/expectation.hpp"

#include <cstddef>
#include <string>

namespace push::conformance {

/// Ok when `m` holds for `actual` (nullptr: absent); otherwise the problem's message is the
/// actual value as an Actual line shows it.
result<> match(matcher const& m, json::value const* actual);

/// What `m` expects, as an Expected line shows it: "equals 400", "matches /^a/", "absent".
std::string describe(matcher const& m);

/// JSON equality in which numbers compare by value (400 equals 400.0).
bool same_json(json::value const& a, json::value const& b);

/// A short JSON rendering of a value for Expected/Actual lines (truncated to `limit` bytes).
std::string brief(json::value const& v, std::size_t limit = 160);

} // namespace push::conformance
