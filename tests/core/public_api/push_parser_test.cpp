// parse_push: one positive and one negative case (at least) per rule of fixtures/requirements.md
// sections "HTTP and body" (body/*) and "/push.json body", plus the bodies the official SDKs send.
#include "core/public_api/push_parser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace push::core;

namespace {

constexpr auto lenient = profile::lenient;
constexpr auto strict = profile::strict;

struct parsed {
    api_result<push_request> result;
    parse_notes notes;
};

parsed parse(std::string_view text, profile p) {
    parsed out{push_request{}, {}};
    out.result = parse_push(json::parse(text), p, out.notes);
    return out;
}

/// Parses `text`, which must be accepted; returns the model.
push_request accept(std::string_view text, profile p = lenient) {
    INFO("body: " << text << " (" << to_string(p) << ")");
    parsed r = parse(text, p);
    std::string const error = r.result.has_error() ? r.result.error().message() : "";
    INFO("error: " << error);
    REQUIRE(r.result.has_value());
    return *r.result;
}

/// Parses `text`, which must be refused with this status, code, JSON path and rule; the message
/// must name the path.
void reject(std::string_view text, int status, int code, std::string_view path,
            std::string_view rule, profile p = lenient) {
    INFO("body: " << text << " (" << to_string(p) << ")");
    parsed r = parse(text, p);
    REQUIRE(r.result.has_error());
    api_error const& e = r.result.error();
    INFO("message: " << e.message());
    CHECK(e.status() == status);
    CHECK(e.code() == code);
    CHECK(e.path() == path);
    CHECK(e.rule() == rule);
    CHECK(e.message().find(path) != std::string::npos);
}

/// The unknown fields reported for an accepted body.
std::vector<std::string> ignored_by(std::string_view text, profile p = lenient) {
    parsed r = parse(text, p);
    REQUIRE(r.result.has_value());
    return r.notes.ignored_fields;
}

/// The warnings (other than unknown fields) of an accepted body.
std::vector<std::string> warned_by(std::string_view text, profile p = lenient) {
    parsed r = parse(text, p);
    REQUIRE(r.result.has_value());
    return r.notes.warnings;
}

std::string body(std::string_view notification, std::string_view audience = R"({"userid":["u1"]})",
                 std::string_view platform = R"(["ios","android"])") {
    return R"({"platform":)" + std::string(platform) + R"(,"audience":)" + std::string(audience) +
           R"(,"notification":)" + std::string(notification) + "}";
}
/// A body whose audience object has these members.
std::string aud(std::string_view members) {
    return body(R"({"alert":"hi"})", "{" + std::string(members) + "}");
}
/// A body whose notification object has these members (and an alert).
std::string note(std::string_view members) {
    return body(R"({"alert":"hi",)" + std::string(members) + "}");
}
std::string ios(std::string_view members) {
    return note(R"("ios":{)" + std::string(members) + "}");
}
std::string android(std::string_view members) {
    return note(R"("android":{)" + std::string(members) + "}");
}
/// A body with notification.android.<vendor> holding these members.
std::string vendor(std::string_view name, std::string_view members) {
    return android("\"" + std::string(name) + "\":{" + std::string(members) + "}");
}
std::string harmony(std::string_view members) {
    return note(R"("harmonyOS":{)" + std::string(members) + "}");
}
/// A JSON array of `n` strings "<prefix>0", "<prefix>1", ...
std::string strings(std::size_t n, std::string_view prefix) {
    std::string a = "[";
    for (std::size_t i = 0; i < n; ++i)
        a += (i ? ",\"" : "\"") + std::string(prefix) + std::to_string(i) + "\"";
    return a + "]";
}
std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

// The vendor page's own request example, exactly as printed (it has is_to_all true).
constexpr std::string_view vendor_example = R"({
"platform":["ios","android"],
"audience":{
"tag":["女","年轻"],
"tag_or":["北京","上海"],
"userid":["123","456"],
"is_to_all":true
},
"notification":{
"title":"标题",
"forceShowPushContent":0,
"alert":"this is a push",
"ios":
{
"alert": "override alert",
"thread-id":"223",
"apns-collapse-id":"111",
"extras": {"id": "1","name": "2"}
},
"android": {
"alert": "override alert",
"hw":{
"channelId":"NotificationKanong",
"importance": "NORMAL",
"image":"https://example.com/image.png"
},
"mi":{
"channelId":"rongcloud_kanong",
"large_icon_uri":"https://example.com/image.png"
},
"oppo":{
"channelId":"rc_notification_id",
"category": "IM",
"notify_level": 2
},
"vivo":{
"classification":"0"
},
"extras": {"id": "1","name": "2"}
},
"harmonyOS": {
"ohos":{
"category":"IM",
"image":"https://example.com/image.png"
},
"extras": {"id": "1","name": "2"}
}
}
})";

} // namespace

// ---------------------------------------------------------------------------------------------
// Whole requests: the vendor's example and what the official SDKs send.

