#include "core/model/quota.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {
constexpr time_ms minute = 60'000;
constexpr time_ms hour = 60 * minute;
// 2026-11-26T10:00:00+08:00, the start of a Beijing clock hour.
constexpr time_ms t0 = 1'795'658'400'000;
constexpr int beijing = 480;

void check_limited(api_result<void> const& r, std::string_view rule) {
    REQUIRE(r.has_error());
    CHECK(r.error().status() == 429);
    CHECK(r.error().code() == 1008);
    CHECK(r.error().rule() == rule);
}
} // namespace

TEST_CASE("quota/per-hour: 2 calls per clock hour, the 3rd is 429/1008") {
    push_quota q;
    quota_limits const lim{2, 0};
    CHECK(q.try_consume(lim, t0, beijing));
    CHECK(q.try_consume(lim, t0 + 59 * minute, beijing));
    check_limited(q.try_consume(lim, t0 + 59 * minute + 59'999, beijing), "quota/per-hour");
    // The next clock hour opens a fresh window (fixed windows, not sliding).
    CHECK(q.try_consume(lim, t0 + hour, beijing));
}

TEST_CASE("quota/per-hour: windows follow the clock hour, not the first call") {
    push_quota q;
    quota_limits const lim{2, 0};
    CHECK(q.try_consume(lim, t0 + 59 * minute, beijing));
    CHECK(q.try_consume(lim, t0 + 59 * minute, beijing));
    CHECK(q.try_consume(lim, t0 + hour, beijing)); // one minute later, new hour
}

TEST_CASE("quota/per-day: 3 calls per natural day in UTC+08:00") {
    push_quota q;
    quota_limits const lim{2, 3};
    time_ms const evening = t0 + 10 * hour; // 2026-11-26T20:00+08:00
    CHECK(q.try_consume(lim, evening, beijing));
    CHECK(q.try_consume(lim, evening + hour, beijing));
    CHECK(q.try_consume(lim, evening + hour + 30 * minute, beijing));
    check_limited(q.try_consume(lim, evening + 2 * hour, beijing), "quota/per-day");
}

TEST_CASE("quota/per-day: the 4th call of a day is refused until Beijing midnight") {
    push_quota q;
    quota_limits const lim{2, 3};
    time_ms const midnight = t0 + 14 * hour; // 2026-11-27T00:00+08:00
    CHECK(q.try_consume(lim, midnight - 3 * hour, beijing));
    CHECK(q.try_consume(lim, midnight - 2 * hour, beijing));
    CHECK(q.try_consume(lim, midnight - hour, beijing));
    check_limited(q.try_consume(lim, midnight - 1, beijing), "quota/per-day");
    CHECK(q.try_consume(lim, midnight, beijing));
    auto s = q.snapshot(midnight, beijing);
    CHECK(s.day_used == 1);
    CHECK(s.day_resets_at == midnight + 24 * hour);
    CHECK(s.hour_resets_at == midnight + hour);
}

TEST_CASE("quota/per-day: the day follows the configured UTC offset") {
    quota_limits const lim{0, 1};
    time_ms const utc_midnight = 1'795'651'200'000; // 2026-11-27T00:00Z = 08:00 in Beijing
    push_quota utc;
    CHECK(utc.try_consume(lim, utc_midnight - 1, 0));
    CHECK(utc.try_consume(lim, utc_midnight, 0)); // new UTC day
    push_quota bj;
    CHECK(bj.try_consume(lim, utc_midnight - 1, beijing));
    check_limited(bj.try_consume(lim, utc_midnight, beijing), "quota/per-day"); // same day
}

TEST_CASE("quota/order: a refused call consumes nothing, both windows checked first") {
    push_quota q;
    quota_limits const lim{1, 2};
    CHECK(q.try_consume(lim, t0, beijing));
    check_limited(q.try_consume(lim, t0 + 1, beijing), "quota/per-hour");
    check_limited(q.try_consume(lim, t0 + 2, beijing), "quota/per-hour");
    // The refused calls did not count towards the day: one more fits in the next hour.
    CHECK(q.try_consume(lim, t0 + hour, beijing));
    check_limited(q.try_consume(lim, t0 + 2 * hour, beijing), "quota/per-day");
    CHECK(q.snapshot(t0 + 2 * hour, beijing).day_used == 2);
}

TEST_CASE("quota/per-hour: 0 means unlimited") {
    push_quota q;
    for (int i = 0; i < 1000; ++i)
        REQUIRE(q.try_consume({0, 0}, t0 + i, beijing));
    push_quota r;
    r.try_consume({1, 1}, t0, beijing);
    r.reset();
    CHECK(r.try_consume({1, 1}, t0, beijing));
}

TEST_CASE("tags.set/rate: per-second windows") {
    per_second_limiter l;
    for (int i = 0; i < 10; ++i)
        REQUIRE(l.try_consume(10, t0 + 999, "tags.batch-set/rate"));
    check_limited(l.try_consume(10, t0 + 999, "tags.batch-set/rate"), "tags.batch-set/rate");
    CHECK(l.try_consume(10, t0 + 1000, "tags.batch-set/rate"));
}
