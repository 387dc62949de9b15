#include "core/router.hpp"

#include "core/control/control_api.hpp"
#include "core/model/rule_table.hpp"
#include "core/model/signature.hpp"
#include "core/public_api/push_api.hpp"
#include "core/public_api/tag_api.hpp"

namespace push::core {
namespace {

using handler = api_response (*)(api_request const&, emulator_state&, time_ms);

// The public, signed endpoints, by endpoint. All of them are POST.
constexpr handler handlers[endpoint_count] = {&handle_push, &handle_tag_set, &handle_tag_batch_set,
                                              &handle_tags_get};

/// The coverage marks of an answer no handler gave (404, 405, transport's refusals): the app its
/// App-Key names, looked up here since these answers are rare.
coverage_marks marks_of(emulator_state& state, api_request const& req) {
    coverage_marks m;
    if (auto const* key = signed_headers_of(req).app_key)
        if (auto* app = state.find_app(*key)) {
            m.app = &app->coverage;
            m.requests = state.requests_of(*app);
        }
    return m;
}

/// Counts an answer to the emulated service in the error-path coverage: its code, the rule that
/// refused it, the rules its handler marked, and those every request can exercise.
void count_coverage(emulator_state& state, std::string_view path, api_request const& req,
                    api_response const& res) {
    coverage_marks marks = res.coverage;
    // response/json-code: every answer has a JSON body with a numeric code.
    marks.add(rule_of("response/json-code"));
    // http/path-normalization [D-12]: "//push.json?x=1" served as "/push.json".
    if (req.target != path)
        marks.add(rule_of("http/path-normalization"));
    // http/keep-alive: HTTP/1.0, or a later request of a persistent connection.
    if (req.origin.http_version == 10 || req.origin.on_connection > 1)
        marks.add(rule_of("http/keep-alive"));
    if (res.result) {
        count_request(state.coverage, marks, 200, no_rule);
        return;
    }
    auto const& e = res.result.error();
    // response/status-430: the 1009 answer's status line.
    if (e.status() == 430)
        marks.add(rule_of("response/status-430"));
    auto const rule = find_rule(e.rule());
    count_request(state.coverage, marks, e.code(), rule);
    state.metrics.count_refusal(rule);
}

/// An error answer counted in the coverage, for the app its App-Key names.
api_response counted_error(emulator_state& state, std::string_view path, api_request const& req,
                           api_error e) {
    auto res = error_response(std::move(e));
    res.coverage = marks_of(state, req);
    count_coverage(state, path, req, res);
    return res;
}

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

std::size_t endpoint_slot(route const& r) noexcept {
    switch (r.kind) {
    case route_kind::public_api:
        return static_cast<std::size_t>(r.endpoint);
    case route_kind::control:
        return control_slot;
    case route_kind::unknown:
        break;
    }
    return unknown_slot;
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
        return counted_error(state, r.path, req, errors::not_found(r.path));
    case route_kind::public_api:
        break;
    }
    // http/method [D-6]
    if (req.method != "POST") {
        auto res =
            counted_error(state, r.path, req, errors::method_not_allowed(req.method, "POST"));
        res.headers.push_back({"Allow", "POST"});
        return res;
    }
    auto res = handlers[static_cast<std::size_t>(r.endpoint)](req, state, now);
    count_coverage(state, r.path, req, res);
    return res;
}

api_response refuse_unrouted(emulator_state& state, api_request const& req, api_error e) {
    auto const r = find_route(req.target);
    if (r.kind == route_kind::control)
        return error_response(std::move(e));
    return counted_error(state, r.path, req, std::move(e));
}

api_response handle_request(api_request const& req, emulator_state& state, time_ms real_now) {
    return handle_routed(find_route(req.target), req, state, real_now);
}

} // namespace push::core