TEST_CASE("body/object: the vendor page's request example parses in both profiles") {
    for (profile p : {lenient, strict}) {
        push_request const r = accept(vendor_example, p);
        CHECK(r.platforms == std::vector{platform::ios, platform::android});
        CHECK(r.audience.is_to_all);
        CHECK(r.audience.tag == std::vector<std::string>{"女", "年轻"});
        CHECK(r.audience.tag_or == std::vector<std::string>{"北京", "上海"});
        CHECK(r.audience.userid == std::vector<std::string>{"123", "456"});
        CHECK(r.audience.package_name.empty());
        notification const& n = r.notification;
        CHECK(n.title == "标题");
        CHECK(n.force_show_push_content == 0);
        CHECK(n.alert == "this is a push");
        REQUIRE(n.ios);
        CHECK(n.ios->alert == "override alert");
        CHECK(n.ios->thread_id == "223");
        CHECK(n.ios->apns_collapse_id == "111");
        CHECK(json::parse(n.ios->extras.value()) == json::object{{"id", "1"}, {"name", "2"}});
        REQUIRE(n.android);
        REQUIRE(n.android->hw);
        CHECK(n.android->hw->channel_id == "NotificationKanong");
        CHECK(n.android->hw->importance == "NORMAL");
        CHECK(n.android->hw->image == "https://example.com/image.png");
        REQUIRE(n.android->mi);
        CHECK(n.android->mi->large_icon_uri == "https://example.com/image.png");
        REQUIRE(n.android->oppo);
        CHECK(n.android->oppo->notify_level == 2);
        CHECK(n.android->oppo->category == "IM");
        REQUIRE(n.android->vivo);
        CHECK(n.android->vivo->classification == "0");
        CHECK_FALSE(n.android->honor);
        CHECK_FALSE(n.android->fcm);
        REQUIRE(n.harmony_os);
        REQUIRE(n.harmony_os->ohos);
        CHECK(n.harmony_os->ohos->category == "IM");
        CHECK_FALSE(n.harmony_os->alert);
        CHECK(effective_alert(n, platform::ios) == "override alert");
        CHECK(effective_alert(n, platform::harmonyos) == "this is a push");
        CHECK(effective_title(n, platform::android) == "标题");
    }
}

TEST_CASE("body/unset-values: Java SDK body (\"tag\":[], nulls everywhere) is accepted") {
    push_request const r = accept(R"({"platform":["ios","android"],
        "audience":{"tag":[],"tag_or":[],"userid":["u1","u2"],"packageName":null,"is_to_all":false},
        "notification":{"title":null,"forceShowPushContent":0,"alert":"hello",
          "ios":{"title":null,"contentAvailable":null,"alert":null,"badge":null,"thread-id":null,
                 "apns-collapse-id":null,"category":null,"richMediaUri":null,"extras":null},
          "android":{"alert":null,"hw":null,"honor":null,"mi":null,"oppo":null,"vivo":null,
                     "fcm":null,"extras":null},
          "harmonyOS":null}})");
    CHECK(r.audience.tag.empty());
    CHECK(r.audience.userid == std::vector<std::string>{"u1", "u2"});
    REQUIRE(r.notification.ios);
    CHECK_FALSE(r.notification.ios->badge);
    CHECK_FALSE(r.notification.ios->alert);
    REQUIRE(r.notification.android);
    CHECK_FALSE(r.notification.android->hw);
    CHECK_FALSE(r.notification.harmony_os);
    CHECK(effective_alert(r.notification, platform::android) == "hello");
}

TEST_CASE("body/unset-values: Go SDK body (\"packageName\":\"\", \"ios\":{}, \"android\":{})") {
    for (profile p : {lenient, strict}) {
        push_request const r = accept(R"({"platform":["android"],"audience":{"tag":["vip"],
            "tag_or":null,"userid":null,"packageName":"","is_to_all":false},"notification":{
            "title":"","forceShowPushContent":0,"alert":"hi","ios":{},"android":{}}})",
                                      p);
        CHECK(r.audience.package_name.empty());
        CHECK(r.audience.tag == std::vector<std::string>{"vip"});
        CHECK_FALSE(r.notification.title);
        // {} is an empty set of options, not an absent block.
        REQUIRE(r.notification.ios);
        CHECK_FALSE(r.notification.ios->alert);
        REQUIRE(r.notification.android);
        CHECK_FALSE(r.notification.android->extras);
    }
}

TEST_CASE("body/unset-values: PHP SDK pretty-printed body with [] objects and \\u/\\/ escapes") {
    push_request const r = accept(R"({
    "platform": [
        "ios",
        "android"
    ],
    "audience": {
        "tag": [
            "\u5973"
        ],
        "is_to_all": false
    },
    "notification": {
        "title": "\u6807\u9898",
        "alert": "\u4f60\u597d",
        "ios": [],
        "android": {
            "hw": {
                "image": "https:\/\/example.com\/image.png"
            },
            "extras": []
        }
    }
})");
    CHECK(r.audience.tag == std::vector<std::string>{"女"});
    CHECK(r.notification.title == "标题");
    CHECK_FALSE(r.notification.ios);
    REQUIRE(r.notification.android);
    CHECK(r.notification.android->hw->image == "https://example.com/image.png");
    CHECK_FALSE(r.notification.android->extras);
    CHECK(effective_alert(r.notification, platform::ios) == "你好");
}

// ---------------------------------------------------------------------------------------------
// HTTP and body

TEST_CASE("body/object: the body must be a JSON object") {
    accept(body(R"({"alert":"hi"})"));
    reject("[]", 400, 1002, "", "body/object");
    reject(R"(["ios"])", 400, 1002, "", "body/object");
    reject(R"("push")", 400, 1002, "", "body/object");
    reject("42", 400, 1002, "", "body/object");
    reject("null", 400, 1002, "", "body/object", strict);
}

TEST_CASE("body/unknown-fields: unknown fields at every level are ignored and listed") {
    CHECK(ignored_by(body(R"({"alert":"hi"})")).empty());
    CHECK(ignored_by(R"({"platform":["ios"],"audience":{"userid":["u"],"x-a":1},
        "notification":{"alert":"hi","sound":"d","ios":{"badge":1,"mutable":1},
        "android":{"hw":{"urgency":"HIGH"},"xiaomi":{}},"harmonyOS":{"ohos":{"x":null}}},
        "requestId":"r1"})") == std::vector<std::string>{"audience.x-a", "notification.ios.mutable",
                                                         "notification.android.hw.urgency",
                                                         "notification.android.xiaomi",
                                                         "notification.harmonyOS.ohos.x",
                                                         "notification.sound", "requestId"});
    // Members of extras are the application's own: never reported.
    CHECK(ignored_by(ios(R"("extras":{"anything":{"deep":1}})"), strict).empty());
    // An unknown field does not hide an error next to it.
    reject(ios(R"("mutable":1,"badge":"1")"), 400, 1002, "notification.ios.badge",
           "notification.ios.badge/type");
}

