// Replaying a recording against any target: each recorded request is signed afresh with the
// target's credentials (or a fresh emulator app's) and sent; the answers are compared with the
// recorded ones as --drift compares two targets.
#pragma once

#include "conformance/check/drift.hpp"
#include "conformance/record/recording.hpp"

#include <string>
#include <vector>

namespace push::conformance {

/// The recorded cases as cases to run: their requests, no expectation (the recording is the
/// expectation). Problems name the recording's file and the JSON pointer.
result<std::vector<fixture>> replay_cases(recording const& rec);

/// The recorded answers as the results of a run of target `rec.target` (label "recording").
target_run recorded_run(recording const& rec);

/// The cases of `rec` whose id starts with one of `prefixes` (all when there is none); a prefix
/// that selects nothing is a problem.
result<recording> select_recorded(recording rec, std::vector<std::string> const& prefixes);

} // namespace push::conformance
