// What running a case produces: a verdict, what each request step saw, and every HTTP exchange
// as reports show it; and the results of one target.
#pragma once

#include "conformance/check/response_check.hpp"
#include "conformance/fixture/catalogue.hpp"
#include "conformance/target/http_client.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace push::conformance {

enum class verdict { pass, fail, non_strict, skip, error };
/// "pass", "fail", "non_strict", "skip" or "error", as reports write it.
std::string_view to_string(verdict v) noexcept;

/// One HTTP exchange as reports show it (secrets redacted, Signature redacted on real targets).
struct exchange_record {
    std::string kind; // app, setup, request, control, clock, journal, cleanup
    std::string method;
    std::string url;
    header_list request_headers;
    std::optional<std::string> request_body;
    int status = 0;
    header_list response_headers;
    std::string response_body;
    std::int64_t duration_ms = 0;
    std::string error;
    std::string curl; // a command that reproduces the request (never with a secret)
};

/// What one request step saw, for reports, drift and recordings.
struct step_outcome {
    int status = 0;
    header_list headers;
    std::optional<json::value> body; // nullopt when the body is not JSON
    std::string raw_body;
    std::vector<check_failure> failures;
    bool alternative = false; // failed the expectation but matched an allowed alternative
};

struct case_result {
    std::string id;
    std::string area;
    std::vector<std::string> rules;
    std::vector<requirement> requirements; // the catalogue rows of `rules`, when known
    std::string description;
    std::string file;
    verdict outcome = verdict::pass;
    std::string reason;       // why skipped or errored
    bool budget_skip = false; // live mode: skipped for the quota budget or ledger
    std::vector<check_failure> failures;
    int status = 0; // of the last request step
    std::optional<int> code;
    std::int64_t duration_ms = 0;
    std::vector<step_outcome> steps;
    std::vector<exchange_record> exchanges;
    /// The signatures the case's requests carried: recordings are scrubbed of them. Never
    /// written in a report.
    std::vector<std::string> sent_signatures;
};

/// The results of one target ("primary", or "drift" for the --drift target).
struct target_run {
    std::string label;
    std::string url;
    std::vector<case_result> results;
};

} // namespace push::conformance
