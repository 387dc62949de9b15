#include "core/model/device_seed.hpp"
#include "core/model/registry.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {

constexpr time_ms now_ms = 1'795'658'400'000;

std::vector<std::string> device_ids_of_user(device_registry const& r, std::string_view user) {
    std::vector<std::string> out;
    if (auto u = r.find_user(user); u != no_index)
        for (auto s : r.devices_of_user(u))
            out.push_back(r.device_id(s));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> users_with(device_registry const& r, std::string_view tag) {
    std::vector<std::string> out;
    if (auto t = r.find_tag(tag); t != no_index)
        for (auto u : r.users_with_tag(t))
            for (auto const& [user, tags] : r.all_tags())
                if (r.find_user(user) == u)
                    out.push_back(user);
    std::sort(out.begin(), out.end());
    return out;
}

void check_control_error(api_result<std::size_t> const& r, std::string_view path) {
    REQUIRE(r.has_error());
    CHECK(r.error().status() == 400);
    CHECK(r.error().code() == 1002);
    CHECK(r.error().path() == path);
}

} // namespace

TEST_CASE("registry: channels map to their platform; hms is an alias of hw") {
    CHECK(platform_of(channel::apns) == platform::ios);
    CHECK(platform_of(channel::ohos) == platform::harmonyos);
    for (auto c :
         {channel::fcm, channel::hw, channel::honor, channel::mi, channel::oppo, channel::vivo})
        CHECK(platform_of(c) == platform::android);
    CHECK(parse_channel("hms") == channel::hw);
    CHECK(parse_channel("hw") == channel::hw);
    CHECK(to_string(channel::hw) == "hw");
    CHECK_FALSE(parse_channel("APNS").has_value());
    CHECK(parse_platform("harmonyos") == platform::harmonyos);
}

TEST_CASE("registry: upsert replaces a device and moves it between users and packages") {
    device_registry r;
    r.upsert({"d1", "u1", platform::ios, channel::apns, "p1", 1, true});
    r.upsert({"d2", "u1", platform::android, channel::mi, "p1", 2, true});
    r.upsert({"d3", "u1", platform::android, channel::oppo, "p2", 3, false});
    CHECK(r.device_count() == 3);
    CHECK(device_ids_of_user(r, "u1") == std::vector<std::string>{"d1", "d2", "d3"});
    r.upsert({"d1", "u2", platform::android, channel::vivo, "p2", 9, false});
    CHECK(r.device_count() == 3);
    CHECK(device_ids_of_user(r, "u1") == std::vector<std::string>{"d2", "d3"});
    CHECK(device_ids_of_user(r, "u2") == std::vector<std::string>{"d1"});
    auto d1 = r.find("d1");
    REQUIRE(d1);
    CHECK(d1->user_id == "u2");
    CHECK(d1->vendor == channel::vivo);
    CHECK(d1->package_name == "p2");
    CHECK(d1->last_connected == 9);
    CHECK_FALSE(d1->push_allowed);
    CHECK(r.devices_with_package(r.find_package("p1")).size() == 1);
    CHECK(r.devices_with_package(r.find_package("p2")).size() == 2);
}

TEST_CASE("registry: erase frees the slot for reuse and keeps the indexes right") {
    device_registry r;
    for (int i = 0; i < 5; ++i)
        r.upsert({"d" + std::to_string(i), "u", platform::android, channel::fcm, "p", 0, true});
    CHECK(r.erase("d1"));
    CHECK_FALSE(r.erase("d1"));
    CHECK_FALSE(r.find("d1"));
    CHECK(r.device_count() == 4);
    CHECK(device_ids_of_user(r, "u") == std::vector<std::string>{"d0", "d2", "d3", "d4"});
    r.upsert({"d9", "v", platform::ios, channel::apns, "q", 0, true});
    CHECK(r.slots().size() == 5); // the freed slot was reused
    CHECK(r.devices().size() == 5);
    CHECK(r.devices_with_package(r.find_package("p")).size() == 4);
    r.clear();
    CHECK(r.device_count() == 0);
    CHECK(r.tags_of("u").empty());
}

TEST_CASE("tags.set/replace: a set replaces the user's tags; an empty list clears them") {
    device_registry r;
    r.set_tags("u1", {"a", "b", "a"});
    r.set_tags("u2", {"a"});
    r.set_tags("u3", {"a", "c"});
    CHECK(r.tags_of("u1") == std::vector<std::string>{"a", "b"});
    CHECK(users_with(r, "a") == std::vector<std::string>{"u1", "u2", "u3"});
    r.set_tags("u1", {"c"}); // u1 leaves "a" from the front of the list
    CHECK(r.tags_of("u1") == std::vector<std::string>{"c"});
    CHECK(users_with(r, "a") == std::vector<std::string>{"u2", "u3"});
    CHECK(users_with(r, "c") == std::vector<std::string>{"u1", "u3"});
    r.set_tags("u3", {});
    CHECK(r.tags_of("u3").empty());
    CHECK(users_with(r, "a") == std::vector<std::string>{"u2"});
    CHECK(r.user_has_tag(r.find_user("u2"), r.find_tag("a")));
    CHECK_FALSE(r.user_has_tag(r.find_user("u1"), r.find_tag("a")));
    CHECK(r.tags_of("never-seen").empty());
}

