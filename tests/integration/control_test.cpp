// The control API over real sockets: admin token, long-poll wait, and per-App-Key isolation
// under concurrent clients.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace {

namespace json = boost::json;
using namespace push::test_support;

header_list const json_type = {{"Content-Type", "application/json"}};

constexpr char to_all[] =
    R"({"platform":["ios","android"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

} // namespace

TEST_CASE("emulator/admin-token: control requests need the token; public ones do not") {
    emulator_process emu({"--admin-token", "sekret", "--app", "k:s"});
    http_client c(emu.port());
    auto r = c.send("GET", "/_emulator/health", {});
    CHECK(r.status == 401);
    CHECK(r.code() == 401);
    r = c.send("GET", "/_emulator/health", {{"X-Emulator-Token", "sekret"}});
    CHECK(r.status == 200);
    CHECK(r.json.at("status") == "ok");
    CHECK(r.json.at("apps") == 1);
    r = c.send("GET", "/_emulator/apps", {{"Authorization", "Bearer sekret"}});
    CHECK(r.status == 200);
    CHECK(r.json.at("apps").as_array().at(0).at("key") == "k");
    CHECK(c.post("/push.json", signed_headers("k", "s"), to_all).status == 200);
}

TEST_CASE("emulator/control: bad control requests are 400/1002 naming the field, unknown 404") {
    emulator_process emu;
    http_client c(emu.port());
    auto r = c.send("PUT", "/_emulator/apps/a", json_type, R"({"secret":"s","per_day":"three"})");
    CHECK(r.status == 400);
    CHECK(r.code() == 1002);
    CHECK(r.error_message().find("per_day") != std::string::npos);
    r = c.send("POST", "/_emulator/apps/zz/devices", json_type, R"({"devices":[]})");
    CHECK(r.status == 404);
    CHECK(r.code() == 404);
    r = c.send("PATCH", "/_emulator/clock", json_type, "{}");
    CHECK(r.status == 405);
    CHECK(r.code() == 405);
}

TEST_CASE("emulator/control: journal wait returns when the push arrives, or times out") {
    emulator_process emu({"--app", "w:s"});
    http_client waiter(emu.port(), 10000ms);
    using clock = std::chrono::steady_clock;
    // Times out: no push. Answers 200 with timed_out:true after about timeout_ms.
    auto const t0 = clock::now();
    auto r = waiter.send("GET", "/_emulator/journal/wait?app=w&count=1&timeout_ms=300", {});
    auto const waited = clock::now() - t0;
    CHECK(r.status == 200);
    CHECK(r.json.at("timed_out") == true);
    CHECK(waited >= 290ms);
    CHECK(waited < 3000ms);
    // Completes early when another client pushes meanwhile.
    std::thread pusher([port = emu.port()] {
        std::this_thread::sleep_for(200ms);
        http_client p(port);
        p.post("/push.json", signed_headers("w", "s"), to_all);
    });
    auto const t1 = clock::now();
    r = waiter.send("GET", "/_emulator/journal/wait?app=w&count=1&timeout_ms=5000", {});
    auto const took = clock::now() - t1;
    pusher.join();
    CHECK(r.json.at("timed_out") == false);
    CHECK(r.json.at("accepted") == 1);
    CHECK(took < 4000ms);
}

