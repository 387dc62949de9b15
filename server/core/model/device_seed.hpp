// Devices and user tags from JSON: the control API's bulk upsert and the --devices seed file.
//
// Seed file: {"apps":{"<key>":{"secret":"…"?, "devices":[{device}…], "tags":{"u1":["a"]}}}}
// An app missing from the emulator is created when its entry has a "secret" (and may carry the
// other app fields of PUT /_emulator/apps/{key}). Device: {"id","user_id","platform","channel",
// "package_name","last_connected_ms" or "last_connected" ("-40d"),"push_allowed"} — see
// docs/state.md.
#pragma once

#include "core/model/message.hpp"
#include "core/model/registry.hpp"
#include "core/model/state.hpp"

#include <cstddef>
#include <vector>

namespace push::core {

constexpr std::size_t max_device_id_bytes = 128;

/// One device object; errors name `path.field` (e.g. `devices[3].platform`). Defaults:
/// last_connected_ms = now (or `now` plus a relative last_connected), push_allowed = true,
/// package_name = "", channel from platform (ios → apns, android → fcm, harmonyos → ohos), platform
/// from channel.
api_result<device> parse_device(json::value const& v, std::string const& path, time_ms now);

/// An array of devices at `path`.
api_result<std::vector<device>> parse_devices(json::value const& v, std::string const& path,
                                              time_ms now);

/// device → the JSON the control API shows.
json::object device_json(device const& d);

/// Loads a seed document into the state: validates all of it first, then applies it (all or
/// nothing). Answers the number of devices upserted.
api_result<std::size_t> seed_devices(emulator_state& state, json::value const& seed, time_ms now);

} // namespace push::core
