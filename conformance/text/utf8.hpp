// UTF-8 detection: reports keep text bodies as they are and store other bytes as base64.
#pragma once

#include <string_view>

namespace push::conformance {

/// True when `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s) noexcept;

} // namespace push::conformance
