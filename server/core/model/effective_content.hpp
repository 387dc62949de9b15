// The notification each platform's devices would show after the page's fallbacks
// (notification/effective-content), as the journal records it.
#pragma once

#include "core/model/audience.hpp"
#include "core/model/json.hpp"
#include "core/model/push.hpp"

#include <vector>

namespace push::core {

/// {"ios":{…},"android":{…},"harmonyos":{…}} for the listed platforms: platform alert over
/// notification.alert, ios.title over notification.title, the documented defaults
/// (interruption-level "active", hw.importance "NORMAL", vivo.classification "0",
/// contentAvailable 0) and each vendor channel's options. Unset values are null.
json::object effective_content(notification const& n, std::vector<platform> const& platforms);

/// What a notification shows on the lock screen of each listed platform, for the console's
/// previews: {"ios":{"title","text","badge","image"},"android":{…},"harmonyos":{…}} from the
/// effective content (the iOS image is ios.richMediaUri; Android's the first image a vendor
/// channel is given: hw, honor, fcm, then mi's large icon). Unset values are null.
json::object notification_preview(notification const& n, std::vector<platform> const& platforms);

/// The content a device on channel `c` shows: its platform's content, and of the vendor options
/// only those of `c` ({"title","alert","force_show_push_content","extras","hw":{…}} for hw).
json::object channel_content(notification const& n, channel c);

/// The platforms whose content an accepted push shows: those requested, plus, for a userid
/// audience (which ignores platform, audience/userid-wins), every platform it reached.
std::vector<platform> shown_platforms(push_request const& push, recipients const& reached);

} // namespace push::core
