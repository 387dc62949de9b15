#include "core/model/text.hpp"

#include <algorithm>

namespace push::core {
namespace {

/// Length of the valid UTF-8 sequence at the start of `s`, or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s) noexcept {
    auto const b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    auto const cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    unsigned char const c = b(0);
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2) || (c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3) || (c == 0xF0 && b(1) < 0x90) ||
            (c == 0xF4 && b(1) > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

} // namespace

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        c = ascii_lower(c);
    return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && istarts_with(a, b);
}

bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (ascii_lower(s[i]) != ascii_lower(prefix[i]))
            return false;
    return true;
}

bool is_blank(std::string_view s) noexcept {
    return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::size_t code_points(std::string_view utf8) noexcept {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::size_t first_invalid_utf8(std::string_view s) noexcept {
    std::size_t at = 0;
    while (at < s.size()) {
        auto const n = utf8_sequence(s.substr(at));
        if (n == 0)
            return at;
        at += n;
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) noexcept {
    return first_invalid_utf8(s) == std::string_view::npos;
}

std::string to_valid_utf8(std::string_view bytes, bool& replaced) {
    std::string out;
    out.reserve(bytes.size());
    replaced = false;
    while (!bytes.empty()) {
        auto const n = utf8_sequence(bytes);
        if (n == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            replaced = true;
            bytes.remove_prefix(1);
            continue;
        }
        out.append(bytes.substr(0, n));
        bytes.remove_prefix(n);
    }
    return out;
}

std::string join(std::span<std::string const> items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out.append(i == 0 ? std::string_view() : separator).append(items[i]);
    return out;
}

std::string join_values(std::initializer_list<std::string_view> values) {
    std::string out;
    for (auto v : values)
        out.append(out.empty() ? "" : ", ").append(v); // no allowed value is empty
    return out;
}

std::string join_values(std::initializer_list<int> values) {
    std::string out;
    for (auto v : values)
        out.append(out.empty() ? "" : ", ").append(std::to_string(v));
    return out;
}

} // namespace push::core
