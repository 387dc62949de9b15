// Typed model of an accepted /push.json body: every field of the reference page
// (shared/spec/push-json.zh.txt). public_api/push_parser.hpp builds it; the journal keeps it.
#pragma once

#include "core/model/platform.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace push::core {

/// An `extras` object as compact JSON text: kept as received, never read by the service.
using json_text = std::string;

struct audience {
    std::vector<std::string> tag;    // AND
    std::vector<std::string> tag_or; // OR
    std::vector<std::string> userid; // wins over tags and packageName; platform ignored
    std::string package_name;        // "" = not set
    bool is_to_all = false;          // true ignores every other condition
};

struct ios_options {
    std::optional<std::string> title; // overrides notification.title
    std::optional<int> content_available;
    std::optional<std::string> alert; // overrides notification.alert
    std::optional<std::int64_t> badge;
    std::optional<std::string> thread_id;
    std::optional<std::string> apns_collapse_id;
    std::optional<std::string> category;
    std::optional<std::string> rich_media_uri;
    std::optional<std::string> interruption_level;
    std::optional<json_text> extras;
};

struct hw_options {
    std::optional<std::string> channel_id, importance, image, category;
};
struct honor_options {
    std::optional<std::string> importance, image;
};
struct mi_options {
    std::optional<std::string> channel_id, large_icon_uri;
};
struct oppo_options {
    std::optional<std::string> channel_id, category;
    std::optional<int> notify_level;
};
struct vivo_options {
    std::optional<std::string> classification, category;
};
struct fcm_options {
    std::optional<std::string> channel_id, collapse_key, image_url;
};

struct android_options {
    std::optional<std::string> alert;
    std::optional<hw_options> hw;
    std::optional<honor_options> honor;
    std::optional<mi_options> mi;
    std::optional<oppo_options> oppo;
    std::optional<vivo_options> vivo;
    std::optional<fcm_options> fcm;
    std::optional<json_text> extras;
};

struct ohos_options {
    std::optional<std::string> category, image;
};

struct harmony_options {
    std::optional<std::string> alert;
    std::optional<ohos_options> ohos;
    std::optional<json_text> extras;
};

struct notification {
    std::optional<std::string> title;
    int force_show_push_content = 0;
    std::optional<std::string> alert;
    std::optional<ios_options> ios;
    std::optional<android_options> android;
    std::optional<harmony_options> harmony_os;
};

struct push_request {
    std::vector<platform> platforms; // de-duplicated, in request order
    struct audience audience;
    struct notification notification;
};

/// Limits of the reference page and FACTS §4.
inline constexpr std::size_t max_tags = 20;          // audience.tag, audience.tag_or
inline constexpr std::size_t max_user_ids = 1000;    // audience.userid
inline constexpr std::size_t max_user_id_bytes = 64; // each audience.userid entry
inline constexpr std::size_t max_title_chars = 50;   // notification.title, in code points
inline constexpr std::int64_t max_badge = 9999;      // notification.ios.badge

/// The alert text a platform shows (notification/effective-content): its own `alert` when set,
/// else `notification.alert`, else "".
std::string_view effective_alert(notification const& n, platform p) noexcept;

/// The title a platform shows: `ios.title` overrides `notification.title` on iOS.
std::optional<std::string> effective_title(notification const& n, platform p);

} // namespace push::core