TEST_CASE("body/unset-values: null, \"\" and [] mean not set; strict rejects [] for objects") {
    push_request r = accept(aud(R"("tag":[],"tag_or":null,"userid":"","packageName":"com.a")"));
    CHECK(r.audience.tag.empty());
    CHECK(r.audience.package_name == "com.a");
    r = accept(ios(R"("title":"","badge":null,"extras":[])"));
    CHECK_FALSE(r.notification.ios->title);
    CHECK_FALSE(r.notification.ios->extras);
    r = accept(note(R"("android":[],"harmonyOS":[],"ios":null)"));
    CHECK_FALSE(r.notification.android);
    r = accept(vendor("hw", R"("image":"","category":null)"), strict);
    CHECK(r.notification.android->hw);
    CHECK_FALSE(r.notification.android->hw->image);
    // Strict: [] where an object is required.
    reject(note(R"("ios":[])"), 400, 1002, "notification.ios", "body/unset-values", strict);
    reject(note(R"("android":[])"), 400, 1002, "notification.android", "body/unset-values", strict);
    reject(note(R"("harmonyOS":[])"), 400, 1002, "notification.harmonyOS", "body/unset-values",
           strict);
    reject(android(R"("hw":[])"), 400, 1002, "notification.android.hw", "body/unset-values",
           strict);
    reject(android(R"("vivo":[])"), 400, 1002, "notification.android.vivo", "body/unset-values",
           strict);
    reject(android(R"("extras":[])"), 400, 1002, "notification.android.extras", "body/unset-values",
           strict);
    reject(harmony(R"("ohos":[])"), 400, 1002, "notification.harmonyOS.ohos", "body/unset-values",
           strict);
    reject(body(R"({"alert":"hi"})", "[]"), 400, 1002, "audience", "body/unset-values", strict);
    // Not set is not set: a required field sent as null is still missing.
    reject(body("null"), 400, 1002, "notification", "notification/required");
}

TEST_CASE("body/lenient-coercions: \"true\"/\"false\" is_to_all and integer vivo.classification") {
    CHECK(accept(aud(R"("is_to_all":"true")")).audience.is_to_all);
    CHECK_FALSE(accept(aud(R"("is_to_all":"false","tag":["a"])")).audience.is_to_all);
    CHECK(accept(vendor("vivo", R"("classification":1)"))
              .notification.android->vivo->classification == "1");
    CHECK(accept(vendor("vivo", R"("classification":0,"category":"IM")"))
              .notification.android->vivo->classification == "0");
    reject(aud(R"("is_to_all":"true")"), 400, 1002, "audience.is_to_all", "body/lenient-coercions",
           strict);
    reject(aud(R"("is_to_all":"false","tag":["a"])"), 400, 1002, "audience.is_to_all",
           "body/lenient-coercions", strict);
    reject(vendor("vivo", R"("classification":1)"), 400, 1002,
           "notification.android.vivo.classification", "body/lenient-coercions", strict);
}

// ---------------------------------------------------------------------------------------------
// platform

TEST_CASE("platform/required: platform is required") {
    accept(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["ios"])"));
    reject(R"({"audience":{"tag":["a"]},"notification":{"alert":"hi"}})", 400, 1002, "platform",
           "platform/required");
    reject(body(R"({"alert":"hi"})", R"({"tag":["a"]})", "null"), 400, 1002, "platform",
           "platform/required");
}

TEST_CASE("platform/type: platform is an array of strings") {
    accept(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["android"])"));
    reject(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"("ios")"), 400, 1002, "platform",
           "platform/type");
    reject(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"({"ios":true})"), 400, 1002, "platform",
           "platform/type");
    reject(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["ios",1])"), 400, 1002, "platform[1]",
           "platform/type");
}

TEST_CASE("platform/non-empty: at least one platform") {
    CHECK(accept(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["ios"])")).platforms.size() ==
          1);
    reject(body(R"({"alert":"hi"})", R"({"tag":["a"]})", "[]"), 400, 1002, "platform",
           "platform/non-empty");
}

TEST_CASE("platform/ios-or-android: harmonyos alone was accepted silently in both profiles "
          "[D-14]") {
    auto const only_harmony =
        body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["harmonyos","HarmonyOS"])");
    auto w = warned_by(only_harmony);
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("platform lists neither ios nor android") == 0);
    reject(only_harmony, 400, 1002, "platform", "platform/ios-or-android", strict);
    CHECK(warned_by(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["harmonyos","ios"])"), strict)
              .empty());
    CHECK(warned_by(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["android"])")).empty());
}

TEST_CASE("platform/values: ios, android, harmonyos, case-insensitive [D-10], de-duplicated") {
    push_request const r = accept(
        body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["IOS","Android","HarmonyOS","ios"])"));
    CHECK(r.platforms == std::vector{platform::ios, platform::android, platform::harmonyos});
    CHECK(accept(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["android","ANDROID"])"))
              .platforms == std::vector{platform::android});
    reject(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["ios","web"])"), 400, 1002,
           "platform[1]", "platform/values");
    reject(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"([""])"), 400, 1002, "platform[0]",
           "platform/values");
    reject(body(R"({"alert":"hi"})", R"({"tag":["a"]})", R"(["harmony"])"), 400, 1002,
           "platform[0]", "platform/values", strict);
}

// ---------------------------------------------------------------------------------------------
// audience

TEST_CASE("audience/required: audience is required and is an object") {
    accept(aud(R"("is_to_all":true)"));
    reject(R"({"platform":["ios"],"notification":{"alert":"hi"}})", 400, 1002, "audience",
           "audience/required");
    reject(body(R"({"alert":"hi"})", R"("all")"), 400, 1002, "audience", "audience/required");
    reject(body(R"({"alert":"hi"})", "[]"), 400, 1002, "audience", "audience/required");
}

