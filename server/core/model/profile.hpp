// The two validation profiles [D-3].
#pragma once

#include <optional>
#include <string_view>

namespace push::core {

/// lenient: what production evidently accepts (the default). strict: the documentation to the
/// letter, for signatures [D-3] and for the body rules marked strict in FACTS §4 [D-11].
enum class profile { lenient, strict };

std::string_view to_string(profile p) noexcept;
std::optional<profile> parse_profile(std::string_view s) noexcept;

} // namespace push::core
