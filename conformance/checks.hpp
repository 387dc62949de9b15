// Named, pure checks of one response against an expectation (Schemathesis-style): each failing
// check reports what was expected and what was seen.
#pragma once

#include "conformance/client.hpp"
#include "conformance/fixture.hpp"

#include <optional>
#include <string>
#include <vector>

namespace push::conformance {

struct check_failure {
    std::string where;    // "status", "code", "body /id", "header Content-Type", "journal /path"
    std::string expected;
    std::string actual;
};

/// What was observed for one request: the response, and for the emulator its journal entry.
struct observed {
    int status = 0;
    header_list headers;
    std::optional<json::value> body;     // nullopt when the body is not JSON
    std::string raw_body;
    std::optional<json::value> journal;  // nullopt when not fetched (real target)
    std::string journal_error;           // why the journal entry could not be read
};

/// The value at a JSON pointer ("" is the whole document), or nullptr when absent.
json::value const* at_pointer(json::value const& doc, std::string_view pointer);

/// Evaluates one matcher; nullptr means absent. Empty optional on success, else the actual text.
std::optional<std::string> match(matcher const& m, json::value const* actual);

/// Every check of `e` (alternatives excluded) that `o` fails. Journal checks (and path, rule)
/// are evaluated only when `o.journal` is set.
std::vector<check_failure> check_expectation(expectation const& e, observed const& o);

/// A short JSON rendering of a value for Expected/Actual lines (truncated to `limit` bytes).
std::string brief(json::value const& v, std::size_t limit = 160);

} // namespace push::conformance
