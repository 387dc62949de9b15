// App configuration as the control API and the seed file read and show it:
// {"secret","push_enabled","per_hour","per_day","profile"}.
#pragma once

#include "core/api.hpp"
#include "core/emulator_state.hpp"

#include <initializer_list>
#include <string_view>

namespace push::core {

/// Applies the members of `o` to `config`; `path` prefixes field names in errors ("" for a body,
/// "apps.k1" in a seed file). A new app needs a secret. Members in `also_allowed` are skipped;
/// any other unknown member is an error.
api_result<void> apply_app_fields(json::object const& o, std::string const& path,
                                  app_config& config, bool creating,
                                  std::initializer_list<std::string_view> also_allowed = {});

/// {"key","secret","push_enabled","per_hour","per_day","profile"}; profile is the effective one.
json::object app_json(app_state const& app, server_settings const& settings);

/// "a.b" or "b" when `parent` is empty.
std::string join_path(std::string const& parent, std::string_view key);

} // namespace push::core
