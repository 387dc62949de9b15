#include "core/control/control_api.hpp"
#include "core/model/signature.hpp"
#include "core/model/text.hpp"
#include "core/router.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {

constexpr time_ms real_ms = 1'795'658'400'000;

struct fixture {
    emulator_state state;
    int nonce = 0;

    api_response call(std::string method, std::string target, std::string body = {},
                      std::vector<header> headers = {}) {
        return handle_request(
            {std::move(method), std::move(target), std::move(headers), std::move(body)}, state,
            real_ms);
    }
    json::object ok(std::string method, std::string target, std::string body = {}) {
        auto r = call(std::move(method), target, std::move(body));
        INFO(target << " -> " << (r.result.has_error() ? r.result.error().message() : ""));
        REQUIRE(r.result.has_value());
        CHECK(r.result->at("code") == 200);
        return *r.result;
    }
    api_response push(std::string key, std::string secret, std::string body) {
        auto n = std::to_string(++nonce);
        std::string ts = "1795658400";
        return handle_request({"POST",
                               "/push.json",
                               {{"App-Key", std::move(key)},
                                {"Nonce", n},
                                {"Timestamp", ts},
                                {"Signature", expected_signature(secret, n, ts)}},
                               std::move(body)},
                              state, real_ms);
    }
};

void check_error(api_response const& r, int status, int code, std::string_view path = "") {
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().status() == status);
    CHECK(r.result.error().code() == code);
    CHECK(r.result.error().path() == path);
}

constexpr char to_all[] =
    R"({"platform":["ios","android"],"audience":{"is_to_all":true},"notification":{"alert":"x"}})";

} // namespace

TEST_CASE("emulator/control: health, config and the /_emulator/ prefix") {
    fixture f;
    CHECK(find_route("/_emulator/health").kind == route_kind::control);
    CHECK(find_route("/_emulator/anything").kind == route_kind::control);
    auto h = f.ok("GET", "/_emulator/health");
    CHECK(h.at("status") == "ok");
    CHECK(h.at("apps") == 0);
    f.ok("PUT", "/_emulator/apps/k1", R"({"secret":"s1"})");
    auto c = f.ok("GET", "/_emulator/config?secrets=true");
    CHECK(c.at("settings").at("journal_capacity") == 1000);
    CHECK(c.at("apps").as_array().at(0).at("secret") == "s1");
    check_error(f.call("GET", "/_emulator/nope"), 404, 404);
    auto m = f.call("POST", "/_emulator/health");
    check_error(m, 405, 405);
    REQUIRE(m.headers.size() == 1);
    CHECK(m.headers[0].value == "GET");
}

TEST_CASE(
    "emulator/control: a body that is not UTF-8 was called a syntax error; it names the byte") {
    fixture f;
    auto r = f.call("PUT", "/_emulator/apps/k", "{\"secret\":\"s\xff\"}");
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().status() == 400);
    CHECK(r.result.error().message() == "malformed JSON body: not valid UTF-8 at byte 12");
}

TEST_CASE("emulator/admin-token: with a token every control request needs it") {
    fixture f;
    f.state.settings.admin_token = "t0ken";
    check_error(f.call("GET", "/_emulator/health"), 401, 401);
    check_error(f.call("GET", "/_emulator/health", {}, {{"X-Emulator-Token", "wrong"}}), 401, 401);
    CHECK(
        f.call("GET", "/_emulator/health", {}, {{"X-Emulator-Token", "t0ken"}}).result.has_value());
    CHECK(f.call("GET", "/_emulator/health", {}, {{"Authorization", "Bearer t0ken"}})
              .result.has_value());
}

TEST_CASE("emulator/control: apps are created, updated, listed and deleted at run time") {
    fixture f;
    auto created =
        f.ok("PUT", "/_emulator/apps/k1",
             R"({"secret":"s1","push_enabled":false,"per_hour":0,"per_day":9,"profile":"strict"})");
    CHECK(created.at("created") == true);
    CHECK(created.at("per_day") == 9);
    CHECK(created.at("profile") == "strict");
    auto updated = f.ok("PUT", "/_emulator/apps/k1?secrets=true", R"({"push_enabled":true})");
    CHECK(updated.at("created") == false);
    CHECK(updated.at("secret") == "s1");
    CHECK(updated.at("push_enabled") == true);
    CHECK(f.ok("GET", "/_emulator/apps").at("apps").as_array().size() == 1);
    CHECK(f.ok("GET", "/_emulator/apps/k1").at("key") == "k1");
    check_error(f.call("PUT", "/_emulator/apps/k2", R"({"per_hour":1})"), 400, 1002, "secret");
    check_error(f.call("PUT", "/_emulator/apps/k1", R"({"per_hour":-1})"), 400, 1002, "per_hour");
    check_error(f.call("PUT", "/_emulator/apps/k1", R"({"profile":"loose"})"), 400, 1002,
                "profile");
    check_error(f.call("PUT", "/_emulator/apps/k1", R"({"secrte":"x"})"), 400, 1002, "secrte");
    check_error(f.call("PUT", "/_emulator/apps/k1", R"({"push_enabled":"yes"})"), 400, 1002,
                "push_enabled");
    check_error(f.call("PUT", "/_emulator/apps/k1", ""), 400, 1002);
    f.ok("DELETE", "/_emulator/apps/k1");
    check_error(f.call("GET", "/_emulator/apps/k1"), 404, 404);
    check_error(f.call("DELETE", "/_emulator/apps/k1"), 404, 404);
}

