// Verdict counts, and the summary line every report closes with.
#pragma once

#include "conformance/run/case_result.hpp"

#include <string>
#include <vector>

namespace push::conformance {

struct tally {
    int passed = 0, failed = 0, skipped = 0, non_strict = 0, errors = 0;
    void add(verdict v) noexcept;
    /// Every case counted.
    int total() const noexcept { return passed + failed + skipped + non_strict + errors; }
};

/// The verdicts of `results`, counted.
tally count(std::vector<case_result> const& results);

/// "N passed, N failed, N skipped", then ", N non-strict" and ", N errors" when not zero.
std::string summary_line(tally const& t);

} // namespace push::conformance
