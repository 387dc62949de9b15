// application/x-www-form-urlencoded bodies and query strings ("userIds=a&userIds=b").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace push::core {

using form_fields = std::vector<std::pair<std::string, std::string>>;

/// Decodes %XX and '+' (a space); nullopt on a bad escape.
std::optional<std::string> url_decode(std::string_view s);

/// The fields in order, keys may repeat; nullopt when a key or value has a bad escape. Empty
/// pieces ("a=1&&b=2") are skipped; a piece without '=' has an empty value.
std::optional<form_fields> parse_form(std::string_view body);

/// The first value of `key`, or nullptr.
std::string const* find_field(form_fields const& f, std::string_view key);

} // namespace push::core
