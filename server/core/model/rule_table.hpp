// The compiled-in catalogue itself (generated from fixtures/requirements.md), for the few files
// that name rules by ID at compile time: rule_of("response/id-format") is a constant, and an ID
// the catalogue does not have fails the build.
#pragma once

#include "core/model/rules.hpp"

namespace push::core {

inline constexpr rule_info rule_table[] = {
#include "core/model/rule_table.inc"
};

/// The index of `id`; not a constant expression (so a compile error) when the catalogue has no
/// such rule.
consteval rule_index rule_of(std::string_view id) {
    for (std::size_t i = 0; i < std::size(rule_table); ++i)
        if (rule_table[i].id == id)
            return static_cast<rule_index>(i);
    throw "not a rule of fixtures/requirements.md";
}

} // namespace push::core
