#include "core/model/quota.hpp"

#include <string>

namespace push::core {
namespace {

constexpr time_ms hour_ms = 3'600'000;
constexpr time_ms day_ms = 24 * hour_ms;

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    auto q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::int64_t window_index(time_ms now, time_ms length, int utc_offset_minutes) noexcept {
    return floor_div(now + static_cast<time_ms>(utc_offset_minutes) * 60'000, length);
}

} // namespace

time_ms window_start(time_ms now, time_ms length, int utc_offset_minutes) noexcept {
    auto const offset = static_cast<time_ms>(utc_offset_minutes) * 60'000;
    return window_index(now, length, utc_offset_minutes) * length - offset;
}

api_result<void> push_quota::try_consume(quota_limits limits, time_ms now, int utc_offset_minutes) {
    auto const hour = window_index(now, hour_ms, utc_offset_minutes);
    auto const day = window_index(now, day_ms, utc_offset_minutes);
    if (hour != hour_) {
        hour_ = hour;
        hour_used_ = 0;
    }
    if (day != day_) {
        day_ = day;
        day_used_ = 0;
    }
    // quota/per-hour [D-9]: 每小时限发送 2 次 — both windows are checked before either counts.
    if (limits.per_hour != 0 && hour_used_ >= limits.per_hour)
        return errors::rate_limited("too many requests: /push.json allows " +
                                        std::to_string(limits.per_hour) + " calls per hour",
                                    "quota/per-hour");
    // quota/per-day [D-9]: 每天(自然日)最多发送 3 次
    if (limits.per_day != 0 && day_used_ >= limits.per_day)
        return errors::rate_limited("too many requests: /push.json allows " +
                                        std::to_string(limits.per_day) + " calls per day",
                                    "quota/per-day");
    ++hour_used_;
    ++day_used_;
    return {};
}

quota_snapshot push_quota::snapshot(time_ms now, int utc_offset_minutes) const {
    quota_snapshot s;
    s.hour_used = window_index(now, hour_ms, utc_offset_minutes) == hour_ ? hour_used_ : 0;
    s.day_used = window_index(now, day_ms, utc_offset_minutes) == day_ ? day_used_ : 0;
    s.hour_resets_at = window_start(now, hour_ms, utc_offset_minutes) + hour_ms;
    s.day_resets_at = window_start(now, day_ms, utc_offset_minutes) + day_ms;
    return s;
}

void push_quota::reset() noexcept {
    *this = push_quota{};
}

api_result<void> per_second_limiter::try_consume(std::uint32_t per_second, time_ms now,
                                                 std::string_view rule) {
    auto const second = floor_div(now, 1000);
    if (second != second_) {
        second_ = second;
        used_ = 0;
    }
    if (per_second != 0 && used_ >= per_second)
        return errors::rate_limited("too many requests: this API allows " +
                                        std::to_string(per_second) + " calls per second",
                                    rule);
    ++used_;
    return {};
}

void per_second_limiter::reset() noexcept {
    *this = per_second_limiter{};
}

} // namespace push::core
