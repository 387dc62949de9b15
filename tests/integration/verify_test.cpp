// POST /_emulator/verify over real sockets: the assertion a user's test makes on the journal.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

namespace {

namespace json = boost::json;
using namespace push::test_support;

header_list const json_type = {{"Content-Type", "application/json"}};

} // namespace

TEST_CASE("emulator/control: a failing verify names the one field that differs") {
    emulator_process emu({"--app", "shop:s"});
    http_client c(emu.port());
    auto r = c.post("/push.json", signed_headers("shop", "s"),
                    R"({"platform":["ios","android"],"audience":{"is_to_all":true},
                        "notification":{"title":"sale","alert":"Sale"}})");
    REQUIRE(r.status == 200);
    std::string const id(r.json.at("id").as_string());
    r = c.send(
        "POST", "/_emulator/verify", json_type,
        R"({"app":"shop","match":{"outcome":"accepted","alert":"Sale"},"count":{"exactly":1}})");
    REQUIRE(r.status == 200);
    CHECK(r.json.at("ok") == true);
    CHECK(r.json.at("matched") == 1);
    r = c.send(
        "POST", "/_emulator/verify", json_type,
        R"({"app":"shop","match":{"outcome":"accepted","title":"Sale"},"count":{"exactly":1}})");
    REQUIRE(r.status == 200);
    CHECK(r.json.at("ok") == false);
    CHECK(r.json.at("matched") == 0);
    auto const& miss = r.json.at("near_misses").at(0);
    CHECK(miss.at("id").as_string() == id);
    CHECK(miss.at("differences") ==
          json::parse(R"([{"field":"notification.title","expected":"Sale","actual":"sale"}])"));
    r = c.send("POST", "/_emulator/verify/no-rejections?app=shop", {});
    CHECK(r.json.at("ok") == true);
    // A refused push makes no-rejections fail.
    c.post("/push.json", signed_headers("shop", "s"), R"({"platform":["web"]})");
    r = c.send("POST", "/_emulator/verify/no-rejections?app=shop", {});
    CHECK(r.json.at("ok") == false);
    CHECK(r.json.at("rejections").at(0).at("rule") == "platform/values");
}
