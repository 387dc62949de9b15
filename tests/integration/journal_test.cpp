// The journal over real sockets: what each entry says about the request that made it.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using namespace push::test_support;

constexpr char to_all[] =
    R"({"platform":["ios","android"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

header_list with(header_list h, header_list const& more) {
    h.insert(h.end(), more.begin(), more.end());
    return h;
}

} // namespace

TEST_CASE("journal: each entry records the listener, User-Agent and X-Request-ID it came with") {
    emulator_process emu({"--app", "k:s"});
    http_client c(emu.port());
    auto r = c.post("/push.json",
                    with(signed_headers("k", "s"),
                         {{"User-Agent", "Go-http-client/1.1"}, {"x-request-id", "checkout-7"}}),
                    to_all);
    REQUIRE(r.status == 200);
    r = c.send("GET", "/_emulator/journal?app=k&request_id=checkout-7", {});
    REQUIRE(r.status == 200);
    REQUIRE(r.json.at("total") == 1);
    auto const& origin = r.json.at("entries").at(0).at("origin");
    CHECK(origin.at("listener") == "primary");
    CHECK(origin.at("host") == "127.0.0.1");
    CHECK(origin.at("user_agent") == "Go-http-client/1.1");
    CHECK(origin.at("request_id") == "checkout-7");
    CHECK(origin.at("remote_port") == c.local_port());
    CHECK(c.send("GET", "/_emulator/journal?app=k&user_agent=Go-http", {}).json.at("total") == 1);
    CHECK(c.send("GET", "/_emulator/journal?app=k&user_agent=okhttp", {}).json.at("total") == 0);
}

TEST_CASE("body/unknown-fields: a push in the Go SDK's body shape is accepted with a warning "
          "naming each ignored field") {
    // The bodies of fixture sdk/009: what github.com/rongcloud/server-sdk-go's sdk.Push sends.
    std::ifstream in(PUSH_SOURCE_DIR "/fixtures/push/sdk/009-go-ignored-fields.json");
    REQUIRE(in);
    auto const fixture = json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
    emulator_process emu({"--app", "k:s"});
    http_client c(emu.port());
    std::vector<std::string> named;
    for (auto const& step : fixture.at("requests").as_array()) {
        auto const body = json::serialize(step.at("body"));
        auto r = c.post("/push.json", signed_headers("k", "s"), body);
        REQUIRE(r.status == 200);
        CHECK(r.header("X-Emulator-Warnings").starts_with("ignored unknown fields: "));
        auto const entry =
            c.send("GET", "/_emulator/journal/" + std::string(r.json.at("id").as_string()), {});
        for (auto const& w : entry.json.at("entry").at("warnings").as_array())
            if (w.at("kind") == "ignored_field") {
                named.emplace_back(w.at("path").as_string());
                CHECK_FALSE(w.at("did_you_mean").as_array().empty());
                CHECK(r.header("X-Emulator-Warnings").find(named.back()) != std::string::npos);
            }
    }
    CHECK(named ==
          std::vector<std::string>{"notification.ios.threadId", "notification.android.channelId",
                                   "notification.android.importance", "notification.android.image",
                                   "notification.android.large_icon_uri",
                                   "notification.android.classification"});
}

TEST_CASE("audience/active-30-days: the journal explains over the wire why a seeded device was "
          "not reached") {
    emulator_process emu({"--app", "k:s"});
    http_client c(emu.port());
    header_list const json_type{{"Content-Type", "application/json"}};
    auto r = c.send("POST", "/_emulator/apps/k/devices", json_type, R"({"devices":[
        {"id":"alice-iphone","user_id":"alice","platform":"ios"},
        {"id":"alice-2023","user_id":"alice","platform":"android","channel":"hw",
         "last_connected_ms":1690000000000},
        {"id":"bob-pixel","user_id":"bob","platform":"android"}]})");
    REQUIRE(r.status == 200);
    r = c.post("/push.json", signed_headers("k", "s"),
               R"({"platform":["ios","android"],"audience":{"userid":["alice"]},
                   "notification":{"alert":"hi"}})");
    REQUIRE(r.status == 200);
    std::string const id(r.json.at("id").as_string());
    auto const entry = c.send("GET", "/_emulator/journal/" + id, {}).json.at("entry");
    CHECK(entry.at("recipients").at("devices").at(0).at("device_id") == "alice-iphone");
    auto const& left = entry.at("recipients").at("excluded").at("devices").at(0);
    CHECK(left.at("device_id") == "alice-2023");
    CHECK(left.at("reason") == "stale");
    auto why = c.send("GET", "/_emulator/journal/" + id + "/devices/alice-2023", {});
    REQUIRE(why.status == 200);
    CHECK(why.json.at("reached") == false);
    CHECK(why.json.at("reason") == "stale");
    CHECK(why.json.at("age_ms").as_int64() > 30LL * 86'400'000);
    why = c.send("GET", "/_emulator/journal/" + id + "/devices/bob-pixel", {});
    CHECK(why.json.at("reason") == "not_selected");
    why = c.send("GET", "/_emulator/journal/" + id + "/devices/alice-iphone", {});
    CHECK(why.json.at("reached") == true);
    CHECK(why.json.at("content").at("alert") == "hi");
}
