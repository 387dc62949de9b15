#include "conformance/run/ledger.hpp"

#include "conformance/files.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace push::conformance {

namespace {

constexpr std::int64_t hour_ms = 3'600'000;
constexpr std::int64_t day_ms = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Which window of `window_ms` (clock hours or days in the policy's UTC offset) holds `t`.
std::int64_t window_index(std::int64_t t, quota_policy const& p, std::int64_t window_ms) {
    return floor_div(t + std::int64_t{p.utc_offset_minutes} * 60'000, window_ms);
}

// How many of `calls` fall in the window of `window_ms` that holds `now_ms`.
int count_in_window(std::vector<std::int64_t> const& calls, std::int64_t now_ms,
                    quota_policy const& p, std::int64_t window_ms) {
    auto w = window_index(now_ms, p, window_ms);
    return static_cast<int>(std::count_if(
        calls.begin(), calls.end(), [&](auto t) { return window_index(t, p, window_ms) == w; }));
}

} // namespace

int ledger::used_in_hour(std::int64_t now_ms, quota_policy const& p) const {
    return count_in_window(calls_, now_ms, p, hour_ms);
}

int ledger::used_in_day(std::int64_t now_ms, quota_policy const& p) const {
    return count_in_window(calls_, now_ms, p, day_ms);
}

result<> ledger::allows(int n, std::int64_t now_ms, int budget_left, quota_policy const& p) const {
    if (n <= 0)
        return {};
    if (n > budget_left)
        return fail("needs " + std::to_string(n) + " quota call(s), budget left " +
                    std::to_string(std::max(budget_left, 0)) + " (--live-quota-budget)");
    auto h = used_in_hour(now_ms, p);
    if (h + n > p.per_hour)
        return fail("ledger: " + std::to_string(h) + " call(s) already this clock hour (limit " +
                    std::to_string(p.per_hour) + ")");
    auto d = used_in_day(now_ms, p);
    if (d + n > p.per_day)
        return fail("ledger: " + std::to_string(d) + " call(s) already this day (limit " +
                    std::to_string(p.per_day) + ", UTC+08:00)");
    return {};
}

result<> ledger::load(std::string const& file) {
    calls_.clear();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return {};
    auto text = read_file(file);
    boost::system::error_code jec;
    auto doc = text ? boost::json::parse(*text, jec) : boost::json::value();
    auto const* calls = (!jec && doc.is_object()) ? doc.get_object().if_contains("calls") : nullptr;
    if (!calls || !calls->is_array())
        return fail(file + ": not a ledger (expected {\"calls\":[ms,...]})");
    for (auto const& v : calls->get_array()) {
        if (!v.is_int64())
            return fail(file + ": /calls holds a value that is not an integer of ms");
        calls_.push_back(v.get_int64());
    }
    return {};
}

result<> ledger::save(std::string const& file, std::int64_t now_ms) {
    std::erase_if(calls_, [&](auto t) { return t < now_ms - 7 * day_ms; });
    boost::json::array arr;
    for (auto t : calls_)
        arr.push_back(t);
    auto tmp = file + ".tmp";
    auto text = boost::json::serialize(boost::json::object{{"calls", std::move(arr)}}) + "\n";
    if (auto written = write_file(tmp, text); !written)
        return written;
    // Replace atomically so an interrupted run never loses recorded calls.
    if (std::rename(tmp.c_str(), file.c_str()) != 0)
        return fail("cannot replace " + file);
    return {};
}

} // namespace push::conformance
