#include "conformance/run/ledger.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace push::conformance;

namespace {
// 2024-01-01 10:00:00 +08:00 (02:00 UTC).
constexpr std::int64_t t0 = 1704074400000;
constexpr std::int64_t minute = 60'000, hour = 60 * minute;

// Why the ledger refuses `n` more calls, or "" when it allows them.
std::string refusal(ledger const& l, int n, std::int64_t now, int budget, quota_policy const& p) {
    auto allowed = l.allows(n, now, budget, p);
    return allowed ? std::string() : allowed.error().message;
}
} // namespace

TEST_CASE("quota/per-hour: the ledger counts calls in the clock hour") {
    ledger l;
    quota_policy p;
    l.record(t0);
    l.record(t0 + 30 * minute);
    CHECK(l.used_in_hour(t0 + 59 * minute, p) == 2);
    CHECK(l.used_in_hour(t0 + hour, p) == 0);
    CHECK(l.used_in_hour(t0 - 1, p) == 0);
    CHECK(refusal(l, 1, t0 + 59 * minute, 5, p).find("this clock hour") != std::string::npos);
    CHECK(refusal(l, 1, t0 + hour, 5, p).empty());
}

TEST_CASE("quota/per-day: the ledger counts calls in the UTC+08:00 calendar day") {
    ledger l;
    quota_policy p;
    l.record(t0);
    l.record(t0 + hour);
    l.record(t0 + 2 * hour);
    CHECK(l.used_in_day(t0 + 3 * hour, p) == 3);
    CHECK(refusal(l, 1, t0 + 3 * hour, 5, p).find("this day") != std::string::npos);
    // 00:00 +08:00 is 16:00 UTC: a new day there, though the UTC day is the same.
    auto midnight = t0 + 14 * hour;
    CHECK(l.used_in_day(midnight - 1, p) == 3);
    CHECK(l.used_in_day(midnight, p) == 0);
    CHECK(refusal(l, 2, midnight, 5, p).empty());
    CHECK_FALSE(refusal(l, 3, midnight, 5, p).empty()); // 3 in one hour is over 2
    quota_policy utc{2, 3, 0};
    CHECK(l.used_in_day(midnight, utc) == 3);
}

TEST_CASE("ledger: the run budget bounds spending") {
    ledger l;
    quota_policy p;
    CHECK(refusal(l, 0, t0, 0, p).empty());
    CHECK(refusal(l, 1, t0, 0, p).find("--live-quota-budget") != std::string::npos);
    CHECK(refusal(l, 1, t0, 1, p).empty());
    CHECK_FALSE(refusal(l, 2, t0, 1, p).empty());
}

TEST_CASE("ledger: save and load round trip; a bad file is reported") {
    auto file = (std::filesystem::temp_directory_path() / "push-conf-ledger-test.json").string();
    std::filesystem::remove(file);
    ledger l;
    CHECK(l.load(file)); // missing file: empty ledger
    CHECK(l.calls().empty());
    l.record(t0 - 8 * 24 * hour); // older than 7 days: dropped on save
    l.record(t0);
    REQUIRE(l.save(file, t0));
    ledger back;
    REQUIRE(back.load(file));
    CHECK(back.calls() == std::vector<std::int64_t>{t0});
    std::ofstream(file) << R"({"calls":["x"]})";
    auto bad = back.load(file);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("/calls") != std::string::npos);
    std::filesystem::remove(file);
}
