#include "core/model/metrics.hpp"

#include <algorithm>

namespace push::core {

std::string_view endpoint_label(std::size_t slot) noexcept {
    if (slot < endpoint_count)
        return path_of(all_endpoints[slot]);
    return slot == control_slot ? "control" : "unknown";
}

void request_counts::count(std::size_t slot, int status, int code) {
    auto& answers = by_endpoint[slot];
    for (auto& a : answers)
        if (a.code == code && a.status == status) {
            ++a.count;
            return;
        }
    answers.push_back({status, code, 1});
}

void latency_histogram::observe(std::uint64_t us) noexcept {
    auto const bucket = std::lower_bound(bounds_us.begin(), bounds_us.end(), us);
    ++buckets[static_cast<std::size_t>(bucket - bounds_us.begin())];
    sum_us += us;
    ++count;
}

void server_metrics::count_answer(request_counts* app, std::size_t slot, int status, int code,
                                  std::uint64_t elapsed_us) {
    (app ? *app : no_app).count(slot, status, code);
    latency[slot].observe(elapsed_us);
}

} // namespace push::core
