// The user tag APIs (FACTS §5), signed like /push.json: set one user's tags, set many users'
// tags, read users' tags. Tags are per user per app and build the push audiences.
#pragma once

#include "core/api.hpp"
#include "core/emulator_state.hpp"

#include <cstddef>

namespace push::core {

constexpr std::size_t max_tags_per_user = 20;      // tags.set/max-tags
constexpr std::size_t max_tag_bytes = 40;          // tags.set/tag-length
constexpr std::size_t max_batch_users = 1000;      // tags.batch-set/max-users
constexpr std::size_t max_get_users = 50;          // tags.get/max-users
constexpr std::uint32_t tag_set_per_second = 100;  // tags.set/rate
constexpr std::uint32_t tag_batch_per_second = 10; // tags.batch-set/rate
constexpr std::uint32_t tag_get_per_second = 100;  // tags.get/rate

/// Reads a tag list: an array of at most 20 strings of 1–40 bytes; errors name `path[i]`.
api_result<std::vector<std::string>> parse_tag_list(json::value const* v, std::string const& path,
                                                    std::string_view body_rule);

/// POST /user/tag/set.json {"userId":"u1","tags":[…]}: replaces the user's tags.
api_response handle_tag_set(api_request const& req, emulator_state& state, time_ms now);
/// POST /user/tag/batch/set.json {"userIds":[…],"tags":[…]}: replaces each user's tags.
api_response handle_tag_batch_set(api_request const& req, emulator_state& state, time_ms now);
/// POST /user/tags/get.json, form userIds=a&userIds=b: {"code":200,"result":{"a":[…]}}.
api_response handle_tags_get(api_request const& req, emulator_state& state, time_ms now);

} // namespace push::core
