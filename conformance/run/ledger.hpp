// The live-mode ledger: when past runs spent real /push.json quota, so that repeated runs never
// exceed the vendor's limits (quota/per-hour: 2 per clock hour, quota/per-day: 3 per calendar
// day in UTC+08:00) nor this run's --live-quota-budget.
#pragma once

#include "conformance/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace push::conformance {

struct quota_policy {
    int per_hour = 2;
    int per_day = 3;
    int utc_offset_minutes = 480; // the natural day of the real service [D-9]
};

class ledger {
public:
    /// Calls recorded in the clock hour that holds `now_ms`.
    int used_in_hour(std::int64_t now_ms, quota_policy const& p) const;
    /// Calls recorded in the calendar day (in the policy's UTC offset) that holds `now_ms`.
    int used_in_day(std::int64_t now_ms, quota_policy const& p) const;
    /// Ok when `n` more calls may be made at `now_ms` with `budget_left` of this run's budget;
    /// otherwise the problem says why not.
    result<> allows(int n, std::int64_t now_ms, int budget_left, quota_policy const& p) const;
    void record(std::int64_t now_ms) { calls_.push_back(now_ms); }
    std::vector<std::int64_t> const& calls() const noexcept { return calls_; }

    /// Reads a ledger file; a missing file is an empty ledger.
    result<> load(std::string const& file);
    /// Writes the ledger (calls older than 7 days dropped), replacing the file atomically.
    result<> save(std::string const& file, std::int64_t now_ms);

private:
    std::vector<std::int64_t> calls_;
};

} // namespace push::conformance
