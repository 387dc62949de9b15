// The --coverage-report files: the emulator-wide error-path coverage as JSON, and a short
// Markdown report beside it, written when the emulator stops (a CI job publishes them).
#pragma once

#include "config.hpp"
#include "core/model/state.hpp"

#include <string>

namespace push {

/// The Markdown file beside a report: `path` with ".json" replaced by ".md", or ".md" appended.
std::string markdown_path_of(std::string const& path);

/// Writes the coverage of every request since start to `path` (JSON) and its Markdown report
/// beside it; the error names the file that could not be written.
config_result<void> write_coverage_report(core::emulator_state const& state,
                                          std::string const& path);

} // namespace push
