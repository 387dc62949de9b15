#include "core/router.hpp"

#include "core/control/control_api.hpp"
#include "core/public_api/push_api.hpp"
#include "core/public_api/tag_api.hpp"

namespace push::core {
namespace {

using handler = api_response (*)(api_request const&, emulator_state&, time_ms);

// The public, signed endpoints, by endpoint. All of them are POST.
constexpr handler handlers[endpoint_count] = {&handle_push, &handle_tag_set, &handle_tag_batch_set,
                                              &handle_tags_get};

} // namespace

route find_route(std::string_view target) {
    route r;
    // http/path-normalization [D-12]: "//push.json?x" is "/push.json".
    r.path = normalize_path(target);
    if (auto e = find_endpoint(r.path)) {
        r.kind = route_kind::public_api;
        r.endpoint = *e;
    } else if (is_control_path(r.path)) {
        r.kind = route_kind::control;
    }
    return r;
}

bool reads_body(route const& r, std::string_view method) {
    switch (r.kind) {
    case route_kind::public_api:
        return method == "POST";
    case route_kind::control:
        return method == "POST" || method == "PUT" || method == "PATCH";
    case route_kind::unknown:
        break;
    }
    return false;
}

api_response handle_routed(route const& r, api_request const& req, emulator_state& state,
                           time_ms real_now) {
    time_ms const now = state.clock.now(real_now);
    switch (r.kind) {
    case route_kind::control:
        // The control API has its own methods and needs the real time too.
        return handle_control(req, r.path, state, now, real_now);
    case route_kind::unknown:
        // http/route [D-6]
        return error_response(errors::not_found(r.path));
    case route_kind::public_api:
        break;
    }
    // http/method [D-6]
    if (req.method != "POST") {
        auto res = error_response(errors::method_not_allowed(req.method, "POST"));
        res.headers.push_back({"Allow", "POST"});
        return res;
    }
    return handlers[static_cast<std::size_t>(r.endpoint)](req, state, now);
}

api_response handle_request(api_request const& req, emulator_state& state, time_ms real_now) {
    return handle_routed(find_route(req.target), req, state, real_now);
}

} // namespace push::core
