// The notification.android reader and its vendor blocks (hw, honor, mi, oppo, vivo, fcm).
#include "core/public_api/push_parser_android.hpp"

#include "core/public_api/push_parser_url.hpp"

#include <algorithm>

namespace push::core {
namespace {

using std::string_view_literals::operator""sv;

void read_hw_category(object_reader& r, std::optional<std::string>& out) {
    constexpr std::string_view rule = "notification.android.hw.category/format";
    std::optional<std::string> s;
    r.read_string("category", s, rule);
    if (!s)
        return;
    // notification.android.hw.category/format: category 取值必须为大写字母,例如 IM
    bool const upper = std::all_of(s->begin(), s->end(),
                                   [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
    if (!upper)
        return r.fail_member("category", "must contain only upper-case letters and '_'", rule);
    out = std::move(s);
}

void parse_hw(object_reader& r, hw_options& hw) {
    r.read_string("channelId", hw.channel_id, "notification.android.hw.channelId/type");
    // notification.android.hw.importance/values: 取值 NORMAL、LOW
    r.read_string_in("importance", hw.importance, {"NORMAL"sv, "LOW"sv},
                     "notification.android.hw.importance/values");
    // notification.android.hw.image/https: URL 使用的协议必须是 HTTPS 协议
    r.read_https_url("image", hw.image, "notification.android.hw.image/https");
    read_hw_category(r, hw.category);
}

void parse_honor(object_reader& r, honor_options& honor) {
    // notification.android.honor.importance/values: NORMAL、LOW
    r.read_string_in("importance", honor.importance, {"NORMAL"sv, "LOW"sv},
                     "notification.android.honor.importance/values");
    // notification.android.honor.image/https: URL 使用的协议必须是 HTTPS 协议
    r.read_https_url("image", honor.image, "notification.android.honor.image/https");
}

void parse_mi(object_reader& r, mi_options& mi) {
    r.read_string("channelId", mi.channel_id, "notification.android.mi.channelId/type");
    // notification.android.mi.large_icon_uri/url [D-13]: the page names no scheme here.
    read_image_url(r, "large_icon_uri", mi.large_icon_uri,
                   "notification.android.mi.large_icon_uri/url",
                   "notification.android.mi.large_icon_uri/url");
}

void parse_oppo(object_reader& r, oppo_options& oppo) {
    r.read_string("channelId", oppo.channel_id, "notification.android.oppo.channelId/type");
    r.read_string("category", oppo.category, "notification.android.oppo.category/type");
    // notification.android.oppo.notify_level/values: 1 通知栏、2 通知栏+锁屏、16 …
    r.read_int_in("notify_level", oppo.notify_level, {1, 2, 16},
                  "notification.android.oppo.notify_level/values");
}

void read_vivo_classification(object_reader& r, std::optional<std::string>& out) {
    constexpr std::string_view rule = "notification.android.vivo.classification/values";
    json::value const* v = r.find("classification");
    if (!v)
        return;
    std::optional<std::int64_t> const n = as_int64(*v);
    if (n && (*n == 0 || *n == 1)) {
        // body/lenient-coercions [D-11]: the integers 0/1 only in lenient.
        if (r.context().profile == profile::strict)
            return r.fail_member("classification",
                                 "must be the string \"0\" or \"1\" (integers are accepted only "
                                 "in the lenient profile)",
                                 "body/lenient-coercions");
        r.context().coerced = true;
        out = std::to_string(*n);
        return;
    }
    // notification.android.vivo.classification/values: 可选值 0 和 1
    if (!v->is_string() || (v->get_string() != "0" && v->get_string() != "1"))
        return r.fail_member("classification", "must be \"0\" or \"1\"", rule);
    out = std::string(v->get_string());
}

void parse_vivo(object_reader& r, vivo_options& vivo) {
    read_vivo_classification(r, vivo.classification);
    r.read_string("category", vivo.category, "notification.android.vivo.category/type");
    // notification.android.vivo.category/requires-classification:
    // 如果指定 category ,必须同时传入与当前二级分类匹配的 classification 字段的值
    if (r.ok() && vivo.category && !vivo.classification)
        r.fail_member("classification", "is required when " + r.path_of("category") + " is set",
                      "notification.android.vivo.category/requires-classification");
}

void parse_fcm(object_reader& r, fcm_options& fcm) {
    r.read_string("channelId", fcm.channel_id, "notification.android.fcm.channelId/type");
    r.read_string("collapse_key", fcm.collapse_key, "notification.android.fcm.collapse_key/type");
    // notification.android.fcm.imageUrl/url [D-13]: the page names no scheme here.
    read_image_url(r, "imageUrl", fcm.image_url, "notification.android.fcm.imageUrl/url",
                   "notification.android.fcm.imageUrl/url");
}

} // namespace

void parse_android(object_reader& r, android_options& android) {
    r.read_string("alert", android.alert, "notification.android.alert/type");
    // A vendor block that is not an object is a malformed android object
    // (notification.android/type); its path names the block.
    constexpr std::string_view block_rule = "notification.android/type";
    r.read_child("hw", android.hw, block_rule, parse_hw);
    r.read_child("honor", android.honor, block_rule, parse_honor);
    r.read_child("mi", android.mi, block_rule, parse_mi);
    r.read_child("oppo", android.oppo, block_rule, parse_oppo);
    r.read_child("vivo", android.vivo, block_rule, parse_vivo);
    r.read_child("fcm", android.fcm, block_rule, parse_fcm);
    r.read_extras("extras", android.extras, "notification.android.extras/type");
}

} // namespace push::core
