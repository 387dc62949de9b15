// Whole files in and out: fixtures, the requirements catalogue, the live ledger and reports.
#pragma once

#include "conformance/result.hpp"

#include <boost/json/value.hpp>

#include <string>

namespace push::conformance {

/// The bytes of `path`; the problem names the file ("cannot read the file").
result<std::string> read_file(std::string const& path);

/// The JSON document in `path`; the problem names the file ("cannot read the file", "not valid
/// JSON: …").
result<boost::json::value> read_json_file(std::string const& path);

/// Replaces `path` with `text` (the folder must exist); the problem says "cannot write <path>".
result<> write_file(std::string const& path, std::string const& text);

} // namespace push::conformance
