// The documented fields of a /push.json body (shared/spec/push-json.zh.txt), for the hint given
// with an ignored unknown field [D-11]: the documented field the client most likely meant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace push::core {

/// The documented fields an ignored field's JSON path most likely stands for: same name once
/// case, '-' and '_' are set aside (and a plural 's'), first beside it ("threadId" →
/// "notification.ios.thread-id"), then inside it ("notification.android.channelId" → the
/// channelId of hw, mi, oppo and fcm), then anywhere in the body. Empty when nothing is alike.
std::vector<std::string> did_you_mean(std::string_view ignored_path);

} // namespace push::core
