// What GET /_emulator/metrics reports that no other part of the state keeps: answered requests
// by endpoint, status, code and app, refusals by rule, and latency by endpoint. Counting one
// request is a few integer increments on structures reached by index or pointer (no string
// hashing, no lock: the server runs on one I/O thread) and allocates only the first time an
// app answers a new status and code on an endpoint.
#pragma once

#include "core/model/endpoints.hpp"
#include "core/model/rules.hpp"
#include "core/model/time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace push::core {

/// The endpoints metrics tell apart: the four public ones, the control API, any other path.
constexpr std::size_t endpoint_slot_count = endpoint_count + 2;
constexpr std::size_t control_slot = endpoint_count;
constexpr std::size_t unknown_slot = endpoint_count + 1;

/// The `endpoint` label of a slot: "/push.json", …, "control", "unknown".
std::string_view endpoint_label(std::size_t slot) noexcept;

/// How many requests answered one status and business code.
struct answer_count {
    int status = 0;
    int code = 0;
    std::uint64_t count = 0;
};

/// The answered requests of one app (or of none), by endpoint slot, then status and code.
struct request_counts {
    std::array<std::vector<answer_count>, endpoint_slot_count> by_endpoint;

    /// Counts one answer (a linear search over the few pairs an endpoint answers).
    void count(std::size_t slot, int status, int code);
};

/// Request latency in microseconds, in the buckets Prometheus shows as le="…" seconds.
struct latency_histogram {
    static constexpr std::array<std::uint32_t, 12> bounds_us{
        100, 250, 500, 1'000, 2'500, 5'000, 10'000, 25'000, 50'000, 100'000, 1'000'000, 10'000'000};
    std::array<std::uint64_t, bounds_us.size() + 1> buckets{}; // not cumulative; last: +Inf
    std::uint64_t sum_us = 0;
    std::uint64_t count = 0;

    void observe(std::uint64_t us) noexcept;
};

/// Apps past this many get no `app` label of their own: their requests are counted under
/// app="_other" (apps are user-created; a scrape must stay small).
constexpr std::size_t max_labelled_apps = 100;

struct server_metrics {
    time_ms started_ms = 0;    // the wall clock when the server started
    request_counts no_app;     // requests that named no known app
    request_counts other_apps; // requests of apps past max_labelled_apps
    std::array<latency_histogram, endpoint_slot_count> latency;
    /// Refused requests of the public API by rule (catalogue order), the last slot for an
    /// error that names no catalogue rule (an injected fault).
    std::vector<std::uint64_t> refusals = std::vector<std::uint64_t>(rule_count() + 1);
    std::size_t labelled_apps = 0; // apps alive that have their own label

    /// Counts one answered request: for its app's counters (`app`; null: no_app), and its
    /// latency.
    void count_answer(request_counts* app, std::size_t slot, int status, int code,
                      std::uint64_t elapsed_us);

    /// Counts one refusal by the rule at `r` (no_rule: none).
    void count_refusal(rule_index r) noexcept {
        ++refusals[r == no_rule ? refusals.size() - 1 : r];
    }
};

} // namespace push::core
