// The user tag APIs (FACTS §5), signed like /push.json: set one user's tags, set many users'
// tags, read users' tags. Tags are per user per app and build the push audiences.
#pragma once

#include "core/model/message.hpp"
#include "core/model/state.hpp"

#include <cstddef>

namespace push::core {

constexpr std::size_t max_batch_users = 1000; // tags.batch-set/max-users
constexpr std::size_t max_get_users = 50;     // tags.get/max-users

/// POST /user/tag/set.json {"userId":"u1","tags":[…]}: replaces the user's tags.
api_response handle_tag_set(api_request const& req, emulator_state& state, time_ms now);
/// POST /user/tag/batch/set.json {"userIds":[…],"tags":[…]}: replaces each user's tags.
api_response handle_tag_batch_set(api_request const& req, emulator_state& state, time_ms now);
/// POST /user/tags/get.json, form userIds=a&userIds=b: {"code":200,"result":{"a":[…]}}.
api_response handle_tags_get(api_request const& req, emulator_state& state, time_ms now);

} // namespace push::core
