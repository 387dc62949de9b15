#include "core/model/duration.hpp"

#include <limits>

namespace push::core {
namespace {

std::optional<time_ms> unit_ms(std::string_view unit) noexcept {
    if (unit == "ms")
        return 1;
    if (unit == "s")
        return 1'000;
    if (unit == "m")
        return 60'000;
    if (unit == "h")
        return 3'600'000;
    if (unit == "d")
        return 86'400'000;
    return std::nullopt;
}

} // namespace

std::optional<time_ms> parse_duration_text(std::string_view text) noexcept {
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    if (text.empty())
        return std::nullopt;
    constexpr time_ms limit = std::numeric_limits<time_ms>::max() / 2;
    time_ms total = 0;
    while (!text.empty()) {
        time_ms number = 0;
        std::size_t digits = 0;
        while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
            // Checked before multiplying: a long run of digits must not overflow.
            time_ms const digit = text[digits] - '0';
            if (number > (limit - digit) / 10)
                return std::nullopt;
            number = number * 10 + digit;
            ++digits;
        }
        if (digits == 0)
            return std::nullopt;
        text.remove_prefix(digits);
        std::size_t letters = 0;
        while (letters < text.size() && text[letters] >= 'a' && text[letters] <= 'z')
            ++letters;
        // A bare number is milliseconds, but only as the whole text ("1500", not "1h30").
        auto const unit = letters == 0 && total == 0 && text.empty()
                              ? std::optional<time_ms>(1)
                              : unit_ms(text.substr(0, letters));
        if (!unit || number > limit / *unit)
            return std::nullopt;
        total += number * *unit;
        if (total > limit)
            return std::nullopt;
        text.remove_prefix(letters);
    }
    return negative ? -total : total;
}

api_result<time_ms> parse_duration(json::value const& v, std::string const& path) {
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX / 2))
        return static_cast<time_ms>(v.get_uint64());
    if (v.is_string())
        if (auto d = parse_duration_text(v.get_string()))
            return *d;
    return errors::bad_control_request(
        path, path + " must be milliseconds or a duration like \"90s\", \"1h30m\", \"31d\"");
}

} // namespace push::core
