// Per-app /push.json quota [D-9]: fixed windows aligned to the clock hour and to the calendar day
// in a configured UTC offset; both are checked before either is counted. 0 means unlimited.
#pragma once

#include "core/model/error.hpp"
#include "core/model/time.hpp"

#include <cstdint>

namespace push::core {

struct quota_limits {
    std::uint32_t per_hour = 2; // quota/per-hour
    std::uint32_t per_day = 3;  // quota/per-day
};

/// What the control API shows of one app's quota.
struct quota_snapshot {
    std::uint32_t hour_used = 0, day_used = 0;
    time_ms hour_resets_at = 0, day_resets_at = 0;
};

class push_quota {
public:
    /// Counts one call, or answers 429/1008 (and counts nothing) when either window is full.
    api_result<void> try_consume(quota_limits limits, time_ms now, int utc_offset_minutes);
    quota_snapshot snapshot(time_ms now, int utc_offset_minutes) const;
    void reset() noexcept;

private:
    std::int64_t hour_ = INT64_MIN, day_ = INT64_MIN; // window indexes
    std::uint32_t hour_used_ = 0, day_used_ = 0;
};

/// Fixed one-second windows, for the tag APIs' per-second rate limits (FACTS §5).
class per_second_limiter {
public:
    api_result<void> try_consume(std::uint32_t per_second, time_ms now, std::string_view rule);
    void reset() noexcept;

private:
    std::int64_t second_ = INT64_MIN;
    std::uint32_t used_ = 0;
};

/// Start of the window of `length` ms that holds `now`, in a day shifted by the UTC offset.
time_ms window_start(time_ms now, time_ms length, int utc_offset_minutes) noexcept;

} // namespace push::core
