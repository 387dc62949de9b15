#include "core/model/app_settings.hpp"

namespace push::core {
namespace {

constexpr std::string_view rule = "emulator/control";

void read_limit(object_reader& r, std::string_view key, std::uint32_t& out) {
    // quota/per-hour, quota/per-day: 0 means unlimited.
    std::optional<std::int64_t> limit;
    r.read_int_range(key, limit, 0, UINT32_MAX, rule);
    if (limit)
        out = static_cast<std::uint32_t>(*limit);
}

} // namespace

void read_app_fields(object_reader& r, app_config& config, bool creating) {
    if (auto const* secret = r.find("secret")) {
        if (!secret->is_string() || secret->get_string().empty())
            r.fail_member("secret", "must be a non-empty string", rule);
        else
            config.secret = secret->get_string();
    }
    if (r.ok() && creating && config.secret.empty())
        r.fail_member("secret", "is required to create an app", rule);
    std::optional<bool> enabled;
    r.read_bool("push_enabled", enabled, rule);
    config.push_enabled = enabled.value_or(config.push_enabled);
    read_limit(r, "per_hour", config.limits.per_hour);
    read_limit(r, "per_day", config.limits.per_day);
    if (auto const* p = r.raw("profile"); p && r.ok()) {
        auto parsed = p->is_string() ? parse_profile(p->get_string()) : std::nullopt;
        if (p->is_null())
            config.profile.reset(); // back to the server's --profile
        else if (!parsed)
            r.fail_member("profile", "must be \"lenient\" or \"strict\"", rule);
        else
            config.profile = *parsed;
    }
}

json::object app_json(app_state const& app, server_settings const& settings, bool with_secret) {
    auto const& c = app.config;
    json::object out{{"key", c.key},
                     {"push_enabled", c.push_enabled},
                     {"per_hour", c.limits.per_hour},
                     {"per_day", c.limits.per_day},
                     {"profile", to_string(app.effective_profile(settings))},
                     {"devices", app.registry.device_count()},
                     {"journal",
                      {{"entries", app.journal.entries().size()},
                       {"bytes", app.journal.bytes()},
                       {"evicted_by_count", app.journal.evicted_by_count()},
                       {"evicted_by_bytes", app.journal.evicted_by_bytes()}}}};
    if (with_secret)
        out["secret"] = c.secret;
    return out;
}

} // namespace push::core
