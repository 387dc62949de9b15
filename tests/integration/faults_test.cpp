// emulator/fault through real sockets: what a client sees of each kind (a late answer, silence,
// an orderly close, a reset, a short body, a proxy's HTML page), and what each kind spends of
// the quota, as the README's "Reproducing failures" table says.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"
#include "support/one_exchange.hpp"

#include <doctest/doctest.h>

#include <future>
#include <string>

namespace {

using namespace push::test_support;

constexpr char to_all[] =
    R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

void arm(unsigned short port, std::string const& fault, std::string const& app = "k") {
    http_client c(port);
    auto r = c.post("/_emulator/apps/" + app + "/faults", {}, fault);
    REQUIRE_MESSAGE(r.status == 200, r.body);
}

long long hour_used(unsigned short port) {
    http_client c(port);
    return c.send("GET", "/_emulator/apps/k/quota", {}).json.at("hour_used").as_int64();
}

exchange_outcome push_once(unsigned short port, std::chrono::milliseconds timeout = 5000ms) {
    return send_once(port, signed_post("/push.json", "k", "s", to_all), timeout);
}

} // namespace

TEST_CASE("emulator/fault: delay answers no sooner than delay_ms, and others are served "
          "meanwhile") {
    emulator_process emu({"--app", "k:s"});
    arm(emu.port(), R"({"kind":"delay","path":"/push.json","delay_ms":300})");
    auto slow = std::async(std::launch::async, [&] { return push_once(emu.port()); });
    std::this_thread::sleep_for(50ms);
    http_client other(emu.port());
    auto const t0 = std::chrono::steady_clock::now();
    CHECK(other.send("GET", "/_emulator/health", {}).status == 200);
    CHECK(std::chrono::steady_clock::now() - t0 < 200ms);
    auto r = slow.get();
    CHECK(r.took >= 300ms);
    REQUIRE(!parse_replies(r.received).empty());
    CHECK(parse_replies(r.received).front().status == 200);
}

TEST_CASE("emulator/fault: hang makes a client with a 500 ms time-out give up while a second "
          "client is served") {
    emulator_process emu({"--app", "k:s"});
    arm(emu.port(), R"({"kind":"hang","path":"/push.json"})");
    auto hung = std::async(std::launch::async, [&] { return push_once(emu.port(), 500ms); });
    std::this_thread::sleep_for(100ms);
    auto served = push_once(emu.port());
    CHECK(parse_replies(served.received).front().status == 200);
    auto r = hung.get();
    CHECK(r.end == connection_end::timed_out);
    CHECK(r.received.empty());
    CHECK(r.took >= 450ms); // the client's own clock: it gave up after its 500 ms
    // hang_ms closes the connection itself, without an answer.
    arm(emu.port(), R"({"kind":"hang","path":"/push.json","hang_ms":200})");
    auto timed = push_once(emu.port());
    CHECK(timed.end == connection_end::closed);
    CHECK(timed.received.empty());
    CHECK(timed.took >= 200ms);
}

TEST_CASE("emulator/fault: drop closes without an answer; reset is seen as a reset") {
    emulator_process emu({"--app", "k:s"});
    arm(emu.port(), R"({"kind":"drop","path":"/push.json"})");
    auto dropped = push_once(emu.port());
    CHECK(dropped.end == connection_end::closed);
    CHECK(dropped.received.empty());
    arm(emu.port(), R"({"kind":"reset","path":"/push.json"})");
    auto reset = push_once(emu.port());
    CHECK(reset.end == connection_end::reset);
    CHECK(reset.received.empty());
    CHECK(parse_replies(push_once(emu.port()).received).front().status == 200);
}

TEST_CASE("emulator/fault: truncate sends a short body; gateway an HTML page") {
    emulator_process emu({"--app", "k:s"});
    arm(emu.port(), R"({"kind":"truncate","path":"/push.json"})");
    auto cut = push_once(emu.port());
    CHECK(cut.end == connection_end::closed);
    auto const head_end = cut.received.find("\r\n\r\n");
    REQUIRE(head_end != std::string::npos);
    CHECK(cut.received.starts_with("HTTP/1.1 200 OK\r\n"));
    auto const length_at = cut.received.find("Content-Length: ");
    REQUIRE(length_at != std::string::npos);
    auto const announced = std::stoul(cut.received.substr(length_at + 16));
    auto const got = cut.received.size() - head_end - 4;
    CHECK(got > 0);
    CHECK(got < announced);
    for (int status : {502, 503, 504}) {
        arm(emu.port(),
            R"({"kind":"gateway","path":"/push.json","status":)" + std::to_string(status) + "}");
        auto page = push_once(emu.port());
        auto replies = parse_replies(page.received);
        REQUIRE(replies.size() == 1);
        CHECK(replies[0].status == status);
        CHECK(replies[0].header("Content-Type") == "text/html");
        CHECK(replies[0].body.find("<html>") != std::string::npos);
        CHECK(replies[0].json.is_null());
    }
}

TEST_CASE("emulator/fault: what each kind spends of the quota") {
    emulator_process emu({"--app", "k:s"});
    struct row {
        char const* fault;
        long long spent;
    };
    // The README's table: in front of the service nothing is counted; after authentication an
    // error answers instead (free), delay and truncate process the push (one call).
    row const rows[] = {
        {R"({"kind":"error","path":"/push.json","status":503})", 0},
        {R"({"kind":"delay","path":"/push.json","delay_ms":10})", 1},
        {R"({"kind":"delay","path":"/push.json","delay_ms":10,"status":504,"code":1050})", 0},
        {R"({"kind":"hang","path":"/push.json","hang_ms":10})", 0},
        {R"({"kind":"drop","path":"/push.json"})", 0},
        {R"({"kind":"reset","path":"/push.json"})", 0},
        {R"({"kind":"truncate","path":"/push.json"})", 1},
        {R"({"kind":"gateway","path":"/push.json"})", 0},
    };
    for (auto const& r : rows) {
        http_client(emu.port()).post("/_emulator/apps/k/quota/reset", {}, "");
        arm(emu.port(), r.fault);
        push_once(emu.port());
        CHECK_MESSAGE(hour_used(emu.port()) == r.spent, r.fault);
    }
}

TEST_CASE("emulator/fault: count, after and probability with a seed, through the socket") {
    auto pattern = [](char const* seed) {
        emulator_process emu({"--app", "k:s", "--seed", seed});
        arm(emu.port(),
            R"({"kind":"drop","path":"/push.json","count":0,"after":2,"probability":0.5})");
        http_client(emu.port())
            .send("PUT", "/_emulator/apps/k", {}, R"({"per_hour":0,"per_day":0})");
        std::string seen;
        for (int i = 0; i < 12; ++i)
            seen += push_once(emu.port()).received.empty() ? 'x' : '.';
        return seen;
    };
    auto const a = pattern("11");
    CHECK(a.starts_with("..")); // after 2
    CHECK(a.find('x') != std::string::npos);
    CHECK(a.find('.', 2) != std::string::npos);
    CHECK(a == pattern("11"));
}
