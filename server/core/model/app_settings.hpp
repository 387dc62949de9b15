// The one schema of an app's settings, read from the config file ("apps":[…]), the control API
// (PUT /_emulator/apps/{key}) and the seed file ("apps":{"<key>":{…}}), with one set of
// messages: {"secret","push_enabled","per_hour","per_day","profile"}.
#pragma once

#include "core/model/json_reader.hpp"
#include "core/model/state.hpp"

namespace push::core {

/// Reads the app settings among the members of `r`'s object into `config`. A new app
/// (`creating`) needs a secret; `"profile": null` goes back to the server's --profile. The
/// caller reads its own members (key, devices, tags) and calls `r.finish()`.
void read_app_fields(object_reader& r, app_config& config, bool creating);

/// {"key","secret","push_enabled","per_hour","per_day","profile","devices","journal"}; profile is
/// the effective one; journal says how much it holds and how many entries each limit evicted.
/// "secret" is there only `with_secret`.
json::object app_json(app_state const& app, server_settings const& settings, bool with_secret);

} // namespace push::core
