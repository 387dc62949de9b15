// Reports of a run: the console (one line per case, failures with -> rule / Expected / Actual),
// a JSON directory (index.json plus one file per case with the full exchange) and JUnit XML.
#pragma once

#include "conformance/drift.hpp"
#include "conformance/runner.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace push::conformance {

/// The results of one target ("primary", or "drift" for the --drift target).
struct target_run {
    std::string label;
    std::string url;
    std::vector<case_result> results;
};

struct tally {
    int passed = 0, failed = 0, skipped = 0, non_strict = 0, errors = 0;
    void add(verdict v) noexcept;
};
tally count(std::vector<case_result> const& results);
/// "N passed, N failed, N skipped", then ", N non-strict" and ", N errors" when not zero.
std::string summary_line(tally const& t);

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

/// The per-case document: verdict, failures and every exchange (secrets redacted).
json::object case_document(case_result const& r, std::string const& target_url);
/// index.json: target -> case -> verdict, status, code, duration_ms, file.
json::object index_document(std::vector<target_run> const& runs);
/// Relative path of a case's file in the report directory.
std::string case_file(std::string const& label, std::string const& id);
/// Writes index.json, the case files, junit.xml and (with drift) drift.json under `dir`.
bool write_reports(std::string const& dir, std::vector<target_run> const& runs,
                   std::vector<drift_entry> const& drift, std::string& why);

/// Escapes text for XML content and attributes; drops characters XML 1.0 forbids.
std::string xml_escape(std::string_view s);
/// A JUnit XML document: one testsuite per target and area, one testcase per case.
std::string junit_xml(std::vector<target_run> const& runs);

} // namespace push::conformance