TEST_CASE("emulator/control: devices are upserted, filtered, listed and deleted") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k1", R"({"secret":"s1"})");
    auto up = f.ok("POST", "/_emulator/apps/k1/devices", R"({"devices":[
        {"id":"d1","user_id":"u1","platform":"ios","channel":"apns","package_name":"com.a",
         "last_connected_ms":1700000000000,"push_allowed":true},
        {"id":"d2","user_id":"u1","platform":"android","channel":"mi"},
        {"id":"d3","user_id":"u2","channel":"ohos"}]})");
    CHECK(up.at("upserted") == 3);
    auto all = f.ok("GET", "/_emulator/apps/k1/devices");
    CHECK(all.at("total") == 3);
    CHECK(all.at("devices").as_array().at(0) ==
          json::parse(R"({"id":"d1","user_id":"u1","platform":"ios","channel":"apns",
              "package_name":"com.a","last_connected_ms":1700000000000,"push_allowed":true})"));
    CHECK(all.at("devices").as_array().at(1).at("last_connected_ms") == real_ms);
    CHECK(f.ok("GET", "/_emulator/apps/k1/devices?user_id=u1").at("total") == 2);
    CHECK(f.ok("GET", "/_emulator/apps/k1/devices?platform=harmonyos").at("total") == 1);
    CHECK(f.ok("GET", "/_emulator/apps/k1/devices?channel=mi").at("total") == 1);
    auto limited = f.ok("GET", "/_emulator/apps/k1/devices?limit=1");
    CHECK(limited.at("total") == 3);
    CHECK(limited.at("devices").as_array().size() == 1);
    CHECK(f.ok("GET", "/_emulator/apps/k1/devices/d2").at("channel") == "mi");
    check_error(f.call("GET", "/_emulator/apps/k1/devices?platform=windows"), 400, 1002,
                "platform");
    check_error(f.call("GET", "/_emulator/apps/k1/devices?limit=x"), 400, 1002, "limit");
    check_error(
        f.call("POST", "/_emulator/apps/k1/devices",
               R"({"devices":[{"id":"d9","user_id":"u","platform":"ios","channel":"fcm"}]})"),
        400, 1002, "devices[0].channel");
    check_error(f.call("POST", "/_emulator/apps/k1/devices", R"({"device":[]})"), 400, 1002,
                "device");
    check_error(f.call("POST", "/_emulator/apps/nope/devices", R"({"devices":[]})"), 404, 404);
    f.ok("DELETE", "/_emulator/apps/k1/devices/d1");
    check_error(f.call("DELETE", "/_emulator/apps/k1/devices/d1"), 404, 404);
    CHECK(f.ok("DELETE", "/_emulator/apps/k1/devices").at("deleted") == 2);
    CHECK(f.ok("GET", "/_emulator/apps/k1/devices").at("total") == 0);
}

TEST_CASE("emulator/control: reset clears one app and leaves the others alone") {
    fixture f;
    for (auto key : {"a", "b"}) {
        f.ok("PUT", std::string("/_emulator/apps/") + key,
             R"({"secret":"s","per_hour":0,"per_day":0})");
        f.ok("POST", std::string("/_emulator/apps/") + key + "/devices",
             R"({"devices":[{"id":"d1","user_id":"u1","platform":"ios"}]})");
        f.state.find_app(key)->registry.set_tags("u1", {"t"});
        f.ok("POST", std::string("/_emulator/apps/") + key + "/faults",
             R"({"path":"/user/tag/set.json","count":3})");
        REQUIRE(f.push(key, "s", to_all).result.has_value());
    }
    auto const first_id_a =
        json::value(json::string(f.state.find_app("a")->journal.entries().back().id()));
    auto const first_id_b =
        json::value(json::string(f.state.find_app("b")->journal.entries().back().id()));
    f.ok("POST", "/_emulator/apps/a/reset");
    auto& a = *f.state.find_app("a");
    auto& b = *f.state.find_app("b");
    CHECK(a.registry.device_count() == 0);
    CHECK(a.registry.tags_of("u1").empty());
    CHECK(a.journal.entries().empty());
    CHECK(a.faults.armed().empty());
    CHECK(a.quota.snapshot(real_ms, 480).day_used == 0);
    CHECK(b.registry.device_count() == 1);
    CHECK(b.registry.tags_of("u1") == std::vector<std::string>{"t"});
    CHECK(b.journal.entries().size() == 1);
    CHECK(b.faults.armed().size() == 1);
    // The id sequence goes on: ids are unique per process (response/id-format).
    CHECK(f.push("a", "s", to_all).result->at("id") != first_id_a);
    f.ok("POST", "/_emulator/apps/b/reset");
    CHECK(f.push("b", "s", to_all).result->at("id") != first_id_b);
    CHECK(first_id_a != first_id_b);
}

