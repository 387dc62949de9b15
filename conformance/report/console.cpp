#include "conformance/report/console.hpp"

#include "conformance/report/requirement_lines.hpp"
#include "conformance/report/tally.hpp"

#include <map>

namespace push::conformance {

namespace {

std::string_view label(verdict v) {
    switch (v) {
    case verdict::pass:
        return "PASS ";
    case verdict::fail:
        return "FAIL ";
    case verdict::non_strict:
        return "NONST";
    case verdict::skip:
        return "SKIP ";
    case verdict::error:
        return "ERROR";
    }
    return "?";
}

} // namespace

void console_report::clear_progress() {
    if (!progress_shown_)
        return;
    out_ << "\r\033[K";
    progress_shown_ = false;
}

void console_report::progress(std::size_t index, std::size_t total, std::string const& id) {
    if (!terminal_)
        return;
    out_ << "\r\033[K[" << index << "/" << total << "] " << id << std::flush;
    progress_shown_ = true;
}

void console_report::on_case(case_result const& r) {
    clear_progress();
    out_ << label(r.outcome) << "  " << r.id << "  " << r.description;
    if (r.outcome == verdict::skip || r.outcome == verdict::error)
        out_ << "  (" << r.reason << ")";
    else
        out_ << "  (" << r.duration_ms << " ms)";
    out_ << "\n";
    // Flushed per case, so that piped output shows progress.
    if (r.outcome != verdict::fail && r.outcome != verdict::non_strict &&
        r.outcome != verdict::error) {
        out_ << std::flush;
        return;
    }
    for (auto const& line : requirement_lines(r))
        out_ << "       " << line << "\n";
    for (auto const& f : r.failures) {
        out_ << "       Expected: " << f.where << " " << f.expected << "\n";
        out_ << "       Actual:   " << f.where << " " << f.actual << "\n";
    }
    out_ << std::flush;
}

void console_report::finish(std::vector<case_result> const& results) {
    clear_progress();
    std::map<std::string, tally> by_area;
    for (auto const& r : results)
        by_area[r.area].add(r.outcome);
    out_ << "\n";
    for (auto const& [area, t] : by_area)
        out_ << "  " << area << ": " << summary_line(t) << "\n";
    out_ << summary_line(count(results)) << "\n" << std::flush;
}

void console_report::drift(std::vector<drift_entry> const& entries) {
    clear_progress();
    out_ << "\nDrift: " << entries.size() << " difference(s)\n";
    for (auto const& e : entries)
        out_ << "  " << e.case_id << "  " << e.what << ": " << e.left << "  vs  " << e.right
             << "\n";
}

} // namespace push::conformance
