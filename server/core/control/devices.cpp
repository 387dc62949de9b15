// Control API: one app's devices and user tags.
#include "core/control/call.hpp"
#include "core/control/journal_view.hpp"
#include "core/model/audience.hpp"
#include "core/model/device_seed.hpp"
#include "core/model/tags.hpp"

namespace push::core {

// POST /_emulator/apps/{key}/devices {"devices":[…]}: bulk upsert, all or nothing.
api_result<json::object> upsert_devices(control_call& c) {
    auto call = c.app_and_body();
    if (!call)
        return call.error();
    object_reader r(call->body, "", c.read);
    json::value const* list = r.find("devices");
    if (auto done = r.finish(); !done)
        return done.error();
    if (!list)
        return errors::bad_control_request("devices", "devices is required");
    auto devices = parse_devices(*list, "devices", c.now);
    if (!devices)
        return devices.error();
    for (auto const& d : *devices)
        call->app->registry.upsert(d);
    return json::object{{"code", 200},
                        {"upserted", devices->size()},
                        {"total", call->app->registry.device_count()}};
}

// GET /_emulator/apps/{key}/devices?user_id=&platform=&channel=&limit=&state=true (state: each
// device's 30-day state at the emulator's now: active, reachable, age)
api_result<json::object> list_devices(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    auto const* user = c.query_text("user_id");
    std::optional<platform> os;
    if (auto const* p = c.query_text("platform"); p && !(os = parse_platform(*p)))
        return errors::bad_control_request("platform",
                                           "platform must be ios, android or harmonyos");
    std::optional<channel> vendor;
    if (auto const* ch = c.query_text("channel"); ch && !(vendor = parse_channel(*ch)))
        return errors::bad_control_request("channel", "channel must be apns, fcm, hw (or hms), "
                                                      "honor, mi, oppo, vivo or ohos");
    auto limit = c.query_int("limit", 1000, 0, 1'000'000);
    if (!limit)
        return limit.error();
    auto const* state = c.query_text("state");
    if (state && *state != "true" && *state != "false")
        return errors::bad_control_request("state", "state must be true or false");
    bool const with_state = state && *state == "true";
    json::array out;
    std::size_t total = 0;
    for (auto const& d : (*app)->registry.devices()) {
        if ((user && d.user_id != *user) || (os && d.os != *os) || (vendor && d.vendor != *vendor))
            continue;
        if (total++ >= static_cast<std::size_t>(*limit))
            continue;
        auto o = device_json(d);
        if (with_state) {
            // audience/active-30-days: what the 30-day rule makes of the device now.
            bool const active = c.now - d.last_connected <= active_window_ms;
            o["active"] = active;
            o["reachable"] = active && d.push_allowed;
            o["age"] = age_text(c.now - d.last_connected);
        }
        out.push_back(std::move(o));
    }
    return json::object{{"code", 200}, {"devices", std::move(out)}, {"total", total}};
}

api_result<json::object> get_device(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    auto d = (*app)->registry.find(c.params.at(1));
    if (!d)
        return errors::not_found_object("device", c.params.at(1));
    json::object out{{"code", 200}};
    for (auto& kv : device_json(*d))
        out.emplace(kv.key(), kv.value());
    return out;
}

api_result<json::object> delete_device(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    if (!(*app)->registry.erase(c.params.at(1)))
        return errors::not_found_object("device", c.params.at(1));
    return json::object{{"code", 200}, {"deleted", 1}};
}

// DELETE /_emulator/apps/{key}/devices: every device of the app (user tags stay).
api_result<json::object> delete_devices(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    auto& reg = (*app)->registry;
    auto const devices = reg.devices();
    for (auto const& d : devices)
        reg.erase(d.id);
    return json::object{{"code", 200}, {"deleted", devices.size()}};
}

// PUT /_emulator/apps/{key}/tags/{user} {"tags":[…]}: replaces the user's tags, as
// /user/tag/set.json does, without a signature or the per-second limit; [] clears them.
api_result<json::object> put_user_tags(control_call& c) {
    auto call = c.app_and_body();
    if (!call)
        return call.error();
    auto const& user = c.params.at(1);
    if (user.size() > max_user_id_bytes)
        return errors::bad_control_request(
            "user", "the user id is longer than " + std::to_string(max_user_id_bytes) + " bytes");
    object_reader r(call->body, "", c.read);
    json::value const* list = r.find("tags");
    if (auto done = r.finish(); !done)
        return done.error();
    auto tags = parse_tag_list(list, "tags", "emulator/control");
    if (!tags)
        return tags.error();
    call->app->registry.set_tags(user, *tags);
    return get_user_tags(c);
}

// GET /_emulator/apps/{key}/tags/{user}.
api_result<json::object> get_user_tags(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    json::array tags;
    for (auto& t : (*app)->registry.tags_of(c.params.at(1)))
        tags.push_back(json::string(t));
    return json::object{{"code", 200}, {"user_id", c.params.at(1)}, {"tags", std::move(tags)}};
}

} // namespace push::core