TEST_CASE("emulator/control: quota read and reset; faults armed, listed, cleared") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k", R"({"secret":"s","per_hour":1,"per_day":5})");
    REQUIRE(f.push("k", "s", to_all).result.has_value());
    CHECK(f.push("k", "s", to_all).result.error().code() == 1008);
    auto q = f.ok("GET", "/_emulator/apps/k/quota");
    CHECK(q.at("per_hour") == 1);
    CHECK(q.at("hour_used") == 1);
    CHECK(f.ok("POST", "/_emulator/apps/k/quota/reset").at("hour_used") == 0);
    REQUIRE(f.push("k", "s", to_all).result.has_value());

    auto faults =
        f.ok("POST", "/_emulator/apps/k/faults",
             R"({"path":"//push.json","status":500,"code":1000,"message":"boom","count":2})");
    CHECK(faults.at("faults").as_array().at(0).at("path") == "/push.json");
    f.ok("PUT", "/_emulator/apps/k", R"({"per_hour":0})");
    for (int i = 0; i < 2; ++i) {
        auto r = f.push("k", "s", to_all);
        REQUIRE(r.result.has_error());
        CHECK(r.result.error().status() == 500);
        CHECK(r.result.error().code() == 1000);
        CHECK(r.result.error().message() == "boom");
    }
    CHECK(f.push("k", "s", to_all).result.has_value());
    f.ok("POST", "/_emulator/apps/k/faults", R"({"path":"/user/tags/get.json"})");
    CHECK(f.ok("GET", "/_emulator/apps/k/faults").at("faults").as_array().size() == 1);
    f.ok("DELETE", "/_emulator/apps/k/faults");
    CHECK(f.ok("GET", "/_emulator/apps/k/faults").at("faults").as_array().empty());
    check_error(f.call("POST", "/_emulator/apps/k/faults", R"({"path":"/nope.json"})"), 400, 1002,
                "path");
    check_error(f.call("POST", "/_emulator/apps/k/faults", R"({"path":"/push.json","status":200})"),
                400, 1002, "status");
    check_error(f.call("POST", "/_emulator/apps/k/faults", R"({"path":"/push.json","count":-1})"),
                400, 1002, "count");
    check_error(f.call("POST", "/_emulator/apps/k/faults", R"({"path":"/push.json","when":1})"),
                400, 1002, "when");
}

TEST_CASE("emulator/control: journal list with filters, one entry, clear, evicted count") {
    fixture f;
    f.state.settings.journal_capacity = 3;
    f.ok("PUT", "/_emulator/apps/a", R"({"secret":"s","per_hour":0,"per_day":0})");
    f.ok("PUT", "/_emulator/apps/b", R"({"secret":"s","per_hour":0,"per_day":0})");
    std::string id_a;
    for (int i = 0; i < 4; ++i)
        id_a = std::string(f.push("a", "s", to_all).result->at("id").as_string());
    REQUIRE(f.push("a", "s", "{}").result.has_error());
    REQUIRE(f.push("b", "s", to_all).result.has_value());
    auto a = f.ok("GET", "/_emulator/journal?app=a");
    CHECK(a.at("entries").as_array().size() == 3);
    CHECK(a.at("evicted") == 2);
    CHECK(a.at("entries").as_array().back().at("outcome") == "rejected");
    auto accepted = f.ok("GET", "/_emulator/journal?app=a&outcome=accepted");
    CHECK(accepted.at("entries").as_array().size() == 2);
    CHECK(accepted.at("entries").as_array().back().at("id") == json::value(id_a));
    auto all = f.ok("GET", "/_emulator/journal?limit=2");
    REQUIRE(all.at("entries").as_array().size() == 2);
    CHECK(all.at("entries").as_array().back().at("app") == "b"); // newest last
    CHECK(all.at("evicted") == 2);
    CHECK(f.ok("GET", "/_emulator/journal?since_ms=" + std::to_string(real_ms + 1))
              .at("entries")
              .as_array()
              .empty());
    auto one = f.ok("GET", "/_emulator/journal/" + id_a);
    CHECK(one.at("entry").at("id") == json::value(id_a));
    CHECK(one.at("entry").at("recipients").at("total") == 0);
    check_error(f.call("GET", "/_emulator/journal/nope"), 404, 404);
    check_error(f.call("GET", "/_emulator/journal?app=zzz"), 404, 404);
    check_error(f.call("GET", "/_emulator/journal?outcome=maybe"), 400, 1002, "outcome");
    check_error(f.call("GET", "/_emulator/journal?limit=-1"), 400, 1002, "limit");
    CHECK(f.ok("DELETE", "/_emulator/journal?app=a").at("cleared") == 3);
    CHECK(f.ok("GET", "/_emulator/journal?app=b").at("entries").as_array().size() == 1);
    f.ok("DELETE", "/_emulator/journal");
    CHECK(f.ok("GET", "/_emulator/journal").at("entries").as_array().empty());
}

