#include "conformance/report/directory.hpp"

#include "conformance/files.hpp"
#include "conformance/report/json.hpp"
#include "conformance/report/junit.hpp"

#include <filesystem>

namespace push::conformance {

namespace fs = std::filesystem;

namespace {

// Writes one report file, creating its folder.
result<> write_report_file(fs::path const& p, std::string const& text) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    return write_file(p.string(), text);
}

// Removes the *.json case files the runner wrote in `folder`; nothing else is touched.
result<> clear_case_files(fs::path const& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return {};
    std::vector<fs::path> stale;
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator();
         it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".json")
            stale.push_back(it->path());
    for (auto const& p : stale)
        if (!ec)
            fs::remove(p, ec);
    if (ec)
        return fail("cannot clear " + folder.string() + ": " + ec.message());
    return {};
}

std::string json_text(json::object const& doc) {
    return json::serialize(doc) + "\n";
}

} // namespace

result<> write_reports(std::string const& dir, std::vector<target_run> const& runs,
                       std::vector<drift_entry> const& drift) {
    fs::path root(dir);
    // A reused directory must not keep the case files of an earlier run.
    for (auto const* label : {"primary", "drift"})
        if (auto cleared = clear_case_files(root / label); !cleared)
            return cleared;
    for (auto const& run : runs)
        for (auto const& r : run.results)
            if (auto w = write_report_file(root / case_file(run.label, r.id),
                                           json_text(case_document(r, run.url)));
                !w)
                return w;
    if (auto w = write_report_file(root / "index.json", json_text(index_document(runs))); !w)
        return w;
    if (runs.size() > 1)
        if (auto w = write_report_file(root / "drift.json",
                                       json_text(drift_document(runs[0], runs[1], drift)));
            !w)
            return w;
    return write_report_file(root / "junit.xml", junit_xml(runs));
}

} // namespace push::conformance
