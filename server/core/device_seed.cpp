#include "core/device_seed.hpp"

#include "core/app_settings.hpp"
#include "core/tag_api.hpp"

#include <algorithm>
#include <cctype>

namespace push::core {
namespace {

api_error field_error(std::string const& path, std::string const& what) {
    return errors::bad_control_request(path, path + " " + what);
}

api_result<std::string> text(json::object const& o, std::string const& path, std::string_view key,
                             bool required, std::size_t max_bytes) {
    std::string const p = join_path(path, key);
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) {
        if (required)
            return field_error(p, "is required");
        return std::string();
    }
    if (!v->is_string() || (required && v->get_string().empty()))
        return field_error(p, required ? "must be a non-empty string" : "must be a string");
    if (v->get_string().size() > max_bytes)
        return field_error(p, "is longer than " + std::to_string(max_bytes) + " bytes");
    return std::string(v->get_string());
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

channel default_channel(platform p) {
    switch (p) {
    case platform::ios: return channel::apns;
    case platform::harmonyos: return channel::ohos;
    default: return channel::fcm;
    }
}

/// platform and channel: at least one, and consistent (apns → ios, ohos → harmonyos, the
/// vendor channels → android).
api_result<void> read_target(json::object const& o, std::string const& path, device& d) {
    auto plat = text(o, path, "platform", false, 32);
    if (!plat)
        return plat.error();
    auto chan = text(o, path, "channel", false, 32);
    if (!chan)
        return chan.error();
    if (plat->empty() && chan->empty())
        return field_error(join_path(path, "platform"), "is required (or give a channel)");
    std::optional<platform> p;
    if (!plat->empty() && !(p = parse_platform(lower(*plat))))
        return field_error(join_path(path, "platform"), "must be ios, android or harmonyos");
    std::optional<channel> c;
    if (!chan->empty() && !(c = parse_channel(lower(*chan))))
        return field_error(join_path(path, "channel"),
                           "must be apns, fcm, hw (or hms), honor, mi, oppo, vivo or ohos");
    if (p && c && platform_of(*c) != *p)
        return field_error(join_path(path, "channel"),
                           "is " + std::string(to_string(*c)) + ", which serves " +
                               std::string(to_string(platform_of(*c))) + " devices, not " +
                               std::string(to_string(*p)));
    d.os = p ? *p : platform_of(*c);
    d.vendor = c ? *c : default_channel(*p);
    return {};
}

} // namespace

api_result<device> parse_device(json::value const& v, std::string const& path, time_ms now) {
    if (!v.is_object())
        return field_error(path, "must be an object");
    auto const& o = v.get_object();
    for (auto const& [key, value] : o) {
        (void)value;
        static constexpr std::string_view known[] = {"id",           "user_id",
                                                     "platform",     "channel",
                                                     "package_name", "last_connected_ms",
                                                     "push_allowed"};
        if (std::find(std::begin(known), std::end(known), std::string_view(key)) == std::end(known))
            return field_error(join_path(path, key), "is not a device field");
    }
    device d;
    auto id = text(o, path, "id", true, max_device_id_bytes);
    if (!id)
        return id.error();
    d.id = std::move(*id);
    auto user = text(o, path, "user_id", true, max_user_id_bytes);
    if (!user)
        return user.error();
    d.user_id = std::move(*user);
    if (auto r = read_target(o, path, d); !r)
        return r.error();
    auto package = text(o, path, "package_name", false, 256);
    if (!package)
        return package.error();
    d.package_name = std::move(*package);
    d.last_connected = now;
    if (auto const* t = o.if_contains("last_connected_ms"); t && !t->is_null()) {
        if (!t->is_int64() || t->get_int64() < 0)
            return field_error(join_path(path, "last_connected_ms"),
                               "must be milliseconds since the Unix epoch (an integer >= 0)");
        d.last_connected = t->get_int64();
    }
    if (auto const* a = o.if_contains("push_allowed"); a && !a->is_null()) {
        if (!a->is_bool())
            return field_error(join_path(path, "push_allowed"), "must be true or false");
        d.push_allowed = a->get_bool();
    }
    return d;
}

api_result<std::vector<device>> parse_devices(json::value const& v, std::string const& path,
                                              time_ms now) {
    if (!v.is_array())
        return field_error(path, "must be an array of devices");
    std::vector<device> out;
    auto const& a = v.get_array();
    out.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto d = parse_device(a[i], path + "[" + std::to_string(i) + "]", now);
        if (!d)
            return d.error();
        out.push_back(std::move(*d));
    }
    return out;
}

json::object device_json(device const& d) {
    return {{"id", d.id},
            {"user_id", d.user_id},
            {"platform", to_string(d.os)},
            {"channel", to_string(d.vendor)},
            {"package_name", d.package_name},
            {"last_connected_ms", d.last_connected},
            {"push_allowed", d.push_allowed}};
}

api_result<std::size_t> seed_devices(emulator_state& state, json::value const& seed, time_ms now) {
    struct app_plan {
        app_config config;
        std::vector<device> devices;
        std::vector<std::pair<std::string, std::vector<std::string>>> tags;
    };
    if (!seed.is_object())
        return field_error("", "the seed must be a JSON object {\"apps\":{…}}");
    for (auto const& [key, value] : seed.get_object()) {
        (void)value;
        if (key != "apps")
            return field_error(std::string(key), "is not a seed field (expected \"apps\")");
    }
    auto const* apps = seed.get_object().if_contains("apps");
    if (!apps || !apps->is_object())
        return field_error("apps", "must be an object keyed by App Key");
    // Validate everything before touching the state.
    std::vector<app_plan> plans;
    for (auto const& [key, value] : apps->get_object()) {
        std::string const path = "apps." + std::string(key);
        if (!value.is_object())
            return field_error(path, "must be an object");
        auto const& o = value.get_object();
        app_plan plan;
        auto const* existing = state.find_app(key);
        plan.config = existing ? existing->config : app_config{std::string(key), "", true, {}, {}};
        if (auto r = apply_app_fields(o, path, plan.config, !existing, {"devices", "tags"}); !r)
            return r.error();
        if (auto const* devices = o.if_contains("devices")) {
            auto parsed = parse_devices(*devices, path + ".devices", now);
            if (!parsed)
                return parsed.error();
            plan.devices = std::move(*parsed);
        }
        if (auto const* tags = o.if_contains("tags")) {
            if (!tags->is_object())
                return field_error(path + ".tags", "must be an object of user id → tag list");
            for (auto const& [user, list] : tags->get_object()) {
                auto parsed = parse_tag_list(&list, path + ".tags." + std::string(user),
                                             "emulator/control");
                if (!parsed)
                    return parsed.error();
                plan.tags.emplace_back(std::string(user), std::move(*parsed));
            }
        }
        plans.push_back(std::move(plan));
    }
    std::size_t count = 0;
    for (auto& plan : plans) {
        app_state& app = state.upsert_app(std::move(plan.config));
        for (auto const& d : plan.devices)
            app.registry.upsert(d);
        for (auto const& [user, tags] : plan.tags)
            app.registry.set_tags(user, tags);
        count += plan.devices.size();
    }
    return count;
}

} // namespace push::core