TEST_CASE("emulator/control: journal wait asks transport to retry until enough pushes arrive") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/a", R"({"secret":"s","per_hour":0,"per_day":0})");
    auto r = f.call("GET", "/_emulator/journal/wait?app=a&count=1&timeout_ms=5000");
    REQUIRE(r.result.has_value());
    CHECK(r.result->at("timed_out") == true);
    CHECK(r.result->at("accepted") == 0);
    REQUIRE(r.retry_until.has_value());
    CHECK(*r.retry_until == real_ms + 5000); // emulator time; transport keeps the first one
    REQUIRE(f.push("a", "s", to_all).result.has_value());
    r = f.call("GET", "/_emulator/journal/wait?app=a&count=1&timeout_ms=5000");
    CHECK_FALSE(r.retry_until.has_value());
    CHECK(r.result->at("timed_out") == false);
    CHECK(r.result->at("accepted") == 1);
    r = f.call("GET", "/_emulator/journal/wait?app=a&count=2&timeout_ms=0");
    CHECK_FALSE(r.retry_until.has_value());
    CHECK(r.result->at("timed_out") == true);
    check_error(f.call("GET", "/_emulator/journal/wait?count=1"), 400, 1002, "app");
    check_error(f.call("GET", "/_emulator/journal/wait?app=a&timeout_ms=999999999"), 400, 1002,
                "timeout_ms");
    check_error(f.call("GET", "/_emulator/journal/wait?app=zz"), 404, 404);
}

TEST_CASE("emulator/control: user tags of one app are readable") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/a", R"({"secret":"s"})");
    f.state.find_app("a")->registry.set_tags("u 1", {"x", "y"});
    auto t = f.ok("GET", "/_emulator/apps/a/tags/u%201");
    CHECK(t.at("user_id") == "u 1");
    CHECK(t.at("tags") == json::parse(R"(["x","y"])"));
    CHECK(f.ok("GET", "/_emulator/apps/a/tags/other").at("tags").as_array().empty());
}

TEST_CASE("emulator/control: a misspelled query parameter is refused, never ignored") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k", R"({"secret":"s"})");
    check_error(f.call("GET", "/_emulator/journal?app=k&outcom=accepted"), 400, 1002, "outcom");
    check_error(f.call("GET", "/_emulator/apps/k/devices?user=alice"), 400, 1002, "user");
    check_error(f.call("GET", "/_emulator/health?verbose=1"), 400, 1002, "verbose");
    f.ok("GET", "/_emulator/journal?app=k&outcome=accepted&since_ms=0&limit=5");
    f.ok("GET", "/_emulator/apps/k/devices?user_id=alice&platform=ios&limit=3");
}

TEST_CASE("emulator/control: ?platform=IOS filters devices like \"IOS\" in a push body [D-10]") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k1", R"({"secret":"s1"})");
    f.ok("POST", "/_emulator/apps/k1/devices", R"({"devices":[
        {"id":"d1","user_id":"u1","platform":"IOS"},
        {"id":"d2","user_id":"u1","platform":"Android","channel":"HMS"}]})");
    CHECK(f.ok("GET", "/_emulator/apps/k1/devices?platform=IOS").at("total") == 1);
    CHECK(f.ok("GET", "/_emulator/apps/k1/devices?platform=android&channel=HW").at("total") == 1);
    CHECK(f.ok("GET", "/_emulator/apps/k1/devices/d2").at("channel") == "hw");
}

TEST_CASE("audience/active-30-days: journal/{id}/devices/{device} says whether a device got the "
          "push, and if not, why") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k", R"({"secret":"s","per_hour":0,"per_day":0})");
    f.ok("POST", "/_emulator/apps/k/devices",
         R"({"devices":[
        {"id":"fresh","user_id":"alice","platform":"ios"},
        {"id":"old","user_id":"alice","platform":"android","channel":"mi",
         "last_connected_ms":)" +
             std::to_string(real_ms - 40LL * 86'400'000) + R"(},
        {"id":"bobs","user_id":"bob","platform":"ios"}]})");
    auto pushed = f.push("k", "s", R"({"platform":["ios","android"],"audience":{"userid":["alice"]},
        "notification":{"alert":"hi","ios":{"title":"Sale"}}})");
    REQUIRE(pushed.result.has_value());
    std::string const id(pushed.result->at("id").as_string());
    auto reached = f.ok("GET", "/_emulator/journal/" + id + "/devices/fresh");
    CHECK(reached.at("reached") == true);
    CHECK(reached.at("user_id") == "alice");
    CHECK(reached.at("channel") == "apns");
    CHECK(reached.at("content").at("title") == "Sale");
    auto stale = f.ok("GET", "/_emulator/journal/" + id + "/devices/old");
    CHECK(stale.at("reached") == false);
    CHECK(stale.at("reason") == "stale");
    CHECK(stale.at("age") == "40d");
    CHECK(std::string(stale.at("detail").as_string()).find("audience/active-30-days") !=
          std::string::npos);
    auto other = f.ok("GET", "/_emulator/journal/" + id + "/devices/bobs");
    CHECK(other.at("reached") == false);
    CHECK(other.at("reason") == "not_selected");
    CHECK(other.at("detail") == "its user bob is not in audience.userid (audience/userid-wins)");
    auto nobody = f.ok("GET", "/_emulator/journal/" + id + "/devices/ghost");
    CHECK(nobody.at("reason") == "not_selected");
    check_error(f.call("GET", "/_emulator/journal/nope/devices/fresh"), 404, 404);
}

