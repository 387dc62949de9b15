#include "core/model/effective_content.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace push::core {
namespace {

template <class T> json::value opt(std::optional<T> const& v) {
    if (!v)
        return nullptr;
    return json::value_from(*v);
}

/// An `extras` object, kept as compact JSON text, as JSON again.
json::value opt_object(std::optional<json_text> const& v) {
    return v ? json::parse(*v) : json::value(nullptr);
}

json::value text_or_null(std::string_view s) {
    return s.empty() ? json::value(nullptr) : json::value(json::string(s));
}

json::object ios_content(notification const& n) {
    ios_options const none;
    ios_options const& o = n.ios ? *n.ios : none;
    return {
        {"title", opt(effective_title(n, platform::ios))},
        {"alert", text_or_null(effective_alert(n, platform::ios))},
        {"badge", opt(o.badge)},
        {"thread_id", opt(o.thread_id)},
        {"interruption_level", o.interruption_level.value_or("active")},
        {"content_available", o.content_available.value_or(0)},
        {"force_show_push_content", n.force_show_push_content},
        {"category", opt(o.category)},
        // A category makes APNs carry mutable-content: 1 (notification.ios.category).
        {"mutable_content", o.category ? 1 : 0},
        {"rich_media_uri", opt(o.rich_media_uri)},
        {"apns_collapse_id", opt(o.apns_collapse_id)},
        {"extras", opt_object(o.extras)},
    };
}

json::object vendor_channels(android_options const& a) {
    hw_options const hw = a.hw.value_or(hw_options{});
    honor_options const honor = a.honor.value_or(honor_options{});
    mi_options const mi = a.mi.value_or(mi_options{});
    oppo_options const oppo = a.oppo.value_or(oppo_options{});
    vivo_options const vivo = a.vivo.value_or(vivo_options{});
    fcm_options const fcm = a.fcm.value_or(fcm_options{});
    return {
        {"hw",
         {{"channel_id", opt(hw.channel_id)},
          {"importance", hw.importance.value_or("NORMAL")},
          {"image", opt(hw.image)},
          {"category", opt(hw.category)}}},
        {"honor", {{"importance", opt(honor.importance)}, {"image", opt(honor.image)}}},
        {"mi", {{"channel_id", opt(mi.channel_id)}, {"large_icon_uri", opt(mi.large_icon_uri)}}},
        {"oppo",
         {{"channel_id", opt(oppo.channel_id)},
          {"category", opt(oppo.category)},
          {"notify_level", opt(oppo.notify_level)}}},
        {"vivo",
         {{"classification", vivo.classification.value_or("0")}, {"category", opt(vivo.category)}}},
        {"fcm",
         {{"channel_id", opt(fcm.channel_id)},
          {"collapse_key", opt(fcm.collapse_key)},
          {"image_url", opt(fcm.image_url)}}},
    };
}

json::object android_content(notification const& n) {
    android_options const none;
    android_options const& o = n.android ? *n.android : none;
    return {
        {"title", opt(effective_title(n, platform::android))},
        {"alert", text_or_null(effective_alert(n, platform::android))},
        {"force_show_push_content", n.force_show_push_content},
        {"extras", opt_object(o.extras)},
        {"channels", vendor_channels(o)},
    };
}

json::object harmony_content(notification const& n) {
    harmony_options const none;
    harmony_options const& o = n.harmony_os ? *n.harmony_os : none;
    ohos_options const ohos = o.ohos.value_or(ohos_options{});
    return {
        {"title", opt(effective_title(n, platform::harmonyos))},
        {"alert", text_or_null(effective_alert(n, platform::harmonyos))},
        {"force_show_push_content", n.force_show_push_content},
        {"ohos", {{"category", opt(ohos.category)}, {"image", opt(ohos.image)}}},
        {"extras", opt_object(o.extras)},
    };
}

} // namespace

// notification/effective-content: 以对应平台系统的 alert 为准 / 优先级高于 notification.title
json::object effective_content(notification const& n, std::vector<platform> const& platforms) {
    json::object out;
    for (auto p : platforms) {
        switch (p) {
        case platform::ios:
            out["ios"] = ios_content(n);
            break;
        case platform::android:
            out["android"] = android_content(n);
            break;
        case platform::harmonyos:
            out["harmonyos"] = harmony_content(n);
            break;
        }
    }
    return out;
}

json::object notification_preview(notification const& n, std::vector<platform> const& platforms) {
    json::object out;
    for (auto p : platforms) {
        json::value badge = nullptr;
        std::optional<std::string> image;
        if (p == platform::ios && n.ios) {
            badge = opt(n.ios->badge);
            image = n.ios->rich_media_uri;
        } else if (p == platform::android && n.android) {
            auto const& a = *n.android;
            for (auto const& candidate :
                 {a.hw ? a.hw->image : std::nullopt, a.honor ? a.honor->image : std::nullopt,
                  a.fcm ? a.fcm->image_url : std::nullopt,
                  a.mi ? a.mi->large_icon_uri : std::nullopt})
                if (!image && candidate)
                    image = candidate;
        } else if (p == platform::harmonyos && n.harmony_os && n.harmony_os->ohos) {
            image = n.harmony_os->ohos->image;
        }
        out[to_string(p)] = json::object{{"title", opt(effective_title(n, p))},
                                         {"text", text_or_null(effective_alert(n, p))},
                                         {"badge", std::move(badge)},
                                         {"image", opt(image)}};
    }
    return out;
}

json::object channel_content(notification const& n, channel c) {
    switch (platform_of(c)) {
    case platform::ios:
        return ios_content(n);
    case platform::harmonyos:
        return harmony_content(n);
    case platform::android:
        break;
    }
    json::object content = android_content(n);
    json::object channels = std::move(content["channels"].as_object());
    content.erase("channels");
    auto const name = to_string(c);
    content[name] = std::move(channels[name]);
    return content;
}

std::vector<platform> shown_platforms(push_request const& push, recipients const& reached) {
    std::vector<platform> shown = push.platforms;
    if (push.audience.is_to_all || push.audience.userid.empty())
        return shown;
    for (auto p : all_platforms)
        if (reached.by_platform[index_of(p)] != 0 &&
            std::find(shown.begin(), shown.end(), p) == shown.end())
            shown.push_back(p);
    return shown;
}

} // namespace push::core
