// Following the journal: GET /_emulator/journal?after_seq=S&wait_ms=T over real sockets.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace {

using namespace push::test_support;

constexpr char to_all[] =
    R"({"platform":["ios","android"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

} // namespace

TEST_CASE("journal: after_seq with wait_ms answers when a newer entry arrives, a refused one too") {
    emulator_process emu({"--app", "k:s"});
    http_client c(emu.port());
    REQUIRE(c.post("/push.json", signed_headers("k", "s"), to_all).status == 200);
    auto r = c.send("GET", "/_emulator/journal?after_seq=0&wait_ms=5000", {});
    REQUIRE(r.json.at("entries").as_array().size() == 1);
    auto const seq = r.json.at("entries").at(0).at("seq").to_number<std::uint64_t>();
    // What the console's previews show, per platform.
    auto const& preview = r.json.at("entries").at(0).at("preview");
    CHECK(preview.at("ios").at("text") == "hi");
    CHECK(preview.at("ios").at("title").is_null());
    CHECK(preview.at("android").at("text") == "hi");
    auto const started = std::chrono::steady_clock::now();
    auto poll = std::async(std::launch::async, [&] {
        http_client waiter(emu.port(), 10000ms);
        return waiter.send(
            "GET", "/_emulator/journal?after_seq=" + std::to_string(seq) + "&wait_ms=8000", {});
    });
    std::this_thread::sleep_for(200ms);
    // A refused push is an entry too.
    REQUIRE(c.post("/push.json", signed_headers("k", "s"), "{}").status == 400);
    auto const woken = poll.get();
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    REQUIRE(woken.status == 200);
    REQUIRE(woken.json.at("entries").as_array().size() == 1);
    auto const& e = woken.json.at("entries").at(0);
    CHECK(e.at("outcome") == "rejected");
    CHECK(e.at("requirement").at("reading").as_string().size() > 0);
    // Nothing newer: an empty answer once wait_ms has passed.
    r = c.send("GET", "/_emulator/journal?after_seq=" + std::to_string(seq + 1) + "&wait_ms=50",
               {});
    CHECK(r.json.at("entries").as_array().empty());
}
