#include "conformance/cli/recording_run.hpp"

#include "conformance/record/replay.hpp"

namespace push::conformance {

namespace {

// One line per replayed case, the differences under it.
void print_replayed(std::ostream& out, case_result const& r, std::vector<drift_entry> const& diff) {
    char const* label = r.outcome == verdict::skip    ? "SKIP "
                        : r.outcome == verdict::error ? "ERROR"
                        : diff.empty()                ? "SAME "
                                                      : "DIFF ";
    out << label << "  " << r.id << "  " << r.description;
    if (!r.reason.empty())
        out << "  (" << r.reason << ")";
    out << "\n";
    for (auto const& d : diff)
        out << "       " << d.what << ": " << d.left << " (recorded)  vs  " << d.right << "\n";
    out << std::flush;
}

} // namespace

recording make_recording(target const& t, target_run const& run, std::vector<fixture> const& cases,
                         std::string const& now_utc) {
    recording rec{t.at.url(), now_utc, "push-conformance --live --record", {}};
    secrets keep;
    if (t.creds)
        keep.values = {t.creds->app_secret, t.creds->app_key};
    for (std::size_t i = 0; i < cases.size() && i < run.results.size(); ++i)
        if (auto c = record_case(cases[i], run.results[i], keep))
            rec.cases.push_back(std::move(*c));
    return rec;
}

std::string replay_outcome::summary() const {
    return std::to_string(recorded.results.size()) + " recorded case(s): " + std::to_string(same) +
           " same, " + std::to_string(different) + " different (" +
           std::to_string(differences.size()) + " difference(s)), " + std::to_string(not_replayed) +
           " not replayed";
}

replay_outcome replay_recording(runner& r, recording const& rec, std::vector<fixture> const& cases,
                                std::ostream& out) {
    replay_outcome o{recorded_run(rec), {"primary", "", {}}, {}};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto res = r.run_case(cases[i]);
        auto diff = compare_runs(o.recorded.results[i], res);
        print_replayed(out, res, diff);
        bool const ran = res.outcome != verdict::skip && res.outcome != verdict::error;
        (ran ? (diff.empty() ? o.same : o.different) : o.not_replayed) += 1;
        o.differences.insert(o.differences.end(), diff.begin(), diff.end());
        o.replayed.results.push_back(std::move(res));
    }
    return o;
}

} // namespace push::conformance