TEST_CASE("audience/condition-required: one of tag, tag_or, userid, packageName unless is_to_all") {
    CHECK(accept(aud(R"("is_to_all":true)")).audience.is_to_all);
    CHECK(accept(aud(R"("tag_or":["a"])")).audience.tag_or == std::vector<std::string>{"a"});
    CHECK(accept(aud(R"("packageName":"com.example")")).audience.package_name == "com.example");
    reject(aud(""), 400, 1002, "audience", "audience/condition-required");
    reject(aud(R"("is_to_all":false)"), 400, 1002, "audience", "audience/condition-required");
    reject(aud(R"("tag":[],"tag_or":null,"userid":[],"packageName":"")"), 400, 1002, "audience",
           "audience/condition-required");
}

TEST_CASE("audience.is_to_all/type: a boolean, missing means false") {
    CHECK(accept(aud(R"("is_to_all":true)"), strict).audience.is_to_all);
    CHECK_FALSE(accept(aud(R"("tag":["a"])")).audience.is_to_all);
    CHECK_FALSE(accept(aud(R"("is_to_all":null,"tag":["a"])")).audience.is_to_all);
    reject(aud(R"("is_to_all":1)"), 400, 1002, "audience.is_to_all", "audience.is_to_all/type");
    reject(aud(R"("is_to_all":"yes")"), 400, 1002, "audience.is_to_all", "audience.is_to_all/type");
    reject(aud(R"("is_to_all":{})"), 400, 1002, "audience.is_to_all", "audience.is_to_all/type",
           strict);
}

TEST_CASE("audience.tag/type: an array of non-empty strings") {
    CHECK(accept(aud(R"("tag":["a","b"])")).audience.tag == std::vector<std::string>{"a", "b"});
    reject(aud(R"("tag":"a")"), 400, 1002, "audience.tag", "audience.tag/type");
    reject(aud(R"("tag":["a",""])"), 400, 1002, "audience.tag[1]", "audience.tag/type");
    reject(aud(R"("tag":["a","b",null])"), 400, 1002, "audience.tag[2]", "audience.tag/type");
}

TEST_CASE("audience.tag/max-count: at most 20 tags") {
    CHECK(accept(aud(R"("tag":)" + strings(20, "t"))).audience.tag.size() == 20);
    reject(aud(R"("tag":)" + strings(21, "t")), 400, 1005, "audience.tag",
           "audience.tag/max-count");
}

TEST_CASE("audience.tag_or/type: an array of non-empty strings") {
    accept(aud(R"("tag_or":["a"])"));
    reject(aud(R"("tag_or":{"a":1})"), 400, 1002, "audience.tag_or", "audience.tag_or/type");
    reject(aud(R"("tag_or":[1])"), 400, 1002, "audience.tag_or[0]", "audience.tag_or/type");
}

TEST_CASE("audience.tag_or/max-count: at most 20 tags") {
    CHECK(accept(aud(R"("tag_or":)" + strings(20, "t"))).audience.tag_or.size() == 20);
    reject(aud(R"("tag_or":)" + strings(21, "t")), 400, 1005, "audience.tag_or",
           "audience.tag_or/max-count");
}

TEST_CASE("audience.userid/type: an array of non-empty strings") {
    accept(aud(R"("userid":["a","b","c","d"])"));
    reject(aud(R"("userid":"u1")"), 400, 1002, "audience.userid", "audience.userid/type");
    reject(aud(R"("userid":["a","b","c",5])"), 400, 1002, "audience.userid[3]",
           "audience.userid/type");
    reject(aud(R"("userid":["a","b","c",""])"), 400, 1002, "audience.userid[3]",
           "audience.userid/type");
}

TEST_CASE("audience.userid/max-count: at most 1000 user ids") {
    CHECK(accept(aud(R"("userid":)" + strings(1000, "u"))).audience.userid.size() == 1000);
    reject(aud(R"("userid":)" + strings(1001, "u")), 400, 1005, "audience.userid",
           "audience.userid/max-count");
}

TEST_CASE("audience.userid/max-length: each user id at most 64 bytes") {
    std::string const id64(64, 'x');
    CHECK(accept(aud(R"("userid":[")" + id64 + R"("])")).audience.userid[0] == id64);
    reject(aud(R"("userid":["a",")" + id64 + R"(x"])"), 400, 1005, "audience.userid[1]",
           "audience.userid/max-length");
    // Bytes, not characters: 22 CJK characters are 66 bytes.
    reject(aud(R"("userid":[")" + repeat("用", 22) + R"("])"), 400, 1005, "audience.userid[0]",
           "audience.userid/max-length");
}

TEST_CASE("audience.packageName/type: a string") {
    CHECK(accept(aud(R"("packageName":"com.a","tag":["x"])")).audience.package_name == "com.a");
    reject(aud(R"("packageName":5)"), 400, 1002, "audience.packageName",
           "audience.packageName/type");
    reject(aud(R"("packageName":["com.a"])"), 400, 1002, "audience.packageName",
           "audience.packageName/type");
}

// ---------------------------------------------------------------------------------------------
// notification

TEST_CASE("notification/required: notification is required and is an object") {
    accept(body(R"({"alert":"hi"})"));
    reject(R"({"platform":["ios"],"audience":{"is_to_all":true}})", 400, 1002, "notification",
           "notification/required");
    reject(body(R"("hi")"), 400, 1002, "notification", "notification/required");
    reject(body("[]"), 400, 1002, "notification", "notification/required");
}