namespace {

/// An app "v" with two devices and three journal entries: two accepted pushes, one refused.
struct verify_fixture : fixture {
    verify_fixture() {
        ok("PUT", "/_emulator/apps/v", R"({"secret":"s","per_hour":0,"per_day":0})");
        ok("POST", "/_emulator/apps/v/devices", R"({"devices":[
            {"id":"alice-iphone","user_id":"alice","platform":"ios"},
            {"id":"bob-pixel","user_id":"bob","platform":"android","channel":"hw"}]})");
        REQUIRE(push("v", "s", R"({"platform":["ios"],"audience":{"userid":["alice"]},
            "notification":{"title":"sale","alert":"50% off","ios":{"extras":{"sku":"A-1","n":2}}}})")
                    .result.has_value());
        REQUIRE(push("v", "s",
                     R"({"platform":["android"],"audience":{"tag_or":["vip"],"is_to_all":true},
            "notification":{"alert":"news","android":{"alert":"android news"}}})")
                    .result.has_value());
        REQUIRE(push("v", "s", R"({"platform":["ios"],"audience":{"is_to_all":true},
            "notification":{"title":"Sale","ios":{"badge":10000}}})")
                    .result.has_error());
    }
    json::object verify(std::string body) { return ok("POST", "/_emulator/verify", body); }
};

} // namespace

TEST_CASE("emulator/control: verify counts the journal entries a matcher picks") {
    verify_fixture f;
    auto const count = [&](std::string const& match, std::string const& expect = "") {
        auto r = f.verify(R"({"app":"v","match":)" + match +
                          (expect.empty() ? "" : R"(,"count":)" + expect) + "}");
        return std::pair{r.at("ok").as_bool(), r.at("matched").to_number<int>()};
    };
    CHECK(count("{}") == std::pair{true, 3});
    CHECK(count(R"({"outcome":"accepted"})", R"({"exactly":2})") == std::pair{true, 2});
    CHECK(count(R"({"outcome":"rejected","code":1002,"rule":"notification.ios.badge/range",
                    "path":"notification.ios.badge","status":400})") == std::pair{true, 1});
    CHECK(count(R"({"title":"sale","alert":{"regex":"^50%"},"platform":"ios"})") ==
          std::pair{true, 1});
    CHECK(count(R"({"user_id":"alice","device_id":"alice-iphone"})") == std::pair{true, 1});
    CHECK(count(R"({"tag":"vip"})") == std::pair{true, 1});
    CHECK(count(R"({"alert":"android news","platform":"android"})") == std::pair{true, 1});
    CHECK(count(R"({"extras":{"sku":"A-1"}})") == std::pair{true, 1});
    CHECK(count(R"({"extras":{"sku":"B-2"}})", R"({"at_most":0})") == std::pair{true, 0});
    // A refused entry is matched on what it sent.
    CHECK(count(R"({"outcome":"rejected","title":"Sale"})") == std::pair{true, 1});
    CHECK(count(R"({"since_ms":0,"until_ms":1})", R"({"exactly":0})") == std::pair{true, 0});
    CHECK(count(R"({"outcome":"accepted"})", R"({"at_least":1,"at_most":1})") ==
          std::pair{false, 2});
    // Without an app: every app's entries.
    CHECK(f.verify(R"({"match":{"outcome":"rejected"}})").at("matched") == 1);
}

TEST_CASE("emulator/control: a failed verify lists the near misses and the fields that differ") {
    verify_fixture f;
    auto r = f.verify(R"({"app":"v","match":{"outcome":"accepted","title":"Sale"},
                          "count":{"exactly":1}})");
    CHECK(r.at("ok") == false);
    CHECK(r.at("matched") == 0);
    CHECK(r.at("expected") == json::parse(R"({"exactly":1})"));
    auto const& near = r.at("near_misses").as_array();
    REQUIRE(near.size() == 3);
    // One field differs in each. A differing value comes before a missing one, then the newest:
    // the refused push titled "Sale", the push titled "sale", the push without a title.
    CHECK(near[0].at("outcome") == "rejected");
    CHECK(near[0].at("differences") ==
          json::parse(R"([{"field":"outcome","expected":"accepted","actual":"rejected"}])"));
    CHECK(near[1].at("differences") ==
          json::parse(R"([{"field":"notification.title","expected":"Sale","actual":"sale"}])"));
    CHECK(near[2].at("differences") ==
          json::parse(R"([{"field":"notification.title","expected":"Sale","actual":null}])"));
    // Where the compared text came from names the field: android's own alert.
    r = f.verify(R"({"app":"v","match":{"alert":"News","platform":"android"}})");
    CHECK(r.at("near_misses").at(0).at("differences") ==
          json::parse(R"([{"field":"notification.android.alert","expected":"News",
                           "actual":"android news"}])"));
    r = f.verify(R"({"app":"v","match":{"user_id":"carol","extras":{"sku":"B"}}})");
    auto const& d = r.at("near_misses").at(0).at("differences");
    CHECK(d.at(0) ==
          json::parse(R"({"field":"recipients.user_id","expected":"carol","actual":["alice"]})"));
    CHECK(d.at(1).at("field") == "notification.ios.extras");
    CHECK(d.at(1).at("actual") == json::parse(R"({"sku":"A-1","n":2})"));
    // Too many: the matches are listed.
    r = f.verify(R"({"app":"v","match":{"outcome":"accepted"},"count":{"at_most":1}})");
    CHECK(r.at("ok") == false);
    CHECK(r.at("matches").as_array().size() == 2);
    CHECK_FALSE(r.contains("near_misses"));
}

