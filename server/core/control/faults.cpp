// Control API: the faults armed on an app's signed endpoints.
#include "core/control/call.hpp"

namespace push::core {
namespace {

constexpr std::string_view rule = "emulator/control";

/// Reads a fault from {"path","status","code","message","count"}; 400/1002 naming the field.
api_result<fault> parse_fault(json::object const& body, read_context& ctx) {
    object_reader r(body, "", ctx);
    fault f;
    std::optional<std::string> path;
    r.read_string("path", path, rule);
    std::optional<endpoint> target = path ? find_endpoint(normalize_path(*path)) : std::nullopt;
    if (r.ok() && !target)
        r.fail_member("path",
                      "must be a signed endpoint such as \"/push.json\" or \"/user/tag/set.json\"",
                      rule);
    std::optional<std::int64_t> status, code, count;
    r.read_int_range("status", status, 400, 599, rule);
    r.read_int_range("code", code, 0, INT32_MAX, rule);
    std::optional<std::string> message;
    r.read_string("message", message, rule);
    r.read_int_range("count", count, 1, 1'000'000, rule);
    if (auto done = r.finish(); !done)
        return done.error();
    f.endpoint = *target;
    f.status = static_cast<int>(status.value_or(f.status));
    f.code = static_cast<int>(code.value_or(f.code));
    f.message = message.value_or(f.message);
    f.remaining = static_cast<std::uint32_t>(count.value_or(f.remaining));
    return f;
}

json::array faults_json(fault_list const& faults) {
    json::array out;
    for (auto const& f : faults.armed())
        out.push_back(json::object{{"path", path_of(f.endpoint)},
                                   {"status", f.status},
                                   {"code", f.code},
                                   {"message", f.message},
                                   {"count", f.remaining}});
    return out;
}

} // namespace

api_result<json::object> get_faults(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    return json::object{{"code", 200}, {"faults", faults_json((*app)->faults)}};
}

// POST /_emulator/apps/{key}/faults {"path","status","code","message","count"}.
api_result<json::object> add_fault(control_call& c) {
    auto call = c.app_and_body();
    if (!call)
        return call.error();
    auto f = parse_fault(call->body, c.read);
    if (!f)
        return f.error();
    call->app->faults.add(std::move(*f));
    return get_faults(c);
}

api_result<json::object> clear_faults(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    (*app)->faults.clear();
    return json::object{{"code", 200}, {"faults", json::array{}}};
}

} // namespace push::core