TEST_CASE("notification/alert-required: every targeted platform ends up with alert text") {
    // Each platform's own alert, or the default one.
    push_request const r =
        accept(body(R"({"ios":{"alert":"i"},"android":{"alert":"a"},"harmonyOS":{"alert":"h"}})",
                    R"({"tag":["a"]})", R"(["ios","android","harmonyos"])"));
    CHECK(effective_alert(r.notification, platform::ios) == "i");
    CHECK(effective_alert(r.notification, platform::android) == "a");
    CHECK(effective_alert(r.notification, platform::harmonyos) == "h");
    accept(body(R"({"ios":{"alert":"i"}})", R"({"tag":["a"]})", R"(["ios"])"));
    // Only platforms that are targeted need one.
    accept(body(R"({"android":{"alert":"a"}})", R"({"tag":["a"]})", R"(["android"])"));
    reject(body(R"({"ios":{"alert":"i"}})"), 400, 1002, "notification.android.alert",
           "notification/alert-required");
    reject(body(R"({"android":{"alert":"a"}})"), 400, 1002, "notification.ios.alert",
           "notification/alert-required");
    reject(body(R"({"alert":"hi","android":{"alert":" "}})", R"({"tag":["a"]})", R"(["android"])"),
           400, 1002, "notification.android.alert", "notification/alert-required");
    reject(body(R"({"title":"t"})", R"({"tag":["a"]})", R"(["harmonyos"])"), 400, 1002,
           "notification.harmonyOS.alert", "notification/alert-required");
    reject(body(R"({"alert":""})"), 400, 1002, "notification.ios.alert",
           "notification/alert-required");
    reject(body("{}"), 400, 1002, "notification.ios.alert", "notification/alert-required");
}

TEST_CASE("notification/alert-required: the message says which platform lacks alert text") {
    parsed const r = parse(body(R"({"ios":{"alert":"i"}})"), lenient);
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().message().find("android") != std::string::npos);
}

TEST_CASE("notification.title/type: a string") {
    CHECK(accept(note(R"("title":"Sale")")).notification.title == "Sale");
    reject(note(R"("title":5)"), 400, 1002, "notification.title", "notification.title/type");
    reject(note(R"("title":{"zh":"x"})"), 400, 1002, "notification.title",
           "notification.title/type");
}

TEST_CASE("notification.title/max-length: at most 50 characters (code points)") {
    std::string const cjk50 = repeat("标", 50); // 150 bytes, 50 characters
    CHECK(accept(note(R"("title":")" + cjk50 + "\"")).notification.title == cjk50);
    accept(note(R"("title":")" + repeat("\\ud83d\\ude00", 50) + "\"")); // 50 emoji, escaped
    accept(note(R"("title":")" + std::string(50, 'a') + "\""));
    reject(note(R"("title":")" + repeat("标", 51) + "\""), 400, 1005, "notification.title",
           "notification.title/max-length");
    reject(note(R"("title":")" + std::string(51, 'a') + "\""), 400, 1005, "notification.title",
           "notification.title/max-length");
}

TEST_CASE("notification.forceShowPushContent/values: 0 or 1") {
    CHECK(accept(note(R"("forceShowPushContent":1)")).notification.force_show_push_content == 1);
    CHECK(accept(note(R"("forceShowPushContent":0)")).notification.force_show_push_content == 0);
    CHECK(accept(note("\"title\":\"t\"")).notification.force_show_push_content == 0);
    reject(note(R"("forceShowPushContent":2)"), 400, 1002, "notification.forceShowPushContent",
           "notification.forceShowPushContent/values");
    reject(note(R"("forceShowPushContent":"1")"), 400, 1002, "notification.forceShowPushContent",
           "notification.forceShowPushContent/values");
    reject(note(R"("forceShowPushContent":true)"), 400, 1002, "notification.forceShowPushContent",
           "notification.forceShowPushContent/values");
}

TEST_CASE("notification.alert/type: a string") {
    CHECK(accept(note(R"("title":"t")")).notification.alert == "hi");
    reject(body(R"({"alert":5})"), 400, 1002, "notification.alert", "notification.alert/type");
    reject(body(R"({"alert":["a"]})"), 400, 1002, "notification.alert", "notification.alert/type");
}

// notification.ios

TEST_CASE("notification.ios/type: an object") {
    CHECK(accept(note(R"("ios":{})"), strict).notification.ios.has_value());
    CHECK_FALSE(accept(note(R"("ios":[])")).notification.ios);
    reject(note(R"("ios":"x")"), 400, 1002, "notification.ios", "notification.ios/type");
    reject(note(R"("ios":[{"alert":"a"}])"), 400, 1002, "notification.ios",
           "notification.ios/type");
}

TEST_CASE("notification.ios.title/type: a string, overriding notification.title on iOS") {
    push_request const r = accept(note(R"("title":"t","ios":{"title":"iOS title"})"));
    CHECK(effective_title(r.notification, platform::ios) == "iOS title");
    CHECK(effective_title(r.notification, platform::android) == "t");
    reject(ios(R"("title":1)"), 400, 1002, "notification.ios.title", "notification.ios.title/type");
}

TEST_CASE("notification.ios.contentAvailable/values: 0 or 1") {
    CHECK(accept(ios(R"("contentAvailable":1)")).notification.ios->content_available == 1);
    accept(ios(R"("contentAvailable":0)"));
    reject(ios(R"("contentAvailable":2)"), 400, 1002, "notification.ios.contentAvailable",
           "notification.ios.contentAvailable/values");
    reject(ios(R"("contentAvailable":true)"), 400, 1002, "notification.ios.contentAvailable",
           "notification.ios.contentAvailable/values");
}