TEST_CASE("emulator/control: verify/no-rejections fails the test when anything was refused") {
    verify_fixture f;
    auto r = f.ok("POST", "/_emulator/verify/no-rejections?app=v");
    CHECK(r.at("ok") == false);
    CHECK(r.at("matched") == 1);
    CHECK(r.at("rejections").at(0).at("rule") == "notification.ios.badge/range");
    CHECK(r.at("rejections").at(0).at("path") == "notification.ios.badge");
    f.ok("PUT", "/_emulator/apps/clean", R"({"secret":"s"})");
    r = f.ok("POST", "/_emulator/verify/no-rejections?app=clean");
    CHECK(r.at("ok") == true);
    CHECK(r.at("matched") == 0);
    check_error(f.call("POST", "/_emulator/verify/no-rejections?app=nope"), 404, 404);
}

TEST_CASE("emulator/control: a bad verify request is 400 naming the member") {
    verify_fixture f;
    check_error(f.call("POST", "/_emulator/verify", R"({"match":{"titel":"x"}})"), 400, 1002,
                "match.titel");
    check_error(f.call("POST", "/_emulator/verify", R"({"match":{"title":{"regex":"("}}})"), 400,
                1002, "match.title");
    check_error(f.call("POST", "/_emulator/verify", R"({"count":{"exactly":1,"at_most":2}})"), 400,
                1002, "count");
    check_error(f.call("POST", "/_emulator/verify", R"({"count":{}})"), 400, 1002, "count");
    check_error(f.call("POST", "/_emulator/verify", R"({"match":{"platform":"windows"}})"), 400,
                1002, "match.platform");
    check_error(f.call("POST", "/_emulator/verify", R"({"app":"nope"})"), 404, 404);
}

TEST_CASE("emulator/control: PUT /_emulator/apps/bad%FFkey is refused, never echoed as invalid "
          "UTF-8") {
    fixture f;
    check_error(f.call("PUT", "/_emulator/apps/bad%FFkey", R"({"secret":"s"})"), 400, 1002);
    CHECK(f.state.apps.empty());
    check_error(f.call("GET", "/_emulator/journal?app=%FF%FE"), 400, 1002, "app");
    // A raw byte in an unknown path is repaired in the 404 message.
    auto r = f.call("GET", "/_emulator/\xff\xfe");
    REQUIRE(r.result.has_error());
    CHECK(is_valid_utf8(r.result.error().message()));
}

TEST_CASE("emulator/control: a large journal is read in pages of at most 4 MiB") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k1", R"({"secret":"s1","per_hour":0,"per_day":0})");
    auto& journal = f.state.find_app("k1")->journal;
    for (std::uint64_t i = 1; i <= 60; ++i) {
        journal_entry e;
        e.seq = i;
        e.body.assign(100'000, 'x');
        e.body.front() = e.body.back() = '"';
        e.body_length = e.body.size();
        e.refusal = errors::not_enabled();
        journal.append(std::move(e), {1000, 64 << 20});
    }
    auto first = f.ok("GET", "/_emulator/journal?app=k1");
    auto const n = first.at("entries").as_array().size();
    CHECK(n < 60);
    CHECK(n * 100'000 <= 4u << 20);
    CHECK(first.at("more") == true);
    CHECK(first.at("total") == 60);
    CHECK(first.at("entries").as_array().back().at("seq") == 60); // the newest page first
    auto const before = first.at("before_seq").as_uint64();
    CHECK(before == 60 - n + 1);
    // Following before_seq reads every entry once, newest page to oldest.
    std::size_t seen = n;
    auto next = before;
    for (int pages = 0; pages < 10; ++pages) {
        auto page = f.ok("GET", "/_emulator/journal?app=k1&before_seq=" + std::to_string(next));
        auto const& entries = page.at("entries").as_array();
        CHECK(entries.back().at("seq") == next - 1);
        seen += entries.size();
        if (page.at("more") == false) {
            CHECK(!page.contains("before_seq"));
            break;
        }
        next = page.at("before_seq").as_uint64();
    }
    CHECK(seen == 60);
}

TEST_CASE("emulator/control: GET /_emulator/config shows no App-Secret unless asked or a token "
          "guards the API") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k1", R"({"secret":"s1"})");
    CHECK(!f.ok("GET", "/_emulator/config")
               .at("apps")
               .as_array()
               .at(0)
               .as_object()
               .contains("secret"));
    CHECK(
        !f.ok("GET", "/_emulator/apps").at("apps").as_array().at(0).as_object().contains("secret"));
    CHECK(!f.ok("GET", "/_emulator/apps/k1").contains("secret"));
    CHECK(f.ok("GET", "/_emulator/apps/k1?secrets=true").at("secret") == "s1");
    check_error(f.call("GET", "/_emulator/apps/k1?secrets=yes"), 400, 1002, "secrets");
    // Asked for from another site's page: refused.
    auto cross = f.call("GET", "/_emulator/apps/k1?secrets=true", {},
                        {{"Host", "127.0.0.1:8080"}, {"Origin", "http://evil.example"}});
    check_error(cross, 403, 403);
    CHECK(cross.result.error().rule() == "emulator/origin");
    // With a token, the caller has proven who it is.
    f.state.settings.admin_token = "t";
    auto with_token = f.call("GET", "/_emulator/apps/k1", {}, {{"X-Emulator-Token", "t"}});
    REQUIRE(with_token.result.has_value());
    CHECK(with_token.result->at("secret") == "s1");
}

TEST_CASE("emulator/host: a rebound DNS name in Host is refused; localhost and IP addresses "
          "are not") {
    fixture f;
    auto with_host = [&](std::string host) {
        return f.call("GET", "/_emulator/health", {}, {{"Host", std::move(host)}});
    };
    auto evil = with_host("evil.example:8080");
    check_error(evil, 403, 403);
    CHECK(evil.result.error().rule() == "emulator/host");
    for (auto ok : {"localhost:8080", "LOCALHOST", "app.localhost:1", "127.0.0.1:8080", "10.0.0.7",
                    "[::1]:8080", "[fe80::1%eth0]"}) {
        CAPTURE(ok);
        CHECK(with_host(ok).result.has_value() == (std::string_view(ok) != "[fe80::1%eth0]"));
    }
    CHECK(f.call("GET", "/_emulator/health").result.has_value()); // no Host (HTTP/1.0)
    f.state.settings.allowed_hosts = {"emulator.internal"};
    CHECK(with_host("Emulator.Internal:8080").result.has_value());
    // The public API answers whatever Host an SDK or proxy sends (FACTS §8).
    CHECK(find_route("/push.json").kind == route_kind::public_api);
}

TEST_CASE("emulator/origin: a cross-site POST to faults is refused; a script's POST is not") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k1", R"({"secret":"s1"})");
    std::string const fault = R"({"path":"/push.json"})";
    auto from_page = f.call("POST", "/_emulator/apps/k1/faults", fault,
                            {{"Host", "127.0.0.1:8080"},
                             {"Origin", "http://evil.example"},
                             {"Content-Type", "text/plain"}});
    check_error(from_page, 403, 403);
    CHECK(from_page.result.error().rule() == "emulator/origin");
    auto fetch_site = f.call("DELETE", "/_emulator/apps/k1/faults", {},
                             {{"Host", "127.0.0.1:8080"}, {"Sec-Fetch-Site", "cross-site"}});
    check_error(fetch_site, 403, 403);
    CHECK(f.state.find_app("k1")->faults.armed().empty());
    // curl -d sends no Origin; the emulator's own page sends its own origin.
    f.ok("POST", "/_emulator/apps/k1/faults", fault);
    CHECK(f.call("POST", "/_emulator/apps/k1/faults", fault,
                 {{"Host", "127.0.0.1:8080"}, {"Origin", "http://127.0.0.1:8080"}})
              .result.has_value());
    CHECK(f.state.find_app("k1")->faults.armed().size() == 2);
    // Reading is not changing: a GET with a foreign Origin is answered (the browser keeps the
    // answer from the page anyway: no CORS headers).
    CHECK(f.call("GET", "/_emulator/health", {},
                 {{"Host", "127.0.0.1:8080"}, {"Origin", "http://evil.example"}})
              .result.has_value());
}

