// JUnit XML for CI: one testsuite per target and area, one testcase per case.
#pragma once

#include "conformance/run/case_result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace push::conformance {

/// Escapes text for XML content and attributes; drops characters XML 1.0 forbids.
std::string xml_escape(std::string_view s);

/// A JUnit XML document: one testsuite per target and area, one testcase per case.
std::string junit_xml(std::vector<target_run> const& runs);

} // namespace push::conformance
