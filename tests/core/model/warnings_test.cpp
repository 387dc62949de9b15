#include "core/model/field_hints.hpp"
#include "core/model/warnings.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {

using list = std::vector<std::string>;

} // namespace

TEST_CASE("body/unknown-fields: an ignored field's hint names the documented field it looks like") {
    // Beside it: the Go SDK's threadId, other spellings of documented names.
    CHECK(did_you_mean("notification.ios.threadId") == list{"notification.ios.thread-id"});
    CHECK(did_you_mean("notification.ios.interruption_level") ==
          list{"notification.ios.interruption-level"});
    CHECK(did_you_mean("audience.isToAll") == list{"audience.is_to_all"});
    CHECK(did_you_mean("audience.userId") == list{"audience.userid"});
    CHECK(did_you_mean("notification.harmonyos") == list{"notification.harmonyOS"});
    // A plural of a documented name.
    CHECK(did_you_mean("audience.tags") == list{"audience.tag"});
    CHECK(did_you_mean("audience.userIds") == list{"audience.userid"});
    // Inside it: the Go SDK's flat android keys belong to the vendor objects.
    CHECK(did_you_mean("notification.android.channelId") ==
          list{"notification.android.hw.channelId", "notification.android.mi.channelId",
               "notification.android.oppo.channelId", "notification.android.fcm.channelId"});
    CHECK(did_you_mean("notification.android.large_icon_uri") ==
          list{"notification.android.mi.large_icon_uri"});
    CHECK(did_you_mean("notification.android.classification") ==
          list{"notification.android.vivo.classification"});
    CHECK(did_you_mean("notification.harmonyOS.image") ==
          list{"notification.harmonyOS.ohos.image"});
    // Anywhere: a field at the wrong level.
    CHECK(did_you_mean("badge") == list{"notification.ios.badge"});
    // Nothing alike: no hint.
    CHECK(did_you_mean("foo").empty());
    CHECK(did_you_mean("notification.sound").empty());
}

TEST_CASE("body/unknown-fields: the warning header lists each ignored field with its hint") {
    list const ignored{"foo", "notification.ios.threadId", "notification.android.importance"};
    CHECK(ignored_fields_text(ignored) ==
          "ignored unknown fields: foo, notification.ios.threadId (did you mean "
          "notification.ios.thread-id?), notification.android.importance (did you mean "
          "notification.android.honor.importance or notification.android.hw.importance?)");
    CHECK(ignored_fields_text({}).empty());
}

TEST_CASE(
    "audience/userid-wins: platform, tags and packageName next to userid are noted as ignored") {
    push_request p;
    p.platforms = {platform::ios};
    p.audience.userid = {"u1"};
    p.audience.tag = {"vip"};
    p.audience.package_name = "com.a";
    p.notification.alert = "hi";
    recipients none;
    auto const w = push_warnings({}, &p, &none);
    REQUIRE(w.size() == 3);
    CHECK(w[0].kind == "ignored_by_precedence");
    CHECK(w[0].path == "platform");
    CHECK(w[1].path == "audience.tag");
    CHECK(w[2].path == "audience.packageName");
    CHECK(w[0].message == "platform is ignored: audience.userid is set (audience/userid-wins)");
}

TEST_CASE("audience/is-to-all: conditions next to is_to_all are noted as ignored") {
    push_request p;
    p.platforms = {platform::ios};
    p.audience.is_to_all = true;
    p.audience.userid = {"u1"};
    p.audience.tag_or = {"a"};
    p.notification.alert = "hi";
    recipients none;
    list const ignored{"notification.ios.threadId"};
    auto const w = push_warnings(ignored, &p, &none);
    REQUIRE(w.size() == 3);
    CHECK(w[0].kind == "ignored_field");
    CHECK(w[0].did_you_mean == list{"notification.ios.thread-id"});
    CHECK(w[1].path == "audience.tag_or");
    CHECK(w[2].path == "audience.userid");
    // A refused request keeps only its ignored fields.
    CHECK(push_warnings(ignored, nullptr, nullptr).size() == 1);
}
