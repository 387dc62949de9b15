#include "conformance/text/merge_patch.hpp"

namespace push::conformance {

json::value merge_patch(json::value target, json::value const& patch) {
    if (!patch.is_object())
        return patch;
    if (!target.is_object())
        target = json::object();
    auto& out = target.get_object();
    for (auto const& [name, value] : patch.get_object()) {
        if (value.is_null()) {
            out.erase(name);
            continue;
        }
        auto const* current = out.if_contains(name);
        out[name] = merge_patch(current ? *current : json::value(), value);
    }
    return target;
}

} // namespace push::conformance
