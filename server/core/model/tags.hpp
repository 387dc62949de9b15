// User tags (FACTS §5): the list a user can hold, as the tag APIs, the control API and the seed
// file read it.
#pragma once

#include "core/model/error.hpp"
#include "core/model/json.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace push::core {

constexpr std::size_t max_tags_per_user = 20; // tags.set/max-tags
constexpr std::size_t max_tag_bytes = 40;     // tags.set/tag-length

/// Reads a tag list: an array of at most 20 strings of 1–40 bytes; errors name `path[i]`, and a
/// missing list or a wrong type fails with `body_rule`.
api_result<std::vector<std::string>> parse_tag_list(json::value const* v, std::string const& path,
                                                    std::string_view body_rule);

} // namespace push::core
