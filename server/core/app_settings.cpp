#include "core/app_settings.hpp"

#include <algorithm>

namespace push::core {

std::string join_path(std::string const& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

namespace {

api_result<std::uint32_t> limit_of(json::value const& v, std::string const& path) {
    if (v.is_int64() && v.get_int64() >= 0 && v.get_int64() <= UINT32_MAX)
        return static_cast<std::uint32_t>(v.get_int64());
    return errors::bad_control_request(path, path + " must be an integer from 0 (unlimited) to " +
                                                 std::to_string(UINT32_MAX));
}

} // namespace

api_result<void> apply_app_fields(json::object const& o, std::string const& path,
                                  app_config& config, bool creating,
                                  std::initializer_list<std::string_view> also_allowed) {
    for (auto const& [key, value] : o) {
        std::string const p = join_path(path, key);
        if (key == "secret") {
            if (!value.is_string() || value.get_string().empty())
                return errors::bad_control_request(p, p + " must be a non-empty string");
            config.secret = value.get_string();
        } else if (key == "push_enabled") {
            if (!value.is_bool())
                return errors::bad_control_request(p, p + " must be true or false");
            config.push_enabled = value.get_bool();
        } else if (key == "per_hour" || key == "per_day") {
            auto limit = limit_of(value, p);
            if (!limit)
                return limit.error();
            (key == "per_hour" ? config.limits.per_hour : config.limits.per_day) = *limit;
        } else if (key == "profile") {
            if (value.is_null()) {
                config.profile.reset(); // back to the server's --profile
                continue;
            }
            auto prof = value.is_string() ? parse_profile(value.get_string()) : std::nullopt;
            if (!prof)
                return errors::bad_control_request(p, p + " must be \"lenient\" or \"strict\"");
            config.profile = *prof;
        } else if (std::find(also_allowed.begin(), also_allowed.end(), std::string_view(key)) ==
                   also_allowed.end()) {
            return errors::bad_control_request(p, "unknown field " + p);
        }
    }
    if (creating && config.secret.empty())
        return errors::bad_control_request(join_path(path, "secret"),
                                           join_path(path, "secret") +
                                               " is required to create an app");
    return {};
}

json::object app_json(app_state const& app, server_settings const& settings) {
    auto const& c = app.config;
    return {{"key", c.key},
            {"secret", c.secret},
            {"push_enabled", c.push_enabled},
            {"per_hour", c.limits.per_hour},
            {"per_day", c.limits.per_day},
            {"profile", to_string(app.effective_profile(settings))},
            {"devices", app.registry.device_count()}};
}

} // namespace push::core
