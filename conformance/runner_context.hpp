// What one running case carries between the runner's files, and the text helpers they share.
// Internal to runner*.cpp and exchange.cpp; users include conformance/runner.hpp.
#pragma once

#include "conformance/runner.hpp"

#include <string>
#include <string_view>

namespace push::conformance {

struct runner::case_context {
    fixture const& f;
    case_result& res;
    credentials creds;
    std::string app_key;
    std::int64_t clock_offset = 0; // target clock minus wall clock, in ms
    bool clock_touched = false;    // the case moved the emulator clock (reset at cleanup)
};

namespace detail {

/// `s` with every occurrence of `from` replaced by `to`.
std::string replace_all(std::string s, std::string_view from, std::string_view to);

/// True for Signature and RC-Signature (any case), which reports hide on real targets.
bool is_signature_header(std::string_view name);

} // namespace detail

} // namespace push::conformance