TEST_CASE("notification.ios.alert/non-empty: a non-empty string when present") {
    push_request const r = accept(ios(R"("alert":"override")"));
    CHECK(r.notification.ios->alert == "override");
    CHECK(effective_alert(r.notification, platform::ios) == "override");
    CHECK(effective_alert(r.notification, platform::android) == "hi");
    reject(ios(R"("alert":"   ")"), 400, 1002, "notification.ios.alert",
           "notification.ios.alert/non-empty");
    reject(ios(R"("alert":5)"), 400, 1002, "notification.ios.alert",
           "notification.ios.alert/non-empty");
    // "" is "not set" in lenient [D-11] (falls back to notification.alert); strict refuses it.
    CHECK(effective_alert(accept(ios(R"("alert":"")")).notification, platform::ios) == "hi");
    reject(ios(R"("alert":"")"), 400, 1002, "notification.ios.alert",
           "notification.ios.alert/non-empty", strict);
}

TEST_CASE("notification.ios.badge/type: an integer") {
    CHECK(accept(ios(R"("badge":5)")).notification.ios->badge == 5);
    reject(ios(R"("badge":"5")"), 400, 1002, "notification.ios.badge",
           "notification.ios.badge/type");
    reject(ios(R"("badge":1.5)"), 400, 1002, "notification.ios.badge",
           "notification.ios.badge/type");
    reject(ios(R"("badge":true)"), 400, 1002, "notification.ios.badge",
           "notification.ios.badge/type");
    reject(ios(R"("badge":-9223372036854775809)"), 400, 1002, "notification.ios.badge",
           "notification.ios.badge/type");
}

TEST_CASE("notification.ios.badge/range: at most 9999; 0 or negative clears the badge") {
    CHECK(accept(ios(R"("badge":9999)")).notification.ios->badge == 9999);
    CHECK(accept(ios(R"("badge":0)")).notification.ios->badge == 0);
    CHECK(accept(ios(R"("badge":-3)")).notification.ios->badge == -3);
    reject(ios(R"("badge":10000)"), 400, 1002, "notification.ios.badge",
           "notification.ios.badge/range");
    reject(ios(R"("badge":9223372036854775807)"), 400, 1002, "notification.ios.badge",
           "notification.ios.badge/range");
    reject(ios(R"("badge":18446744073709551615)"), 400, 1002, "notification.ios.badge",
           "notification.ios.badge/range");
}

TEST_CASE("notification.ios.thread-id/type: a string") {
    CHECK(accept(ios(R"("thread-id":"223")")).notification.ios->thread_id == "223");
    reject(ios(R"("thread-id":223)"), 400, 1002, "notification.ios.thread-id",
           "notification.ios.thread-id/type");
}

TEST_CASE("notification.ios.apns-collapse-id/type: a string") {
    CHECK(accept(ios(R"("apns-collapse-id":"111")")).notification.ios->apns_collapse_id == "111");
    reject(ios(R"("apns-collapse-id":111)"), 400, 1002, "notification.ios.apns-collapse-id",
           "notification.ios.apns-collapse-id/type");
}

TEST_CASE("notification.ios.category/type: a string") {
    CHECK(accept(ios(R"("category":"rich")")).notification.ios->category == "rich");
    reject(ios(R"("category":true)"), 400, 1002, "notification.ios.category",
           "notification.ios.category/type");
}

