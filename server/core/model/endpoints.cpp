#include "core/model/endpoints.hpp"

namespace push::core {
namespace {

constexpr std::array<std::string_view, endpoint_count> paths{
    "/push.json", "/user/tag/set.json", "/user/tag/batch/set.json", "/user/tags/get.json"};

} // namespace

std::string_view path_of(endpoint e) noexcept {
    return paths[static_cast<std::size_t>(e)];
}

std::optional<endpoint> find_endpoint(std::string_view normalized_path) noexcept {
    for (auto e : all_endpoints)
        if (path_of(e) == normalized_path)
            return e;
    return std::nullopt;
}

} // namespace push::core
