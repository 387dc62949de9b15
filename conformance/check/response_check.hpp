// Named, pure checks of one response against an expectation (Schemathesis-style): each failing
// check reports what was expected and what was seen.
#pragma once

#include "conformance/fixture/expectation.hpp"
#include "conformance/target/http_client.hpp"

#include <optional>
#include <string>
#include <vector>

namespace push::conformance {

struct check_failure {
    std::string where; // "status", "code", "body /id", "header Content-Type", "journal /path"
    std::string expected;
    std::string actual;
};

/// What was observed for one request: the response, and for the emulator its journal entry.
struct observed {
    int status = 0;
    header_list headers;
    std::optional<json::value> body; // nullopt when the body is not JSON
    std::string raw_body;
    std::optional<json::value> journal; // nullopt when not fetched (real target)
    std::string journal_error;          // why the journal entry could not be read
    bool from_emulator = false;         // X-Emulator-* header checks apply only then [D-7]
    std::string ended;                  // "closed", "reset", "truncated"; "" for an answer
    std::int64_t duration_ms = 0;       // from sending to the answer or the end
};

/// `text` as JSON, or nullopt when it is not JSON.
std::optional<json::value> json_body(std::string const& text);

/// A response as the checks see it (no journal yet).
observed observe(incoming_response const& r);

/// Every check of `e` (alternatives excluded) that `o` fails. Journal checks (and path, rule)
/// are evaluated only when `o.journal` is set, checks of X-Emulator-* headers only when
/// `o.from_emulator`: the real service sends neither.
std::vector<check_failure> check_expectation(expectation const& e, observed const& o);

} // namespace push::conformance