TEST_CASE("emulator/control: apps are isolated under concurrent clients") {
    emulator_process emu;
    constexpr int apps = 4;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < apps; ++t) {
        threads.emplace_back([&, t] {
            try {
                http_client c(emu.port());
                std::string const key = "iso" + std::to_string(t);
                std::string const base = "/_emulator/apps/" + key;
                auto expect = [&](bool ok) {
                    if (!ok)
                        ++failures;
                };
                expect(c.send("PUT", base, json_type, R"({"secret":"s","per_hour":0,"per_day":0})")
                           .status == 200);
                std::string devices = R"({"devices":[)";
                for (int d = 0; d <= t; ++d)
                    devices += (d ? "," : "") + std::string(R"({"id":")") + key + "-d" +
                               std::to_string(d) + R"(","user_id":"u","platform":"ios"})";
                devices += "]}";
                expect(c.send("POST", base + "/devices", json_type, devices).status == 200);
                for (int i = 0; i < 5; ++i) {
                    auto r = c.post("/push.json", signed_headers(key, "s"), to_all);
                    expect(r.status == 200);
                }
                auto j = c.send("GET", "/_emulator/journal?app=" + key, {});
                auto const& entries = j.json.at("entries").as_array();
                expect(entries.size() == 5);
                for (auto const& e : entries) {
                    expect(e.at("app") == json::value(key));
                    expect(e.at("recipients").at("total") == t + 1);
                }
                // Resetting this app leaves the others' journals alone.
                expect(c.send("POST", base + "/reset", {}).status == 200);
                auto after = c.send("GET", "/_emulator/journal?app=" + key, {});
                expect(after.json.at("entries").as_array().empty());
            } catch (std::exception const&) {
                ++failures;
            }
        });
    }
    for (auto& th : threads)
        th.join();
    CHECK(failures == 0);
    http_client c(emu.port());
    int created = 0;
    auto const listed = c.send("GET", "/_emulator/apps", {});
    for (auto const& a : listed.json.at("apps").as_array())
        created += a.at("key").as_string().starts_with("iso");
    CHECK(created == apps);
}

TEST_CASE("emulator/control: --devices seeds devices and tags at start-up") {
    char path[] = "/tmp/push-emulator-seed-XXXXXX";
    int const fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(path) << R"({"apps":{"seed":{"secret":"s","devices":[
        {"id":"d1","user_id":"u1","platform":"ios"},
        {"id":"d2","user_id":"u2","platform":"android","channel":"hms"}],
        "tags":{"u1":["vip"]}}}})";
    {
        emulator_process emu({"--devices", path});
        http_client c(emu.port());
        auto r = c.send("GET", "/_emulator/apps/seed/devices", {});
        CHECK(r.status == 200);
        CHECK(r.json.at("total") == 2);
        CHECK(c.send("GET", "/_emulator/apps/seed/tags/u1", {}).json.at("tags") ==
              json::parse(R"(["vip"])"));
    }
    std::remove(path);
}

TEST_CASE("emulator/control: a seed's \"last_connected\":\"-40d\" and PUT .../tags/{user} set up "
          "a test over real sockets") {
    char path[] = "/tmp/push-emulator-seed-XXXXXX";
    int const fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(path) << R"({"apps":{"rel":{"secret":"s","per_hour":0,"per_day":0,"devices":[
        {"id":"new","user_id":"u1","platform":"ios","last_connected":"-1d"},
        {"id":"old","user_id":"u2","platform":"ios","last_connected":"-40d"}]}}})";
    {
        emulator_process emu({"--devices", path});
        http_client c(emu.port());
        auto const now = c.send("GET", "/_emulator/clock", {}).json.at("now_ms").as_int64();
        auto const old = c.send("GET", "/_emulator/apps/rel/devices/old", {}).json;
        auto const age = now - old.at("last_connected_ms").as_int64();
        CHECK(age >= 40 * 86'400'000LL);
        CHECK(age < 40 * 86'400'000LL + 60'000);
        // Tags set through the control API build the audience of the next push.
        auto r = c.send("PUT", "/_emulator/apps/rel/tags/u1", json_type, R"({"tags":["vip"]})");
        CHECK(r.status == 200);
        CHECK(r.json.at("tags") == json::parse(R"(["vip"])"));
        CHECK(
            c.send("PUT", "/_emulator/apps/rel/tags/u2", json_type, R"({"tags":["vip"]})").status ==
            200);
        auto pushed = c.post("/push.json", signed_headers("rel", "s"),
                             R"({"platform":["ios"],"audience":{"tag":["vip"]},
                                 "notification":{"alert":"hi"}})");
        REQUIRE(pushed.status == 200);
        std::string const id(pushed.json.at("id").as_string());
        auto const entry = c.send("GET", "/_emulator/journal/" + id, {}).json.at("entry");
        CHECK(entry.at("recipients").at("device_ids") == json::parse(R"(["new"])"));
        auto const why = c.send("GET", "/_emulator/journal/" + id + "/devices/old", {}).json;
        CHECK(why.at("reason") == "stale");
        CHECK(why.at("age") == "40d");
    }
    std::remove(path);
}
