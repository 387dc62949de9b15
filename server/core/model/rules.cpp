#include "core/model/rule_table.hpp"

#include <algorithm>

namespace push::core {
namespace {

constexpr std::size_t count = std::size(rule_table);
static_assert(count < no_rule, "rule_index is too small for the catalogue");

/// The catalogue's indexes sorted by ID, computed by the compiler.
constexpr auto by_id = [] {
    std::array<rule_index, count> order{};
    for (std::size_t i = 0; i < count; ++i)
        order[i] = static_cast<rule_index>(i);
    std::sort(order.begin(), order.end(),
              [](rule_index a, rule_index b) { return rule_table[a].id < rule_table[b].id; });
    return order;
}();

} // namespace

std::size_t rule_count() noexcept {
    return count;
}

rule_info const& rule_at(rule_index i) noexcept {
    return rule_table[i];
}

rule_index find_rule(std::string_view id) noexcept {
    auto const it = std::lower_bound(by_id.begin(), by_id.end(), id,
                                     [](rule_index r, auto v) { return rule_table[r].id < v; });
    return it != by_id.end() && rule_table[*it].id == id ? *it : no_rule;
}

} // namespace push::core
