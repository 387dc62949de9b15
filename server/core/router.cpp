#include "core/router.hpp"

#include "core/admin_api.hpp"
#include "core/push_api.hpp"
#include "core/tag_api.hpp"

namespace push::core {
namespace {

using handler = api_response (*)(api_request const&, emulator_state&, time_ms);

struct route {
    std::string_view path;
    handler handle;
};

// The public, signed endpoints. All of them are POST.
constexpr route routes[] = {
    {"/push.json", &handle_push},
    {"/user/tag/set.json", &handle_tag_set},
    {"/user/tag/batch/set.json", &handle_tag_batch_set},
    {"/user/tags/get.json", &handle_tags_get},
};

route const* find_route(std::string_view path) {
    for (auto const& r : routes)
        if (r.path == path)
            return &r;
    return nullptr;
}

} // namespace

bool is_public_path(std::string_view normalized_path) {
    return find_route(normalized_path) != nullptr;
}

bool is_known_path(std::string_view normalized_path) {
    return is_public_path(normalized_path) || is_control_path(normalized_path);
}

api_response handle_request(api_request const& req, emulator_state& state, time_ms real_now) {
    time_ms const now = state.clock.now(real_now);
    // http/path-normalization [D-12]: "//push.json?x" is "/push.json".
    auto const path = normalize_path(req.target);
    // The control API (/_emulator/...) has its own methods and needs the real time too.
    if (is_control_path(path))
        return handle_admin(req, state, now, real_now);
    api_response res;
    auto const* r = find_route(path);
    // http/route [D-6]
    if (!r) {
        res.result = errors::not_found(path);
        return res;
    }
    // http/method [D-6]
    if (req.method != "POST") {
        res.result = errors::method_not_allowed(req.method, "POST");
        res.headers.push_back({"Allow", "POST"});
        return res;
    }
    return r->handle(req, state, now);
}

} // namespace push::core
