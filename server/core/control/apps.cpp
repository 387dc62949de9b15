// Control API: apps, their reset and quota.
#include "core/control/call.hpp"
#include "core/model/app_settings.hpp"

namespace push::core {
namespace {

json::object with_code(json::object o) {
    json::object out{{"code", 200}};
    for (auto& kv : o)
        out.emplace(kv.key(), std::move(kv.value()));
    return out;
}

} // namespace

api_result<json::object> list_apps(control_call& c) {
    json::array apps;
    for (auto const& [key, app] : c.state.apps)
        apps.push_back(app_json(app, c.state.settings, c.with_secrets));
    return json::object{{"code", 200}, {"apps", std::move(apps)}};
}

api_result<json::object> get_app(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    return with_code(app_json(**app, c.state.settings, c.with_secrets));
}

// PUT /_emulator/apps/{key}: creates the app (secret required) or updates the given fields.
api_result<json::object> put_app(control_call& c) {
    auto body = c.body(true);
    if (!body)
        return body.error();
    auto const& key = c.params.at(0);
    auto* existing = c.state.find_app(key);
    app_config config = existing ? existing->config : app_config{key, "", true, {}, {}};
    object_reader r(*body, "", c.read);
    read_app_fields(r, config, !existing);
    if (auto done = r.finish(); !done)
        return done.error();
    auto& app = c.state.upsert_app(std::move(config));
    auto out = with_code(app_json(app, c.state.settings, c.with_secrets));
    out["created"] = existing == nullptr;
    return out;
}

api_result<json::object> delete_app(control_call& c) {
    if (!c.state.remove_app(c.params.at(0)))
        return errors::not_found_object("app", c.params.at(0));
    return json::object{{"code", 200}};
}

// POST /_emulator/apps/{key}/reset: that app only; the others are untouched.
api_result<json::object> reset_app(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    (*app)->reset();
    return with_code(app_json(**app, c.state.settings, c.with_secrets));
}

api_result<json::object> get_quota(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    auto const s = (*app)->quota.snapshot(c.now, c.state.settings.utc_offset_minutes);
    auto const& l = (*app)->config.limits;
    return json::object{{"code", 200},
                        {"per_hour", l.per_hour},
                        {"per_day", l.per_day},
                        {"hour_used", s.hour_used},
                        {"day_used", s.day_used},
                        {"hour_resets_at_ms", s.hour_resets_at},
                        {"day_resets_at_ms", s.day_resets_at}};
}

api_result<json::object> reset_quota(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    (*app)->quota.reset();
    return get_quota(c);
}

} // namespace push::core