TEST_CASE("notification.ios.richMediaUri/type: a string") {
    CHECK(accept(ios(R"("richMediaUri":"https://e.com/a.mp4")")).notification.ios->rich_media_uri ==
          "https://e.com/a.mp4");
    reject(ios(R"("richMediaUri":{})"), 400, 1002, "notification.ios.richMediaUri",
           "notification.ios.richMediaUri/type");
}

TEST_CASE("notification.ios.richMediaUri/url: a URL of another scheme was accepted [D-13]") {
    CHECK(warned_by(ios(R"("richMediaUri":"https://e.com/a.png")")).empty());
    CHECK(warned_by(ios(R"("richMediaUri":"https://e.com/a.png")"), strict).empty());
    auto w = warned_by(ios(R"("richMediaUri":"http://e.com/a.png")"));
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("notification.ios.richMediaUri is an http:// URL") == 0);
    for (auto bad : {"ftp://e.com/a.png", "e.com/a.png", "http://", "https://", "http:/e.com"})
        reject(ios(R"("richMediaUri":")" + std::string(bad) + "\""), 400, 1002,
               "notification.ios.richMediaUri", "notification.ios.richMediaUri/url");
    reject(ios(R"("richMediaUri":"http://e.com/a.png")"), 400, 1002,
           "notification.ios.richMediaUri", "notification.ios.richMediaUri/url", strict);
}

TEST_CASE("notification.ios.interruption-level/values: passive, active, time-sensitive, critical") {
    for (std::string_view v : {"passive", "active", "time-sensitive", "critical"})
        CHECK(accept(ios(R"("interruption-level":")" + std::string(v) + "\""))
                  .notification.ios->interruption_level == v);
    reject(ios(R"("interruption-level":"urgent")"), 400, 1002,
           "notification.ios.interruption-level", "notification.ios.interruption-level/values");
    reject(ios(R"("interruption-level":"Critical")"), 400, 1002,
           "notification.ios.interruption-level", "notification.ios.interruption-level/values");
    reject(ios(R"("interruption-level":1)"), 400, 1002, "notification.ios.interruption-level",
           "notification.ios.interruption-level/values");
}

TEST_CASE("notification.ios.extras/type: an object, copied as is") {
    CHECK(json::parse(accept(ios(R"("extras":{"id":"1","n":{"x":[1,2]}})"))
                          .notification.ios->extras.value()) ==
          json::parse(R"({"id":"1","n":{"x":[1,2]}})"));
    reject(ios(R"("extras":"id=1")"), 400, 1002, "notification.ios.extras",
           "notification.ios.extras/type");
    reject(ios(R"("extras":[1])"), 400, 1002, "notification.ios.extras",
           "notification.ios.extras/type");
}

// notification.android

TEST_CASE("notification.android/type: an object (and so is each vendor block)") {
    CHECK(accept(note(R"("android":{})"), strict).notification.android.has_value());
    reject(note(R"("android":"x")"), 400, 1002, "notification.android",
           "notification.android/type");
    reject(android(R"("hw":"x")"), 400, 1002, "notification.android.hw",
           "notification.android/type");
    reject(android(R"("fcm":true)"), 400, 1002, "notification.android.fcm",
           "notification.android/type");
}

TEST_CASE("notification.android.alert/type: a string overriding notification.alert") {
    push_request const r = accept(android(R"("alert":"a")"));
    CHECK(effective_alert(r.notification, platform::android) == "a");
    CHECK(effective_alert(r.notification, platform::ios) == "hi");
    reject(android(R"("alert":1)"), 400, 1002, "notification.android.alert",
           "notification.android.alert/type");
}

TEST_CASE("notification.android.honor.importance/values: NORMAL or LOW") {
    CHECK(
        accept(vendor("honor", R"("importance":"LOW")")).notification.android->honor->importance ==
        "LOW");
    accept(vendor("honor", R"("importance":"NORMAL")"));
    reject(vendor("honor", R"("importance":"HIGH")"), 400, 1002,
           "notification.android.honor.importance", "notification.android.honor.importance/values");
    reject(vendor("honor", R"("importance":"normal")"), 400, 1002,
           "notification.android.honor.importance", "notification.android.honor.importance/values");
}

TEST_CASE("notification.android.honor.image/https: an https:// URL") {
    accept(vendor("honor", R"("image":"https://example.com/image.png")"));
    reject(vendor("honor", R"("image":"http://example.com/image.png")"), 400, 1002,
           "notification.android.honor.image", "notification.android.honor.image/https");
    reject(vendor("honor", R"("image":"https://")"), 400, 1002, "notification.android.honor.image",
           "notification.android.honor.image/https");
}

TEST_CASE("notification.android.hw.channelId/type: a string") {
    CHECK(accept(vendor("hw", R"("channelId":"c1")")).notification.android->hw->channel_id == "c1");
    reject(vendor("hw", R"("channelId":1)"), 400, 1002, "notification.android.hw.channelId",
           "notification.android.hw.channelId/type");
}

TEST_CASE("notification.android.hw.importance/values: NORMAL or LOW") {
    accept(vendor("hw", R"("importance":"NORMAL")"));
    accept(vendor("hw", R"("importance":"LOW")"));
    reject(vendor("hw", R"("importance":"HIGH")"), 400, 1002, "notification.android.hw.importance",
           "notification.android.hw.importance/values");
}

TEST_CASE("notification.android.hw.image/https: an https:// URL") {
    accept(vendor("hw", R"("image":"HTTPS://example.com/a.png")"));
    reject(vendor("hw", R"("image":"ftp://example.com/a.png")"), 400, 1002,
           "notification.android.hw.image", "notification.android.hw.image/https");
    reject(vendor("hw", R"("image":42)"), 400, 1002, "notification.android.hw.image",
           "notification.android.hw.image/https");
}

TEST_CASE("notification.android.hw.category/format: upper-case letters and _") {
    CHECK(accept(vendor("hw", R"("category":"IM")")).notification.android->hw->category == "IM");
    accept(vendor("hw", R"("category":"VOIP_CALL")"));
    reject(vendor("hw", R"("category":"im")"), 400, 1002, "notification.android.hw.category",
           "notification.android.hw.category/format");
    reject(vendor("hw", R"("category":"IM1")"), 400, 1002, "notification.android.hw.category",
           "notification.android.hw.category/format");
}

TEST_CASE("notification.android.mi.channelId/type: a string") {
    CHECK(accept(vendor("mi", R"("channelId":"m")")).notification.android->mi->channel_id == "m");
    reject(vendor("mi", R"("channelId":[1])"), 400, 1002, "notification.android.mi.channelId",
           "notification.android.mi.channelId/type");
}

TEST_CASE("notification.android.mi.large_icon_uri/url: an http:// icon was refused in lenient "
          "[D-13]") {
    accept(vendor("mi", R"("large_icon_uri":"https://example.com/i.png")"), strict);
    CHECK(accept(vendor("mi", R"("large_icon_uri":"HTTP://example.com/i.png")"))
              .notification.android->mi->large_icon_uri == "HTTP://example.com/i.png");
    auto w = warned_by(vendor("mi", R"("large_icon_uri":"http://example.com/i.png")"));
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("notification.android.mi.large_icon_uri is an http:// URL") == 0);
    reject(vendor("mi", R"("large_icon_uri":"http://example.com/i.png")"), 400, 1002,
           "notification.android.mi.large_icon_uri", "notification.android.mi.large_icon_uri/url",
           strict);
    reject(vendor("mi", R"("large_icon_uri":"ftp://example.com/i.png")"), 400, 1002,
           "notification.android.mi.large_icon_uri", "notification.android.mi.large_icon_uri/url");
    reject(vendor("mi", R"("large_icon_uri":7)"), 400, 1002,
           "notification.android.mi.large_icon_uri", "notification.android.mi.large_icon_uri/url");
}

TEST_CASE("notification.android.oppo.channelId/type: a string") {
    accept(vendor("oppo", R"("channelId":"o")"));
    reject(vendor("oppo", R"("channelId":false)"), 400, 1002, "notification.android.oppo.channelId",
           "notification.android.oppo.channelId/type");
}

TEST_CASE("notification.android.oppo.category/type: a string") {
    CHECK(accept(vendor("oppo", R"("category":"IM")")).notification.android->oppo->category ==
          "IM");
    reject(vendor("oppo", R"("category":1)"), 400, 1002, "notification.android.oppo.category",
           "notification.android.oppo.category/type");
}

TEST_CASE("notification.android.oppo.notify_level/values: 1, 2 or 16") {
    for (int level : {1, 2, 16})
        CHECK(accept(vendor("oppo", R"("notify_level":)" + std::to_string(level)))
                  .notification.android->oppo->notify_level == level);
    reject(vendor("oppo", R"("notify_level":3)"), 400, 1002,
           "notification.android.oppo.notify_level",
           "notification.android.oppo.notify_level/values");
    reject(vendor("oppo", R"("notify_level":"2")"), 400, 1002,
           "notification.android.oppo.notify_level",
           "notification.android.oppo.notify_level/values");
}

TEST_CASE("notification.android.vivo.classification/values: \"0\" or \"1\"") {
    CHECK(accept(vendor("vivo", R"("classification":"1")"), strict)
              .notification.android->vivo->classification == "1");
    accept(vendor("vivo", R"("classification":"0")"), strict);
    reject(vendor("vivo", R"("classification":"2")"), 400, 1002,
           "notification.android.vivo.classification",
           "notification.android.vivo.classification/values");
    reject(vendor("vivo", R"("classification":2)"), 400, 1002,
           "notification.android.vivo.classification",
           "notification.android.vivo.classification/values");
    reject(vendor("vivo", R"("classification":true)"), 400, 1002,
           "notification.android.vivo.classification",
           "notification.android.vivo.classification/values", strict);
}

TEST_CASE(
    "notification.android.vivo.category/requires-classification: classification must be set") {
    push_request const r = accept(vendor("vivo", R"("classification":"1","category":"IM")"));
    CHECK(r.notification.android->vivo->category == "IM");
    reject(vendor("vivo", R"("category":"IM")"), 400, 1002,
           "notification.android.vivo.classification",
           "notification.android.vivo.category/requires-classification");
    reject(vendor("vivo", R"("category":"IM","classification":"")"), 400, 1002,
           "notification.android.vivo.classification",
           "notification.android.vivo.category/requires-classification");
}

TEST_CASE("notification.android.vivo.category/type: a string") {
    accept(vendor("vivo", R"("classification":"0","category":"MARKETING")"));
    reject(vendor("vivo", R"("classification":"0","category":7)"), 400, 1002,
           "notification.android.vivo.category", "notification.android.vivo.category/type");
}

TEST_CASE("notification.android.fcm.channelId/type: a string") {
    CHECK(accept(vendor("fcm", R"("channelId":"f")")).notification.android->fcm->channel_id == "f");
    reject(vendor("fcm", R"("channelId":{})"), 400, 1002, "notification.android.fcm.channelId",
           "notification.android.fcm.channelId/type");
}

TEST_CASE("notification.android.fcm.collapse_key/type: a string") {
    accept(vendor("fcm", R"("collapse_key":"k")"));
    reject(vendor("fcm", R"("collapse_key":1)"), 400, 1002, "notification.android.fcm.collapse_key",
           "notification.android.fcm.collapse_key/type");
}

TEST_CASE("notification.android.fcm.imageUrl/url: an http:// image was refused in lenient [D-13]") {
    CHECK(accept(vendor("fcm", R"("imageUrl":"https://e.com/a.png")"), strict)
              .notification.android->fcm->image_url == "https://e.com/a.png");
    CHECK(warned_by(vendor("fcm", R"("imageUrl":"http://e.com/a.png")")).size() == 1);
    reject(vendor("fcm", R"("imageUrl":"http://e.com/a.png")"), 400, 1002,
           "notification.android.fcm.imageUrl", "notification.android.fcm.imageUrl/url", strict);
    reject(vendor("fcm", R"("imageUrl":"e.com/a.png")"), 400, 1002,
           "notification.android.fcm.imageUrl", "notification.android.fcm.imageUrl/url");
}

TEST_CASE("notification.android.extras/type: an object") {
    CHECK(json::parse(
              accept(android(R"("extras":{"k":"v"})")).notification.android->extras.value()) ==
          json::object{{"k", "v"}});
    reject(android(R"("extras":"k=v")"), 400, 1002, "notification.android.extras",
           "notification.android.extras/type");
}

// notification.harmonyOS

TEST_CASE("notification.harmonyOS/type: an object (and so is ohos)") {
    CHECK(accept(note(R"("harmonyOS":{})"), strict).notification.harmony_os.has_value());
    reject(note(R"("harmonyOS":1)"), 400, 1002, "notification.harmonyOS",
           "notification.harmonyOS/type");
    reject(harmony(R"("ohos":"IM")"), 400, 1002, "notification.harmonyOS.ohos",
           "notification.harmonyOS/type");
}

TEST_CASE("notification.harmonyOS.alert/type: a string overriding notification.alert") {
    push_request const r = accept(harmony(R"("alert":"h")"));
    CHECK(effective_alert(r.notification, platform::harmonyos) == "h");
    reject(harmony(R"("alert":{})"), 400, 1002, "notification.harmonyOS.alert",
           "notification.harmonyOS.alert/type");
}

TEST_CASE("notification.harmonyOS.ohos.category/type: a string") {
    CHECK(accept(harmony(R"("ohos":{"category":"IM"})")).notification.harmony_os->ohos->category ==
          "IM");
    reject(harmony(R"("ohos":{"category":2})"), 400, 1002, "notification.harmonyOS.ohos.category",
           "notification.harmonyOS.ohos.category/type");
}

TEST_CASE("notification.harmonyOS.ohos.image/https: an https:// URL") {
    accept(harmony(R"("ohos":{"image":"https://example.com/image.png"})"));
    reject(harmony(R"("ohos":{"image":"http://example.com/image.png"})"), 400, 1002,
           "notification.harmonyOS.ohos.image", "notification.harmonyOS.ohos.image/https");
}

TEST_CASE("notification.harmonyOS.extras/type: an object") {
    accept(harmony(R"("extras":{"id":"1"})"));
    reject(harmony(R"("extras":true)"), 400, 1002, "notification.harmonyOS.extras",
           "notification.harmonyOS.extras/type");
}
