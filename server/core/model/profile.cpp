#include "core/model/profile.hpp"

namespace push::core {

std::string_view to_string(profile p) noexcept {
    return p == profile::strict ? "strict" : "lenient";
}

std::optional<profile> parse_profile(std::string_view s) noexcept {
    if (s == "lenient")
        return profile::lenient;
    if (s == "strict")
        return profile::strict;
    return std::nullopt;
}

} // namespace push::core
