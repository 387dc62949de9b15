#include "conformance/report/tally.hpp"

namespace push::conformance {

void tally::add(verdict v) noexcept {
    switch (v) {
    case verdict::pass:
        ++passed;
        break;
    case verdict::fail:
        ++failed;
        break;
    case verdict::skip:
        ++skipped;
        break;
    case verdict::non_strict:
        ++non_strict;
        break;
    case verdict::error:
        ++errors;
        break;
    }
}

tally count(std::vector<case_result> const& results) {
    tally t;
    for (auto const& r : results)
        t.add(r.outcome);
    return t;
}

std::string summary_line(tally const& t) {
    auto s = std::to_string(t.passed) + " passed, " + std::to_string(t.failed) + " failed, " +
             std::to_string(t.skipped) + " skipped";
    if (t.non_strict)
        s += ", " + std::to_string(t.non_strict) + " non-strict";
    if (t.errors)
        s += ", " + std::to_string(t.errors) + " errors";
    return s;
}

} // namespace push::conformance
