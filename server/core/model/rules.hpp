// The rules of fixtures/requirements.md as the running emulator knows them: compiled in from the
// catalogue (CMake generates core/model/rule_table.inc), so the coverage report can list every
// rule, exercised or not, without reading a file. A rule ID is turned into its index once per
// request, by a binary search over a table sorted at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace push::core {

/// The HTTP status and business code a rule's negative case answers (the catalogue's Expect).
struct rule_answer {
    int status = 0;
    int code = 0;
};

/// One row of the catalogue.
struct rule_info {
    std::string_view id;      // "quota/per-day"
    std::string_view section; // the catalogue section it is listed under
    std::string_view expect;  // the Expect column as written ("429/1008", "200", "—")
    std::string_view flags;   // the Flags column ("strict", "emu, wire", "")
    std::array<rule_answer, 3> answers;
    std::size_t answer_count;
    std::string_view quote;   // the Quote / fact column: the vendor's words, as quoted
    std::string_view reading; // the Reading column: the requirement in English
};

/// An index into the catalogue, in catalogue order.
using rule_index = std::uint16_t;
constexpr rule_index no_rule = UINT16_MAX;

/// The number of rules in the catalogue.
std::size_t rule_count() noexcept;
/// The rule at `i` (< rule_count()).
rule_info const& rule_at(rule_index i) noexcept;
/// The index of a rule ID; no_rule for an ID the catalogue does not have (or "").
rule_index find_rule(std::string_view id) noexcept;

/// The business codes of the emulated endpoints (FACTS §2) and their HTTP status, in the order
/// the coverage report lists them.
constexpr std::array<rule_answer, 12> business_codes{{{200, 200},
                                                      {400, 1002},
                                                      {400, 1003},
                                                      {401, 1004},
                                                      {400, 1005},
                                                      {429, 1008},
                                                      {430, 1009},
                                                      {413, 1508},
                                                      {404, 404},
                                                      {405, 405},
                                                      {500, 1000},
                                                      {504, 1050}}};
/// One counter per business code, plus one for any other code (an injected fault's own).
constexpr std::size_t code_slot_count = business_codes.size() + 1;

/// The counter of a business code: its position in business_codes, or the last slot.
constexpr std::size_t code_slot(int code) noexcept {
    for (std::size_t i = 0; i < business_codes.size(); ++i)
        if (business_codes[i].code == code)
            return i;
    return business_codes.size();
}

} // namespace push::core
