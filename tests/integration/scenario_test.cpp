// A full scenario over real sockets: create an app, seed devices, set tags through the tag API,
// push by tag, read the journal, move the clock 31 days, cross quota windows.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

namespace {

namespace json = boost::json;
using namespace push::test_support;

// 2026-11-26T10:00:00+08:00, a clock hour start.
constexpr long long t0 = 1'795'658'400'000;
constexpr long long hour = 3'600'000, day = 24 * hour;

struct scenario {
    emulator_process emu;
    http_client c{emu.port()};

    json::value control(std::string_view method, std::string_view target,
                        std::string_view body = {}) {
        auto r = c.send(method, target, {{"Content-Type", "application/json"}}, body);
        INFO(method << " " << target << " -> " << r.body);
        REQUIRE(r.status == 200);
        return r.json;
    }
    http_reply signed_post(std::string_view target, std::string_view body) {
        return c.post(target, signed_headers("shop", "sec"), body);
    }
    json::value last_entry() {
        auto j = control("GET", "/_emulator/journal?app=shop&limit=1");
        return j.at("entries").as_array().at(0);
    }
};

constexpr char vip_push[] = R"({"platform":["ios","android"],
  "audience":{"tag":["vip"],"tag_or":["beijing","shanghai"]},
  "notification":{"title":"Sale","alert":"50% off","ios":{"title":"iOS sale","badge":1},
                  "android":{"alert":"Android: 50% off","hw":{"importance":"LOW"}}}})";

} // namespace

TEST_CASE("audience/tag-and: scenario — tags, push, journal, 30-day rule and quota windows") {
    scenario s;
    s.control("PUT", "/_emulator/apps/shop", R"({"secret":"sec","per_hour":2,"per_day":3})");
    s.control("POST", "/_emulator/clock/freeze");
    s.control("PUT", "/_emulator/clock", R"({"now_ms":1795658400000})");
    s.control("POST", "/_emulator/apps/shop/devices", R"({"devices":[
        {"id":"alice-iphone","user_id":"alice","platform":"ios","channel":"apns"},
        {"id":"alice-huawei","user_id":"alice","platform":"android","channel":"hw"},
        {"id":"bob-pixel","user_id":"bob","platform":"android","channel":"fcm"},
        {"id":"carol-iphone","user_id":"carol","platform":"ios","channel":"apns"},
        {"id":"dave-mate","user_id":"dave","platform":"harmonyos","channel":"ohos"},
        {"id":"erin-mi","user_id":"erin","platform":"android","channel":"mi","push_allowed":false}]})");
    // Tags through the real tag APIs.
    REQUIRE(s.signed_post("/user/tag/set.json", R"({"userId":"alice","tags":["vip","beijing"]})")
                .code() == 200);
    REQUIRE(s.signed_post("/user/tag/batch/set.json",
                          R"({"userIds":["bob","dave","erin"],"tags":["vip","shanghai"]})")
                .code() == 200);
    REQUIRE(s.signed_post("/user/tag/set.json", R"({"userId":"carol","tags":["vip"]})").code() ==
            200);

    // Push 1 at 10:00: vip AND (beijing OR shanghai), iOS + Android.
    auto r = s.signed_post("/push.json", vip_push);
    REQUIRE(r.status == 200);
    auto const id = r.json.at("id");
    auto waited = s.control("GET", "/_emulator/journal/wait?app=shop&count=1&timeout_ms=2000");
    CHECK(waited.at("timed_out") == false);
    auto e = s.control("GET", "/_emulator/journal/" + std::string(id.as_string())).at("entry");
    CHECK(e.at("outcome") == "accepted");
    CHECK(e.at("time_ms") == t0);
    // carol lacks a city tag, dave is HarmonyOS, erin disallows push.
    CHECK(e.at("recipients").at("device_ids") ==
          json::parse(R"(["alice-huawei","alice-iphone","bob-pixel"])"));
    CHECK(e.at("recipients").at("by_platform") ==
          json::parse(R"({"ios":1,"android":2,"harmonyos":0})"));
    CHECK(e.at("recipients").at("by_channel") == json::parse(R"({"apns":1,"fcm":1,"hw":1})"));
    CHECK(e.at("effective").at("ios").at("title") == "iOS sale");
    CHECK(e.at("effective").at("ios").at("alert") == "50% off");
    CHECK(e.at("effective").at("ios").at("badge") == 1);
    CHECK(e.at("effective").at("android").at("title") == "Sale");
    CHECK(e.at("effective").at("android").at("alert") == "Android: 50% off");
    CHECK(e.at("effective").at("android").at("channels").at("hw").at("importance") == "LOW");

    // 31 days later only a device that connected again is targeted.
    s.control("POST", "/_emulator/clock/advance", R"({"by":"31d"})");
    s.control(
        "POST", "/_emulator/apps/shop/devices",
        R"({"devices":[{"id":"bob-pixel","user_id":"bob","platform":"android","channel":"fcm"}]})");
    REQUIRE(s.signed_post("/push.json", vip_push).status == 200);
    auto later = s.last_entry();
    CHECK(later.at("time_ms") == t0 + 31 * day);
    CHECK(later.at("recipients").at("device_ids") == json::parse(R"(["bob-pixel"])"));
    CHECK(later.at("recipients").at("total") == 1);

    // Quota: the second push this hour is fine, the third is 429, the next hour opens again,
    // then the day (3) is full until midnight UTC+08:00.
    REQUIRE(s.signed_post("/push.json", vip_push).status == 200);
    r = s.signed_post("/push.json", vip_push);
    CHECK(r.status == 429);
    CHECK(r.code() == 1008);
    CHECK(s.last_entry().at("rule") == "quota/per-hour");
    s.control("POST", "/_emulator/clock/advance", R"({"by":"1h"})");
    REQUIRE(s.signed_post("/push.json", vip_push).status == 200);
    s.control("POST", "/_emulator/clock/advance", R"({"by":"1h"})");
    r = s.signed_post("/push.json", vip_push);
    CHECK(r.status == 429);
    CHECK(s.last_entry().at("rule") == "quota/per-day");
    auto q = s.control("GET", "/_emulator/apps/shop/quota");
    CHECK(q.at("day_used") == 3);
    // Now 12:00+08:00 on day 31: midnight is 12 hours away.
    s.control("POST", "/_emulator/clock/advance", R"({"by":"11h59m59s"})");
    CHECK(s.signed_post("/push.json", vip_push).status == 429);
    s.control("POST", "/_emulator/clock/advance", R"({"by":"1s"})");
    CHECK(s.signed_post("/push.json", vip_push).status == 200);

    auto all = s.control("GET", "/_emulator/journal?app=shop");
    CHECK(all.at("entries").as_array().size() == 8);
    CHECK(all.at("evicted") == 0);
    CHECK(s.control("GET", "/_emulator/journal?app=shop&outcome=rejected")
              .at("entries")
              .as_array()
              .size() == 3);
}