TEST_CASE("emulator/control: PUT /_emulator/apps/{key}/tags/{user} replaces a user's tags") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/a", R"({"secret":"s"})");
    auto t = f.ok("PUT", "/_emulator/apps/a/tags/u%201", R"({"tags":["vip","beijing","vip"]})");
    CHECK(t.at("user_id") == "u 1");
    CHECK(t.at("tags") == json::parse(R"(["vip","beijing"])"));
    CHECK(f.state.find_app("a")->registry.tags_of("u 1").size() == 2);
    f.ok("PUT", "/_emulator/apps/a/tags/u%201", R"({"tags":["new"]})");
    CHECK(f.ok("GET", "/_emulator/apps/a/tags/u%201").at("tags") == json::parse(R"(["new"])"));
    CHECK(f.ok("PUT", "/_emulator/apps/a/tags/u%201", R"({"tags":[]})")
              .at("tags")
              .as_array()
              .empty());
    // The tag API's limits, and the control API's strictness.
    check_error(f.call("PUT", "/_emulator/apps/a/tags/u1", R"({"tag":["x"]})"), 400, 1002, "tag");
    check_error(f.call("PUT", "/_emulator/apps/a/tags/u1", R"({})"), 400, 1002, "tags");
    check_error(f.call("PUT", "/_emulator/apps/a/tags/u1", R"({"tags":[""]})"), 400, 1002,
                "tags[0]");
    check_error(f.call("PUT", "/_emulator/apps/a/tags/u1",
                       R"({"tags":[")" + std::string(41, 't') + R"("]})"),
                400, 1005, "tags[0]");
    check_error(f.call("PUT", "/_emulator/apps/a/tags/" + std::string(65, 'u'), R"({"tags":[]})"),
                400, 1002, "user");
    check_error(f.call("PUT", "/_emulator/apps/zz/tags/u1", R"({"tags":[]})"), 404, 404);
}

