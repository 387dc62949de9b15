// --record and --replay on the command line: a live run's answers into a recording, and a
// recording's requests against a target, compared with the recorded answers.
#pragma once

#include "conformance/check/drift.hpp"
#include "conformance/fixture/fixture.hpp"
#include "conformance/record/recording.hpp"
#include "conformance/run/runner.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace push::conformance {

/// The recording of a run: `run`'s answers to `cases` (same order) from target `t`, every
/// secret of `t` and every signature sent scrubbed. `now_utc` dates it.
recording make_recording(target const& t, target_run const& run, std::vector<fixture> const& cases,
                         std::string const& now_utc);

/// What a replay found.
struct replay_outcome {
    target_run recorded, replayed;
    std::vector<drift_entry> differences;
    int same = 0, different = 0, not_replayed = 0; // cases

    /// "7 recorded case(s): 6 same, 1 different (2 difference(s)), 0 not replayed".
    std::string summary() const;
};

/// Runs each case of `cases` (replay_cases of `rec`) with `r`, printing to `out` one line per
/// case (SAME, DIFF, SKIP, ERROR) and each difference under it.
replay_outcome replay_recording(runner& r, recording const& rec, std::vector<fixture> const& cases,
                                std::ostream& out);

} // namespace push::conformance
