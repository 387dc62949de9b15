#include "core/model/audience.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace push::core;

namespace {

constexpr time_ms now_ms = 1'795'658'400'000;
constexpr time_ms day_ms = 86'400'000;

std::vector<platform> const every_platform = {platform::ios, platform::android,
                                              platform::harmonyos};

/// Five devices of four users:
///   u1: i1 (ios/apns, com.a), a1 (android/fcm, com.a)      tags a, b
///   u2: h2 (android/hw, com.b)                              tags a
///   u3: o3 (harmonyos/ohos, com.a)                          tags b, c
///   u4: i4 (ios/apns, com.b)                                tags c
device_registry sample() {
    device_registry r;
    r.upsert({"i1", "u1", platform::ios, channel::apns, "com.a", now_ms, true});
    r.upsert({"a1", "u1", platform::android, channel::fcm, "com.a", now_ms, true});
    r.upsert({"h2", "u2", platform::android, channel::hw, "com.b", now_ms, true});
    r.upsert({"o3", "u3", platform::harmonyos, channel::ohos, "com.a", now_ms, true});
    r.upsert({"i4", "u4", platform::ios, channel::apns, "com.b", now_ms, true});
    r.set_tags("u1", {"a", "b"});
    r.set_tags("u2", {"a"});
    r.set_tags("u3", {"b", "c"});
    r.set_tags("u4", {"c"});
    return r;
}

std::vector<std::string> ids(std::vector<index_t> const& slots, device_registry const& r) {
    std::vector<std::string> out;
    for (auto s : slots)
        out.push_back(r.device_id(s));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> resolve(audience const& a, std::vector<platform> const& p,
                                 device_registry const& r, time_ms at = now_ms) {
    auto const slots = resolve_audience(a, p, r, at);
    auto sorted = slots;
    std::sort(sorted.begin(), sorted.end());
    REQUIRE(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()); // each once
    // Reporting the devices left out takes other paths; it reaches the same devices.
    exclusion_sink sink;
    CHECK(ids(resolve_audience(a, p, r, at, &sink), r) == ids(slots, r));
    return ids(slots, r);
}

/// The selected devices left out, as "id:reason+reason", sorted.
std::vector<std::string> left_out(audience const& a, std::vector<platform> const& p,
                                  device_registry const& r, time_ms at = now_ms) {
    exclusion_sink sink;
    sink.cap = 100;
    resolve_audience(a, p, r, at, &sink);
    std::vector<std::string> out;
    for (auto const& k : sink.kept) {
        std::string why;
        for (auto e : all_exclusions)
            if (k.reasons & bit(e))
                why.append(why.empty() ? "" : "+").append(to_string(e));
        out.push_back(r.device_id(k.slot) + ":" + why);
    }
    std::sort(out.begin(), out.end());
    return out;
}

using list = std::vector<std::string>;

list device_ids(recipients const& r) {
    list out;
    for (auto const& d : r.devices)
        out.push_back(d.device_id);
    return out;
}

audience tags(list all, list any = {}, std::string package = {}) {
    audience a;
    a.tag = std::move(all);
    a.tag_or = std::move(any);
    a.package_name = std::move(package);
    return a;
}

} // namespace

TEST_CASE("audience/is-to-all: every eligible device of the platforms, conditions ignored") {
    auto const r = sample();
    audience a = tags({"nobody-has-this"}, {"nor-this"}, "com.none");
    a.userid = {"u2"};
    a.is_to_all = true;
    CHECK(resolve(a, every_platform, r) == list{"a1", "h2", "i1", "i4", "o3"});
    CHECK(resolve(a, {platform::ios, platform::android}, r) == list{"a1", "h2", "i1", "i4"});
}

TEST_CASE("audience/platform-filter: only devices of the listed platforms") {
    auto const r = sample();
    audience all;
    all.is_to_all = true;
    CHECK(resolve(all, {platform::ios}, r) == list{"i1", "i4"});
    CHECK(resolve(all, {platform::harmonyos}, r) == list{"o3"});
    CHECK(resolve(tags({"a"}), {platform::android}, r) == list{"a1", "h2"});
    CHECK(resolve(tags({}, {}, "com.a"), {platform::ios}, r) == list{"i1"});
}

TEST_CASE("audience/userid-wins: userid ignores tags, packageName and platform") {
    auto const r = sample();
    audience a = tags({"c"}, {"c"}, "com.a");
    a.userid = {"u3", "u2", "u3", "unknown-user"};
    CHECK(resolve(a, {platform::ios}, r) == list{"h2", "o3"});
    a.userid = {"unknown-user"};
    CHECK(resolve(a, every_platform, r).empty());
}

TEST_CASE("audience/tag-and: the user must have every tag") {
    auto const r = sample();
    CHECK(resolve(tags({"a", "b"}), every_platform, r) == list{"a1", "i1"});
    CHECK(resolve(tags({"b"}), every_platform, r) == list{"a1", "i1", "o3"});
    CHECK(resolve(tags({"a", "c"}), every_platform, r).empty());
    CHECK(resolve(tags({"a", "unknown"}), every_platform, r).empty());
}

TEST_CASE("audience/tag-or: at least one tag_or; with tag both hold") {
    auto const r = sample();
    CHECK(resolve(tags({}, {"a", "c"}), every_platform, r) == list{"a1", "h2", "i1", "i4", "o3"});
    CHECK(resolve(tags({}, {"a", "a", "b"}), every_platform, r) == list{"a1", "h2", "i1", "o3"});
    CHECK(resolve(tags({}, {"unknown", "c"}), every_platform, r) == list{"i4", "o3"});
    CHECK(resolve(tags({}, {"unknown"}), every_platform, r).empty());
    CHECK(resolve(tags({"b"}, {"c"}), every_platform, r) == list{"o3"});
    CHECK(resolve(tags({"a"}, {"b", "c"}), every_platform, r) == list{"a1", "i1"});
}

TEST_CASE("audience/package-and: packageName ANDs with the tag conditions") {
    auto const r = sample();
    CHECK(resolve(tags({}, {}, "com.b"), every_platform, r) == list{"h2", "i4"});
    CHECK(resolve(tags({"b"}, {}, "com.a"), every_platform, r) == list{"a1", "i1", "o3"});
    CHECK(resolve(tags({}, {"a", "c"}, "com.b"), every_platform, r) == list{"h2", "i4"});
    CHECK(resolve(tags({"a"}, {}, "com.unknown"), every_platform, r).empty());
}

TEST_CASE("audience/package-and: the smaller side drives resolution, same answer") {
    device_registry r;
    // 40 users tagged "x", each with a device in com.big; two of them also in com.small.
    for (int u = 0; u < 40; ++u) {
        auto const user = "u" + std::to_string(u);
        r.upsert({"big" + std::to_string(u), user, platform::android, channel::mi, "com.big",
                  now_ms, true});
        r.set_tags(user, {"x"});
    }
    r.upsert({"small0", "u0", platform::android, channel::oppo, "com.small", now_ms, true});
    r.upsert({"small1", "nobody", platform::android, channel::vivo, "com.small", now_ms, true});
    CHECK(resolve(tags({"x"}, {}, "com.small"), every_platform, r) == list{"small0"});
    CHECK(resolve(tags({"x"}, {}, "com.big"), every_platform, r).size() == 40);
}

TEST_CASE("audience/active-30-days: exactly 30 days still targeted, 30 days + 1 ms not") {
    device_registry r;
    r.upsert({"edge", "u", platform::ios, channel::apns, "", now_ms - 30 * day_ms, true});
    r.upsert({"stale", "u", platform::ios, channel::apns, "", now_ms - 30 * day_ms - 1, true});
    r.upsert({"future", "u", platform::ios, channel::apns, "", now_ms + day_ms, true});
    r.set_tags("u", {"t"});
    audience all;
    all.is_to_all = true;
    CHECK(resolve(all, every_platform, r) == list{"edge", "future"});
    CHECK(resolve(tags({"t"}), every_platform, r) == list{"edge", "future"});
    audience by_user;
    by_user.userid = {"u"};
    CHECK(resolve(by_user, every_platform, r) == list{"edge", "future"});
    // One millisecond later the edge device drops out too.
    CHECK(resolve(all, every_platform, r, now_ms + 1) == list{"future"});
}

TEST_CASE("audience/push-allowed: devices that disallow push are not targeted") {
    device_registry r;
    r.upsert({"on", "u", platform::android, channel::fcm, "p", now_ms, true});
    r.upsert({"off", "u", platform::android, channel::fcm, "p", now_ms, false});
    r.set_tags("u", {"t"});
    audience all;
    all.is_to_all = true;
    CHECK(resolve(all, every_platform, r) == list{"on"});
    CHECK(resolve(tags({"t"}), every_platform, r) == list{"on"});
    CHECK(resolve(tags({}, {}, "p"), every_platform, r) == list{"on"});
    audience by_user;
    by_user.userid = {"u"};
    CHECK(resolve(by_user, every_platform, r) == list{"on"});
}

TEST_CASE("audience: empty registries and cleared tags resolve to nobody") {
    device_registry empty;
    audience all;
    all.is_to_all = true;
    CHECK(resolve(all, every_platform, empty).empty());
    CHECK(resolve(tags({"a"}), every_platform, empty).empty());
    auto r = sample();
    r.set_tags("u2", {});
    CHECK(resolve(tags({"a"}), every_platform, r) == list{"a1", "i1"});
    r.set_tags("u1", {});
    CHECK(resolve(tags({"a"}), every_platform, r).empty());
}

TEST_CASE("audience: summarize counts per platform and channel and caps the device ids") {
    auto const r = sample();
    audience all;
    all.is_to_all = true;
    auto const slots = resolve_audience(all, every_platform, r, now_ms);
    auto const full = summarize(slots, r, 1000);
    CHECK(full.total == 5);
    CHECK(full.by_platform[static_cast<int>(platform::ios)] == 2);
    CHECK(full.by_platform[static_cast<int>(platform::android)] == 2);
    CHECK(full.by_platform[static_cast<int>(platform::harmonyos)] == 1);
    CHECK(full.by_channel[static_cast<int>(channel::apns)] == 2);
    CHECK(full.by_channel[static_cast<int>(channel::hw)] == 1);
    CHECK(full.by_channel[static_cast<int>(channel::mi)] == 0);
    CHECK(device_ids(full) == list{"a1", "h2", "i1", "i4", "o3"});
    CHECK(full.devices[0].user_id == "u1");
    CHECK(full.devices[0].vendor == channel::fcm);
    CHECK_FALSE(full.truncated);
    auto const capped = summarize(slots, r, 2);
    CHECK(capped.total == 5);
    CHECK(capped.truncated);
    CHECK(device_ids(capped) == list{"a1", "i1"}); // the first two in registry order, sorted
}

TEST_CASE("audience/platform-filter: a selected device of another platform is reported left out") {
    auto const r = sample();
    audience all;
    all.is_to_all = true;
    CHECK(left_out(all, {platform::ios}, r) ==
          list{"a1:platform_not_targeted", "h2:platform_not_targeted", "o3:platform_not_targeted"});
    // userid ignores platform: nothing is left out for it.
    audience by_user;
    by_user.userid = {"u1"};
    CHECK(left_out(by_user, {platform::ios}, r).empty());
    // Tags select the users' devices; the platform filter leaves some out.
    CHECK(left_out(tags({"b"}), {platform::android}, r) ==
          list{"i1:platform_not_targeted", "o3:platform_not_targeted"});
}

TEST_CASE("audience/package-and: a tagged user's device of another package is reported left out") {
    auto const r = sample();
    CHECK(left_out(tags({"a"}, {}, "com.b"), every_platform, r) ==
          list{"a1:package_mismatch", "i1:package_mismatch"});
    // A package no device has: every device of the tagged users is left out.
    CHECK(left_out(tags({"c"}, {}, "com.none"), every_platform, r) ==
          list{"i4:package_mismatch", "o3:package_mismatch"});
    // packageName alone selects the package's devices: the others are not "selected".
    CHECK(left_out(tags({}, {}, "com.b"), {platform::ios}, r) == list{"h2:platform_not_targeted"});
}

TEST_CASE("audience/active-30-days: a stale device is reported left out, with every reason") {
    device_registry r;
    r.upsert({"fresh", "u", platform::ios, channel::apns, "", now_ms, true});
    r.upsert({"old", "u", platform::ios, channel::apns, "", now_ms - 40 * day_ms, true});
    r.upsert({"old-off", "u", platform::android, channel::mi, "", now_ms - 31 * day_ms, false});
    audience by_user;
    by_user.userid = {"u"};
    CHECK(left_out(by_user, {platform::ios}, r) ==
          list{"old-off:push_disallowed+stale", "old:stale"});
    audience all;
    all.is_to_all = true;
    CHECK(left_out(all, {platform::ios}, r) ==
          list{"old-off:platform_not_targeted+push_disallowed+stale", "old:stale"});
}

TEST_CASE("audience: summarize describes the devices left out, counted beyond the cap") {
    device_registry r;
    for (int i = 0; i < 5; ++i)
        r.upsert({"d" + std::to_string(i), "u" + std::to_string(i), platform::ios, channel::apns,
                  "", now_ms - 40 * day_ms, i != 0});
    audience all;
    all.is_to_all = true;
    exclusion_sink sink;
    sink.cap = 2;
    auto const slots = resolve_audience(all, every_platform, r, now_ms, &sink);
    auto const s = summarize(slots, r, 2, &sink);
    CHECK(s.total == 0);
    CHECK(s.excluded.total == 5);
    CHECK(s.excluded.by_reason[static_cast<std::size_t>(exclusion::stale)] == 5);
    CHECK(s.excluded.by_reason[static_cast<std::size_t>(exclusion::push_disallowed)] == 1);
    CHECK(s.excluded.truncated);
    REQUIRE(s.excluded.devices.size() == 2);
    CHECK(s.excluded.devices[0].device_id == "d0");
    CHECK(s.excluded.devices[0].user_id == "u0");
    CHECK(s.excluded.devices[0].last_connected == now_ms - 40 * day_ms);
    CHECK(s.excluded.devices[1].device_id == "d1");
}