TEST_CASE("audience/active-30-days: a device's last_connected is relative to the emulator clock "
          "(\"-40d\")") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/a", R"({"secret":"s"})");
    constexpr time_ms emulated = 1'700'000'000'000;
    f.ok("PUT", "/_emulator/clock", R"({"now_ms":1700000000000})");
    f.ok("POST", "/_emulator/apps/a/devices", R"({"devices":[
        {"id":"old","user_id":"u","platform":"ios","last_connected":"-40d"},
        {"id":"recent","user_id":"u","platform":"ios","last_connected":"-2h30m"}]})");
    CHECK(f.ok("GET", "/_emulator/apps/a/devices/old").at("last_connected_ms") ==
          emulated - 40 * 86'400'000LL);
    CHECK(f.ok("GET", "/_emulator/apps/a/devices/recent").at("last_connected_ms") ==
          emulated - 9'000'000);
    for (auto bad : {R"("+1d")", R"("40d")", R"("yesterday")", "-40"}) {
        CAPTURE(bad);
        check_error(f.call("POST", "/_emulator/apps/a/devices",
                           std::string(R"({"devices":[{"id":"x","user_id":"u","platform":"ios",)") +
                               R"("last_connected":)" + bad + "}]}"),
                    400, 1002, "devices[0].last_connected");
    }
    check_error(f.call("POST", "/_emulator/apps/a/devices",
                       R"({"devices":[{"id":"x","user_id":"u","platform":"ios",
                           "last_connected":"-1d","last_connected_ms":0}]})"),
                400, 1002, "devices[0].last_connected");
}

TEST_CASE("journal: what only the lenient profile accepts was in X-Emulator-Warnings but not in "
          "the entry's warnings [D-13][D-14]") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/k", R"({"secret":"s","per_hour":0,"per_day":0})");
    auto r = f.push("k", "s", R"({"platform":["harmonyos"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi","android":{"fcm":{"imageUrl":"http://e.com/i.png"}}}})");
    REQUIRE(r.result.has_value());
    auto journal = f.ok("GET", "/_emulator/journal?app=k");
    auto const& warnings = journal.at("entries").at(0).at("warnings").as_array();
    std::vector<std::string> paths;
    for (auto const& w : warnings)
        if (w.at("kind") == "lenient_only")
            paths.emplace_back(w.at("path").as_string());
    CHECK(paths == std::vector<std::string>{"platform", "notification.android.fcm.imageUrl"});
}

TEST_CASE("audience/active-30-days: devices?state=true shows each device's 30-day state now") {
    fixture f;
    f.ok("PUT", "/_emulator/apps/a", R"({"secret":"s"})");
    f.ok("PUT", "/_emulator/clock", R"({"now_ms":1700000000000})");
    f.ok("POST", "/_emulator/apps/a/devices", R"({"devices":[
        {"id":"d30","user_id":"u","platform":"ios","last_connected":"-30d"},
        {"id":"d31","user_id":"u","platform":"ios","last_connected":"-31d"},
        {"id":"off","user_id":"u","platform":"ios","push_allowed":false}]})");
    auto const listed = f.ok("GET", "/_emulator/apps/a/devices?state=true");
    auto device = [&](std::string_view id) {
        for (auto const& d : listed.at("devices").as_array())
            if (d.at("id").as_string() == id)
                return d.as_object();
        FAIL("no device " << id);
        return json::object{};
    };
    // Exactly 30 days still counts.
    CHECK(device("d30").at("active") == true);
    CHECK(device("d30").at("reachable") == true);
    CHECK(device("d30").at("age") == "30d");
    CHECK(device("d31").at("active") == false);
    CHECK(device("d31").at("reachable") == false);
    CHECK(device("off").at("active") == true);
    CHECK(device("off").at("reachable") == false);
    CHECK_FALSE(f.ok("GET", "/_emulator/apps/a/devices")
                    .at("devices")
                    .at(0)
                    .as_object()
                    .contains("active"));
    check_error(f.call("GET", "/_emulator/apps/a/devices?state=yes"), 400, 1002, "state");
}
