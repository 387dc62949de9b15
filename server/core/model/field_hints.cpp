#include "core/model/field_hints.hpp"

#include "core/model/text.hpp"

#include <algorithm>

namespace push::core {
namespace {

// Every field the reference page documents, by JSON path.
constexpr std::string_view documented[] = {
    "platform",
    "audience",
    "audience.tag",
    "audience.tag_or",
    "audience.userid",
    "audience.packageName",
    "audience.is_to_all",
    "notification",
    "notification.title",
    "notification.forceShowPushContent",
    "notification.alert",
    "notification.ios",
    "notification.ios.title",
    "notification.ios.contentAvailable",
    "notification.ios.alert",
    "notification.ios.badge",
    "notification.ios.thread-id",
    "notification.ios.apns-collapse-id",
    "notification.ios.category",
    "notification.ios.richMediaUri",
    "notification.ios.interruption-level",
    "notification.ios.extras",
    "notification.android",
    "notification.android.alert",
    "notification.android.honor",
    "notification.android.honor.importance",
    "notification.android.honor.image",
    "notification.android.hw",
    "notification.android.hw.channelId",
    "notification.android.hw.importance",
    "notification.android.hw.image",
    "notification.android.hw.category",
    "notification.android.mi",
    "notification.android.mi.channelId",
    "notification.android.mi.large_icon_uri",
    "notification.android.oppo",
    "notification.android.oppo.channelId",
    "notification.android.oppo.category",
    "notification.android.oppo.notify_level",
    "notification.android.vivo",
    "notification.android.vivo.classification",
    "notification.android.vivo.category",
    "notification.android.fcm",
    "notification.android.fcm.channelId",
    "notification.android.fcm.collapse_key",
    "notification.android.fcm.imageUrl",
    "notification.android.extras",
    "notification.harmonyOS",
    "notification.harmonyOS.alert",
    "notification.harmonyOS.ohos",
    "notification.harmonyOS.ohos.category",
    "notification.harmonyOS.ohos.image",
    "notification.harmonyOS.extras",
};

/// The part after the last '.', and the part before it ("" at the top).
std::string_view key_of(std::string_view path) {
    auto const dot = path.rfind('.');
    return dot == std::string_view::npos ? path : path.substr(dot + 1);
}
std::string_view parent_of(std::string_view path) {
    auto const dot = path.rfind('.');
    return dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
}

/// Lower case, without '-' and '_': "thread-id", "threadId" and "thread_id" are alike.
std::string normalized(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key)
        if (c != '-' && c != '_')
            out += ascii_lower(c);
    return out;
}

bool within(std::string_view path, std::string_view parent) {
    if (parent.empty())
        return true;
    return path.size() > parent.size() && path.substr(0, parent.size()) == parent &&
           path[parent.size()] == '.';
}

/// The documented paths whose key is `key` (normalized) and that `where` accepts.
template <class Where> std::vector<std::string> alike(std::string const& key, Where where) {
    std::vector<std::string> out;
    for (auto d : documented) {
        if (normalized(key_of(d)) != key || !where(d))
            continue;
        if (std::find(out.begin(), out.end(), d) == out.end())
            out.emplace_back(d);
    }
    return out;
}

} // namespace

std::vector<std::string> did_you_mean(std::string_view ignored_path) {
    auto const parent = parent_of(ignored_path);
    std::string key = normalized(key_of(ignored_path));
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (auto v = alike(key, [&](std::string_view d) { return parent_of(d) == parent; });
            !v.empty())
            return v;
        if (auto v = alike(key, [&](std::string_view d) { return within(d, parent); }); !v.empty())
            return v;
        if (auto v = alike(key, [&](std::string_view d) { return d != ignored_path; }); !v.empty())
            return v;
        // A plural of a documented name: "tags", "userIds", "platforms".
        if (key.size() < 2 || key.back() != 's')
            break;
        key.pop_back();
    }
    return {};
}

} // namespace push::core
