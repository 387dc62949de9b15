// Drift: the same cases against two targets, reporting where status, code or body shape differ.
// Ids, times and errorMessage text are normalised first, since they never match across targets.
#pragma once

#include "conformance/run/case_result.hpp"

#include <string>
#include <vector>

namespace push::conformance {

/// A body with push ids replaced by "<id>", times (`*_ms`, `time`, `timestamp`) by "<time>" and
/// `errorMessage` text by "<text>".
json::value normalize_body(json::value const& body);

struct drift_entry {
    std::string case_id;
    std::string what; // "status", "code", "body", "steps", "verdict"
    std::string left;
    std::string right;
};

/// The differences between two runs of one case; none when either was skipped or errored.
std::vector<drift_entry> compare_runs(case_result const& left, case_result const& right);

/// The differences between two runs of the same cases, case by case.
std::vector<drift_entry> compare_targets(target_run const& left, target_run const& right);

} // namespace push::conformance
