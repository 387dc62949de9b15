// Drift: the same cases against two targets, reporting where status, code, the headers that
// matter or body shape differ. Ids, times and errorMessage text are normalised first, since they
// never match across targets. Replays of recordings compare the same way.
#pragma once

#include "conformance/run/case_result.hpp"

#include <string>
#include <vector>

namespace push::conformance {

/// A body with push ids replaced by "<id>", times (`*_ms`, `time`, `timestamp`) by "<time>" and
/// `errorMessage` text by "<text>".
json::value normalize_body(json::value const& body);

/// The response headers drift compares and recordings keep: Content-Type, Allow, Retry-After.
bool header_matters(std::string_view name) noexcept;

struct drift_entry {
    std::string case_id;
    std::string what; // "status", "code", "header Content-Type", "body", "steps"
    std::string left;
    std::string right;
};

/// The differences between two runs of one case; none when either was skipped or errored.
std::vector<drift_entry> compare_runs(case_result const& left, case_result const& right);

/// The differences between two runs of the same cases, case by case.
std::vector<drift_entry> compare_targets(target_run const& left, target_run const& right);

} // namespace push::conformance
