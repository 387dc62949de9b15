#include "conformance/report/requirement_lines.hpp"

namespace push::conformance {

std::vector<std::string> requirement_lines(case_result const& r) {
    std::vector<std::string> out;
    for (auto const& rule : r.rules) {
        auto const* row = find_requirement(r.requirements, rule);
        if (!row) {
            out.push_back("-> " + rule);
            continue;
        }
        out.push_back("-> " + rule + ": " + row->sentence());
        if (auto vendor = row->vendor_words(); !vendor.empty())
            out.push_back("   vendor: " + vendor);
    }
    return out;
}

} // namespace push::conformance
