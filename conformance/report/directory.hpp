// The report directory of a run: index.json, one file per case under primary/ (and drift/),
// junit.xml, and with --drift drift.json.
#pragma once

#include "conformance/check/drift.hpp"
#include "conformance/result.hpp"
#include "conformance/run/case_result.hpp"

#include <string>
#include <vector>

namespace push::conformance {

/// Writes every report file under `dir`, first removing the case files of an earlier run.
result<> write_reports(std::string const& dir, std::vector<target_run> const& runs,
                       std::vector<drift_entry> const& drift);

} // namespace push::conformance
