#include "core/model/device_seed.hpp"

#include "core/model/app_settings.hpp"
#include "core/model/duration.hpp"
#include "core/model/tags.hpp"

namespace push::core {
namespace {

constexpr std::string_view rule = "emulator/control";

api_error field_error(std::string const& path, std::string const& what) {
    return errors::bad_control_request(path, path + " " + what);
}

/// platform and channel: at least one, and consistent (apns → ios, ohos → harmonyos, the
/// vendor channels → android).
api_result<void> resolve_target(std::optional<std::string> const& plat,
                                std::optional<std::string> const& chan, std::string const& path,
                                device& d) {
    bool const has_platform = plat && !plat->empty(), has_channel = chan && !chan->empty();
    if (!has_platform && !has_channel)
        return field_error(member_path(path, "platform"), "is required (or give a channel)");
    std::optional<platform> p;
    if (has_platform && !(p = parse_platform(*plat)))
        return field_error(member_path(path, "platform"), "must be ios, android or harmonyos");
    std::optional<channel> c;
    if (has_channel && !(c = parse_channel(*chan)))
        return field_error(member_path(path, "channel"),
                           "must be apns, fcm, hw (or hms), honor, mi, oppo, vivo or ohos");
    if (p && c && platform_of(*c) != *p)
        return field_error(member_path(path, "channel"),
                           "is " + std::string(to_string(*c)) + ", which serves " +
                               std::string(to_string(platform_of(*c))) + " devices, not " +
                               std::string(to_string(*p)));
    d.os = p ? *p : platform_of(*c);
    d.vendor = c ? *c : default_channel(*p);
    return {};
}

/// last_connected_ms: milliseconds since the Unix epoch; or last_connected: a time relative to
/// the emulator clock ("-40d", "-2h30m"), so a seed means the same whenever it is loaded; `now`
/// when both are absent.
void read_last_connected(object_reader& r, time_ms now, time_ms& out) {
    out = now;
    json::value const* ms = r.find("last_connected_ms");
    json::value const* relative = r.find("last_connected");
    if (ms && relative)
        return r.fail_member("last_connected",
                             "and last_connected_ms cannot both be given: choose one", rule);
    if (ms) {
        if (!ms->is_int64() || ms->get_int64() < 0)
            return r.fail_member("last_connected_ms",
                                 "must be milliseconds since the Unix epoch (an integer >= 0)",
                                 rule);
        out = ms->get_int64();
        return;
    }
    if (!relative)
        return;
    auto const ago = relative->is_string() ? parse_duration_text(relative->get_string())
                                           : std::optional<time_ms>();
    if (!ago || *ago > 0 || now + *ago < 0)
        return r.fail_member("last_connected",
                             "must be a time before the emulator clock, like \"-40d\" or "
                             "\"-2h30m\" (units ms, s, m, h, d)",
                             rule);
    out = now + *ago;
}

} // namespace

api_result<device> parse_device(json::value const& v, std::string const& path, time_ms now) {
    if (!v.is_object())
        return field_error(path, "must be an object");
    read_context ctx{profile::lenient, read_mode::exact, {}};
    object_reader r(v.get_object(), path, ctx);
    device d;
    r.require_string("id", d.id, rule, max_device_id_bytes);
    r.require_string("user_id", d.user_id, rule, max_user_id_bytes);
    std::optional<std::string> plat, chan, package;
    r.read_string("platform", plat, rule, 32);
    r.read_string("channel", chan, rule, 32);
    r.read_string("package_name", package, rule, 256);
    read_last_connected(r, now, d.last_connected);
    std::optional<bool> allowed;
    r.read_bool("push_allowed", allowed, rule);
    if (auto done = r.finish(); !done)
        return done.error();
    if (auto target = resolve_target(plat, chan, path, d); !target)
        return target.error();
    d.package_name = package.value_or("");
    d.push_allowed = allowed.value_or(true);
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
        auto d = parse_device(a[i], element_path(path, i), now);
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

namespace {

/// What one app of a seed document will do to the state, validated before anything is applied.
struct app_plan {
    app_config config;
    std::vector<device> devices;
    std::vector<std::pair<std::string, std::vector<std::string>>> tags;
};

api_result<app_plan> plan_app(emulator_state const& state, std::string_view key,
                              json::value const& value, time_ms now) {
    std::string const path = "apps." + std::string(key);
    if (!value.is_object())
        return field_error(path, "must be an object");
    read_context ctx{profile::lenient, read_mode::exact, {}};
    object_reader r(value.get_object(), path, ctx);
    app_plan plan;
    auto const existing = state.apps.find(key);
    bool const creating = existing == state.apps.end();
    plan.config =
        creating ? app_config{std::string(key), "", true, {}, {}} : existing->second.config;
    read_app_fields(r, plan.config, creating);
    json::value const* devices = r.find("devices");
    json::value const* tags = r.find("tags");
    if (auto done = r.finish(); !done)
        return done.error();
    if (devices) {
        auto parsed = parse_devices(*devices, path + ".devices", now);
        if (!parsed)
            return parsed.error();
        plan.devices = std::move(*parsed);
    }
    if (tags && !tags->is_object())
        return field_error(path + ".tags", "must be an object of user id → tag list");
    if (tags)
        for (auto const& [user, list] : tags->get_object()) {
            auto parsed = parse_tag_list(&list, path + ".tags." + std::string(user), rule);
            if (!parsed)
                return parsed.error();
            plan.tags.emplace_back(std::string(user), std::move(*parsed));
        }
    return plan;
}

} // namespace

api_result<std::size_t> seed_devices(emulator_state& state, json::value const& seed, time_ms now) {
    if (!seed.is_object())
        return field_error("", "the seed must be a JSON object {\"apps\":{…}}");
    read_context ctx{profile::lenient, read_mode::exact, {}};
    object_reader r(seed.get_object(), "", ctx);
    json::value const* apps = r.find("apps");
    if (auto done = r.finish(); !done)
        return done.error();
    if (!apps || !apps->is_object())
        return field_error("apps", "must be an object keyed by App Key");
    // Validate everything before touching the state.
    std::vector<app_plan> plans;
    for (auto const& [key, value] : apps->get_object()) {
        auto plan = plan_app(state, key, value, now);
        if (!plan)
            return plan.error();
        plans.push_back(std::move(*plan));
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
