// The console report: one line per case, a failure adding -> rule, Expected and Actual lines
// (as h2spec prints them), counts by area and the closing summary line.
#pragma once

#include "conformance/check/drift.hpp"
#include "conformance/run/case_result.hpp"

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace push::conformance {

class console_report {
public:
    console_report(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}
    /// On a terminal, redraws one progress line ("[3/120] audience/004").
    void progress(std::size_t index, std::size_t total, std::string const& id);
    /// One line per case; a failure adds -> rule, Expected and Actual lines.
    void on_case(case_result const& r);
    /// Counts by area, then the closing summary line.
    void finish(std::vector<case_result> const& results);
    void drift(std::vector<drift_entry> const& entries);

private:
    void clear_progress();

    std::ostream& out_;
    bool terminal_;
    bool progress_shown_ = false;
};

} // namespace push::conformance
