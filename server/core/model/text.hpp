// The text helpers of the core, in one place: ASCII case, blank text, UTF-8, lists for messages.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace push::core {

/// 'A'..'Z' to 'a'..'z'; every other byte unchanged (names on the wire are ASCII).
constexpr char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `s` with ASCII upper-case letters lowered.
std::string ascii_lower(std::string_view s);

/// Case-insensitive ASCII comparison (header names, platform and channel names).
bool iequals(std::string_view a, std::string_view b) noexcept;

/// `s` starts with `prefix`, compared case-insensitively (ASCII).
bool istarts_with(std::string_view s, std::string_view prefix) noexcept;

/// Empty or only ASCII white space.
bool is_blank(std::string_view s) noexcept;

/// Number of Unicode code points in valid UTF-8 (bytes that do not continue a sequence).
std::size_t code_points(std::string_view utf8) noexcept;

/// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

/// The offset of the first byte of `s` that is not part of well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s) noexcept;

/// `bytes` with every byte that is not part of valid UTF-8 replaced by U+FFFD; `replaced` says
/// whether any was.
std::string to_valid_utf8(std::string_view bytes, bool& replaced);

/// "a, b, c".
std::string join(std::span<std::string const> items, std::string_view separator = ", ");

/// "a, b, c" of string views or integers, for "must be one of …" messages.
std::string join_values(std::initializer_list<std::string_view> values);
std::string join_values(std::initializer_list<int> values);

} // namespace push::core
