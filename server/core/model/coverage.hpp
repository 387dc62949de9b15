// Error-path coverage: how many requests reached each rule of the catalogue (refused by it, or
// accepted in a way that exercised it) and answered each business code. Counting one request is
// a few array increments: the rule's index comes from one binary search (rules.hpp), and the
// handler that answered names the other rules it exercised by index.
#pragma once

#include "core/model/rules.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace push::core {

struct request_counts;

struct coverage_counts {
    std::uint64_t requests = 0;
    std::vector<std::uint64_t> rules = std::vector<std::uint64_t>(rule_count());
    std::array<std::uint64_t, code_slot_count> codes{};

    void clear() noexcept;
};

/// What a handler tells the coverage about its answer: the app whose counters it goes to (null
/// for none; the metrics' counters of the app too) and the rules the request exercised beside the
/// one that refused it.
struct coverage_marks {
    coverage_counts* app = nullptr;
    request_counts* requests = nullptr; // the app's counters in /_emulator/metrics
    std::array<rule_index, 20> rules{};
    std::uint8_t count = 0;

    void add(rule_index r) noexcept {
        if (count < rules.size())
            rules[count++] = r;
    }
};

/// Counts one answered request: its code, the rule that refused it (no_rule when none) and
/// `marks`, in `all` and in the app's counters when `marks` names them.
void count_request(coverage_counts& all, coverage_marks const& marks, int code,
                   rule_index refused_by) noexcept;

} // namespace push::core
