#include "coverage_report.hpp"

#include "core/control/coverage_view.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace push {
namespace {

config_result<void> write_file(std::string const& path, std::string const& text) {
    // Write the whole file, then check the stream once
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        return config_error("--coverage-report: cannot write " + path + ": " +
                            std::strerror(errno));
    return {};
}

} // namespace

std::string markdown_path_of(std::string const& path) {
    constexpr std::string_view json_ext = ".json";
    if (path.size() > json_ext.size() && path.ends_with(json_ext))
        return path.substr(0, path.size() - json_ext.size()) + ".md";
    return path + ".md";
}

config_result<void> write_coverage_report(core::emulator_state const& state,
                                          std::string const& path) {
    auto report = core::coverage_json(state.coverage, "");
    report.erase("code"); // a file, not an answer
    if (auto json = write_file(path, core::json::serialize(report) + "\n"); !json)
        return json;
    return write_file(markdown_path_of(path), core::coverage_markdown(report));
}

} // namespace push