TEST_CASE("registry: the seed file creates apps, devices and tags") {
    emulator_state state;
    state.upsert_app({"k1", "s1", true, {}, {}});
    auto doc = json::parse(R"({"apps":{
        "k1":{"devices":[{"id":"d1","user_id":"u1","platform":"ios"},
                         {"id":"d2","user_id":"u2","channel":"hms","package_name":"com.x",
                          "last_connected_ms":5,"push_allowed":false}],
              "tags":{"u1":["a","b"]}},
        "k2":{"secret":"s2","per_hour":0,"devices":[{"id":"e1","user_id":"u1","platform":"HarmonyOS"}]}}})");
    auto n = seed_devices(state, doc, now_ms);
    REQUIRE(n.has_value());
    CHECK(*n == 3);
    auto& k1 = *state.find_app("k1");
    auto d1 = k1.registry.find("d1");
    REQUIRE(d1);
    CHECK(d1->vendor == channel::apns); // default channel of ios
    CHECK(d1->last_connected == now_ms);
    CHECK(d1->push_allowed);
    auto d2 = k1.registry.find("d2");
    REQUIRE(d2);
    CHECK(d2->os == platform::android);
    CHECK(d2->vendor == channel::hw);
    CHECK(d2->package_name == "com.x");
    CHECK(d2->last_connected == 5);
    CHECK_FALSE(d2->push_allowed);
    CHECK(k1.registry.tags_of("u1") == std::vector<std::string>{"a", "b"});
    auto* k2 = state.find_app("k2");
    REQUIRE(k2);
    CHECK(k2->config.secret == "s2");
    CHECK(k2->config.limits.per_hour == 0);
    CHECK(k2->registry.find("e1")->vendor == channel::ohos);
    CHECK(k2->registry.tags_of("u1").empty()); // tags are per app
}

TEST_CASE("registry: a bad seed names the field and changes nothing") {
    emulator_state state;
    state.upsert_app({"k1", "s1", true, {}, {}});
    auto seed = [&](std::string_view text) {
        return seed_devices(state, json::parse(text), now_ms);
    };
    auto const ok = R"({"id":"d0","user_id":"u","platform":"ios"})";
    check_control_error(seed(std::string(R"({"apps":{"k1":{"devices":[)") + ok + "," + ok + "," +
                             ok + R"(,{"id":"d3","user_id":"u","platform":"windows"}]}}})"),
                        "apps.k1.devices[3].platform");
    check_control_error(
        seed(
            R"({"apps":{"k1":{"devices":[{"id":"d","user_id":"u","platform":"ios","channel":"fcm"}]}}})"),
        "apps.k1.devices[0].channel");
    check_control_error(
        seed(
            R"({"apps":{"k1":{"devices":[{"id":"d","user_id":"u","platform":"android","channel":"pigeon"}]}}})"),
        "apps.k1.devices[0].channel");
    check_control_error(seed(R"({"apps":{"k1":{"devices":[{"user_id":"u","platform":"ios"}]}}})"),
                        "apps.k1.devices[0].id");
    check_control_error(seed(R"({"apps":{"k1":{"devices":[{"id":"d","platform":"ios"}]}}})"),
                        "apps.k1.devices[0].user_id");
    check_control_error(seed(R"({"apps":{"k1":{"devices":[{"id":"d","user_id":"u"}]}}})"),
                        "apps.k1.devices[0].platform");
    check_control_error(
        seed(
            R"({"apps":{"k1":{"devices":[{"id":"d","user_id":"u","platform":"ios","last_connected_ms":"yesterday"}]}}})"),
        "apps.k1.devices[0].last_connected_ms");
    check_control_error(
        seed(
            R"({"apps":{"k1":{"devices":[{"id":"d","user_id":"u","platform":"ios","push_allowed":1}]}}})"),
        "apps.k1.devices[0].push_allowed");
    check_control_error(
        seed(
            R"({"apps":{"k1":{"devices":[{"id":"d","user_id":"u","platform":"ios","colour":"red"}]}}})"),
        "apps.k1.devices[0].colour");
    check_control_error(seed(R"({"apps":{"nope":{"devices":[]}}})"), "apps.nope.secret");
    check_control_error(seed(R"({"apps":{"k1":{"tags":{"u1":"a"}}}})"), "apps.k1.tags.u1");
    check_control_error(seed(R"({"apps":[]})"), "apps");
    check_control_error(seed(R"({"devices":[]})"), "devices");
    // A valid app before a bad one is not applied either (all or nothing).
    auto r = seed(R"({"apps":{"k1":{"devices":[{"id":"good","user_id":"u","platform":"ios"}]},
                              "k3":{"devices":[]}}})");
    check_control_error(r, "apps.k3.secret");
    CHECK(state.find_app("k1")->registry.device_count() == 0);
    CHECK(state.find_app("k3") == nullptr);
}
