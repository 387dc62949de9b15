// The signed endpoints of the public API, named once: the router dispatches on them, faults
// target them and each has its own rate limit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace push::core {

enum class endpoint : std::uint8_t { push, tag_set, tag_batch_set, tags_get };
constexpr std::size_t endpoint_count = 4;
constexpr std::array<endpoint, endpoint_count> all_endpoints{
    endpoint::push, endpoint::tag_set, endpoint::tag_batch_set, endpoint::tags_get};

/// "/push.json", "/user/tag/set.json", "/user/tag/batch/set.json", "/user/tags/get.json".
std::string_view path_of(endpoint e) noexcept;

/// The endpoint served at a normalized path (normalize_path), if any.
std::optional<endpoint> find_endpoint(std::string_view normalized_path) noexcept;

} // namespace push::core
