// The /push.json body parser. Each reader checks one object of the reference page
// (shared/spec/push-json.zh.txt); rule IDs are those of fixtures/requirements.md.
#include "core/public_api/push_parser.hpp"

#include "core/model/text.hpp"
#include "core/public_api/push_parser_android.hpp"
#include "core/public_api/push_parser_url.hpp"

#include <algorithm>

namespace push::core {

namespace {

using std::string_view_literals::operator""sv;

api_result<std::vector<platform>> parse_platforms(json::value const* v) {
    // platform/required: platform 必传
    if (!v || v->is_null() || (v->is_string() && v->get_string().empty()))
        return errors::missing_field("platform", "platform/required");
    // platform/type: String[]
    if (!v->is_array())
        return errors::wrong_type("platform", "an array of strings", "platform/type");
    json::array const& a = v->get_array();
    // platform/non-empty: iOS、Android 最少传递一个
    if (a.empty())
        return errors::bad_request("platform", "platform must list at least one platform",
                                   "platform/non-empty");
    std::vector<platform> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::string const path = element_path("platform", i);
        if (!a[i].is_string())
            return errors::wrong_type(path, "a string", "platform/type");
        // platform/values [D-10]: ios, android or harmonyos, case-insensitive.
        std::optional<platform> p = parse_platform(a[i].get_string());
        if (!p)
            return errors::bad_request(path, path + " must be ios, android or harmonyos",
                                       "platform/values");
        if (std::find(out.begin(), out.end(), *p) == out.end())
            out.push_back(*p);
    }
    return out;
}

void read_is_to_all(object_reader& r, bool& out) {
    json::value const* v = r.find("is_to_all");
    if (!v)
        return; // missing means false
    if (v->is_bool()) {
        out = v->get_bool();
        return;
    }
    bool const coercible =
        v->is_string() && (v->get_string() == "true" || v->get_string() == "false");
    // audience.is_to_all/type: Boolean
    if (!coercible)
        return r.fail_member("is_to_all", "must be a boolean", "audience.is_to_all/type");
    // body/lenient-coercions [D-11]: "true"/"false" accepted in lenient, rejected in strict.
    if (r.context().profile == profile::strict)
        return r.fail_member("is_to_all",
                             "must be a boolean (the strings \"true\"/\"false\" are accepted "
                             "only in the lenient profile)",
                             "body/lenient-coercions");
    r.context().coerced = true;
    out = v->get_string() == "true";
}

void parse_audience(object_reader& r, audience& a) {
    // audience.tag/max-count, audience.tag_or/max-count: 每次发送时最多发送 20 个标签
    r.read_strings("tag", a.tag, max_tags, "audience.tag/type", "audience.tag/max-count");
    r.read_strings("tag_or", a.tag_or, max_tags, "audience.tag_or/type",
                   "audience.tag_or/max-count");
    // audience.userid/max-count: 每次发送时最多发送 1000 个用户
    r.read_strings("userid", a.userid, max_user_ids, "audience.userid/type",
                   "audience.userid/max-count");
    std::optional<std::string> package_name;
    // audience.packageName/type: String
    r.read_string("packageName", package_name, "audience.packageName/type");
    read_is_to_all(r, a.is_to_all);
    if (!r.ok())
        return;
    a.package_name = package_name.value_or("");
    for (std::size_t i = 0; i < a.userid.size(); ++i) {
        // audience.userid/max-length (F§4): user ids at most 64 bytes.
        if (a.userid[i].size() > max_user_id_bytes)
            return r.fail(errors::too_long(element_path("audience.userid", i), max_user_id_bytes,
                                           "bytes", "audience.userid/max-length"));
    }
    // audience/condition-required (F§4): unless is_to_all, one condition must be set.
    if (!a.is_to_all && a.tag.empty() && a.tag_or.empty() && a.userid.empty() &&
        a.package_name.empty())
        r.fail(errors::bad_request(
            "audience",
            "audience needs one of tag, tag_or, userid, packageName unless is_to_all is true",
            "audience/condition-required"));
}

void parse_ios(object_reader& r, ios_options& ios) {
    r.read_string("title", ios.title, "notification.ios.title/type");
    // notification.ios.contentAvailable/values: 1 表示为开启,0 表示为关闭
    r.read_int_in("contentAvailable", ios.content_available, {0, 1},
                  "notification.ios.contentAvailable/values");
    // notification.ios.alert/non-empty: 不能为空. Lenient reads "" as "not set" [D-11] (the Go
    // SDK sends it); strict, the documentation to the letter, refuses it.
    json::value const* raw_alert = r.raw("alert");
    bool const strict_empty = r.context().profile == profile::strict && raw_alert &&
                              raw_alert->is_string() && raw_alert->get_string().empty();
    r.read_string("alert", ios.alert, "notification.ios.alert/non-empty");
    if (strict_empty || (ios.alert && is_blank(*ios.alert)))
        r.fail_member("alert", "must not be empty", "notification.ios.alert/non-empty");
    // notification.ios.badge/type: int
    r.read_int("badge", ios.badge, "notification.ios.badge/type", "notification.ios.badge/range");
    // notification.ios.badge/range: 最大不超过 9999 (0 or negative clears the badge)
    if (ios.badge && *ios.badge > max_badge)
        r.fail_member("badge", "must be at most 9999", "notification.ios.badge/range");
    r.read_string("thread-id", ios.thread_id, "notification.ios.thread-id/type");
    r.read_string("apns-collapse-id", ios.apns_collapse_id,
                  "notification.ios.apns-collapse-id/type");
    r.read_string("category", ios.category, "notification.ios.category/type");
    // notification.ios.richMediaUri/url [D-13]: an image URL whose scheme the page leaves open.
    read_image_url(r, "richMediaUri", ios.rich_media_uri, "notification.ios.richMediaUri/type",
                   "notification.ios.richMediaUri/url");
    // notification.ios.interruption-level/values: passive、active、time-sensitive、critical
    r.read_string_in("interruption-level", ios.interruption_level,
                     {"passive"sv, "active"sv, "time-sensitive"sv, "critical"sv},
                     "notification.ios.interruption-level/values");
    r.read_extras("extras", ios.extras, "notification.ios.extras/type");
}

void parse_ohos(object_reader& r, ohos_options& ohos) {
    r.read_string("category", ohos.category, "notification.harmonyOS.ohos.category/type");
    // notification.harmonyOS.ohos.image/https: URL使用的协议必须是HTTPS协议
    r.read_https_url("image", ohos.image, "notification.harmonyOS.ohos.image/https");
}

void parse_harmony(object_reader& r, harmony_options& harmony) {
    r.read_string("alert", harmony.alert, "notification.harmonyOS.alert/type");
    // An ohos block that is not an object is a malformed harmonyOS object.
    r.read_child("ohos", harmony.ohos, "notification.harmonyOS/type", parse_ohos);
    r.read_extras("extras", harmony.extras, "notification.harmonyOS.extras/type");
}

void parse_notification(object_reader& r, notification& n) {
    r.read_string("title", n.title, "notification.title/type");
    // notification.title/max-length: 最长不超过 50 个字符 (code points) [D-4]
    if (n.title && code_points(*n.title) > max_title_chars)
        r.fail(errors::too_long("notification.title", max_title_chars, "characters",
                                "notification.title/max-length"));
    std::optional<int> force;
    // notification.forceShowPushContent/values: 0 表示不强制,1 表示强制
    r.read_int_in("forceShowPushContent", force, {0, 1},
                  "notification.forceShowPushContent/values");
    n.force_show_push_content = force.value_or(0);
    r.read_string("alert", n.alert, "notification.alert/type");
    r.read_child("ios", n.ios, "notification.ios/type", parse_ios);
    r.read_child("android", n.android, "notification.android/type", parse_android);
    r.read_child("harmonyOS", n.harmony_os, "notification.harmonyOS/type", parse_harmony);
}

std::string alert_path(platform p) {
    switch (p) {
    case platform::ios:
        return "notification.ios.alert";
    case platform::android:
        return "notification.android.alert";
    case platform::harmonyos:
        return "notification.harmonyOS.alert";
    }
    return "notification.alert";
}

api_result<void> check_alerts(std::vector<platform> const& platforms, notification const& n) {
    for (platform p : platforms) {
        // notification/alert-required: 不能为空 / Android 的推送内容为最初 alert 设置的内容
        if (is_blank(effective_alert(n, p)))
            return errors::bad_request(alert_path(p),
                                       "platform " + std::string(to_string(p)) +
                                           " has no alert text: set " + alert_path(p) +
                                           " or notification.alert",
                                       "notification/alert-required");
    }
    return {};
}

/// A required object member of the body (audience, notification), read by `parse`.
template <class T, class Parse>
void read_required(object_reader& r, std::string_view key, std::string_view rule, T& value,
                   Parse parse) {
    json::object const* o = r.find_object(key, rule);
    if (o)
        r.read_object(*o, key, value, parse);
    else if (r.ok())
        r.fail(errors::missing_field(std::string(key), rule));
}

// platform/ios-or-android [D-14]: iOS、Android 最少传递一个. A platform of only harmonyos is
// accepted with a warning in lenient and refused in strict.
api_result<void> check_ios_or_android(std::vector<platform> const& platforms, read_context& ctx) {
    bool const either = std::any_of(platforms.begin(), platforms.end(), [](platform p) {
        return p == platform::ios || p == platform::android;
    });
    if (either)
        return {};
    if (ctx.profile == profile::strict)
        return errors::bad_request("platform", "platform must list ios or android (or both)",
                                   "platform/ios-or-android");
    ctx.warnings.push_back("platform lists neither ios nor android: accepted in the lenient "
                           "profile, the strict profile refuses it [D-14]");
    return {};
}

void parse_request(object_reader& r, push_request& req) {
    auto platforms = parse_platforms(r.raw("platform"));
    if (!platforms)
        return r.fail(platforms.error());
    if (auto either = check_ios_or_android(*platforms, r.context()); !either)
        return r.fail(either.error());
    req.platforms = std::move(*platforms);
    // audience/required: audience 必传
    read_required(r, "audience", "audience/required", req.audience, parse_audience);
    // notification/required: notification 必传
    read_required(r, "notification", "notification/required", req.notification, parse_notification);
    if (!r.ok())
        return;
    if (auto alerts = check_alerts(req.platforms, req.notification); !alerts)
        r.fail(alerts.error());
}

} // namespace

api_result<push_request> parse_push(json::value const& body, profile p, parse_notes& notes) {
    // body/object: HTTP 请求正文 … 包含具有以下结构的 JSON 对象
    if (!body.is_object())
        return errors::bad_request("", "the request body must be a JSON object", "body/object");
    read_context ctx{p, read_mode::tolerant, {}, {}};
    object_reader r(body.get_object(), "", ctx);
    api_result<push_request> req = push_request{};
    parse_request(r, *req);
    if (auto done = r.finish(); !done)
        req = done.error();
    // body/unknown-fields: reported even when another field is refused, as a diagnostic aid.
    notes.ignored_fields.insert(notes.ignored_fields.end(),
                                std::make_move_iterator(ctx.ignored_fields.begin()),
                                std::make_move_iterator(ctx.ignored_fields.end()));
    notes.warnings.insert(notes.warnings.end(), std::make_move_iterator(ctx.warnings.begin()),
                          std::make_move_iterator(ctx.warnings.end()));
    notes.unset_values = notes.unset_values || ctx.saw_unset;
    notes.coercions = notes.coercions || ctx.coerced;
    return req;
}

} // namespace push::core
