// Standard padded base64 (RFC 4648): reports store bodies that are not text this way, curl
// reproductions pipe them through `base64 -d`, and fixtures may give a body as body_base64.
#pragma once

#include "conformance/result.hpp"

#include <string>
#include <string_view>

namespace push::conformance {

/// `in` as padded base64.
std::string encode_base64(std::string_view in);

/// The bytes `in` encodes; '=' and line breaks are skipped. Fails when any other character is
/// outside the alphabet.
result<std::string> decode_base64(std::string_view in);

} // namespace push::conformance
