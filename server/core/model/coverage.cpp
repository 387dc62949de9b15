#include "core/model/coverage.hpp"

#include <algorithm>

namespace push::core {

void coverage_counts::clear() noexcept {
    requests = 0;
    std::fill(rules.begin(), rules.end(), 0);
    codes.fill(0);
}

namespace {

void add_to(coverage_counts& c, coverage_marks const& marks, std::size_t code,
            rule_index refused_by) noexcept {
    ++c.requests;
    ++c.codes[code];
    if (refused_by != no_rule)
        ++c.rules[refused_by];
    for (std::uint8_t i = 0; i < marks.count; ++i)
        ++c.rules[marks.rules[i]];
}

} // namespace

void count_request(coverage_counts& all, coverage_marks const& marks, int code,
                   rule_index refused_by) noexcept {
    auto const slot = code_slot(code);
    add_to(all, marks, slot, refused_by);
    if (marks.app)
        add_to(*marks.app, marks, slot, refused_by);
}

} // namespace push::core
