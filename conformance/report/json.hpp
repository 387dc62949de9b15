// The JSON report documents, as Autobahn writes them: index.json (target -> case -> verdict,
// status, code, duration_ms, file), one document per case with the full exchange, and the drift
// differences.
#pragma once

#include "conformance/check/drift.hpp"
#include "conformance/run/case_result.hpp"

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace push::conformance {

/// Relative path of a case's file in the report directory.
std::string case_file(std::string const& label, std::string const& id);
/// The per-case document: verdict, failures and every exchange (secrets redacted).
json::object case_document(case_result const& r, std::string const& target_url);
/// index.json: target -> case -> verdict, status, code, duration_ms, file.
json::object index_document(std::vector<target_run> const& runs);
/// drift.json: the two targets and their differences.
json::object drift_document(target_run const& left, target_run const& right,
                            std::vector<drift_entry> const& drift);

} // namespace push::conformance
