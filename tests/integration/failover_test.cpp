// The backup host (--backup-port): a second listener that is the same service, as api-b is for
// api (FACTS §8). A client that switches hosts on a 5xx or a failed connection, as the Go SDK's
// checkStatusCode → ChangeURI and the Java SDK's errorSwitchingThreshold do, completes its push
// on the backup while faults hold the primary; the journal says which host each request came
// to, and the quota counts both hosts as one service.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"
#include "support/one_exchange.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

namespace {

using namespace push::test_support;

constexpr char to_all[] =
    R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

/// The port of the banner line "NAME: http(s)://127.0.0.1:PORT".
unsigned short banner_port(emulator_process const& emu, std::string const& name) {
    std::smatch m;
    auto const out = emu.stdout_text();
    REQUIRE(std::regex_search(out, m, std::regex(name + ": https?://[^:]+:([0-9]+)")));
    return static_cast<unsigned short>(std::stoi(m[1]));
}

/// A client with a list of hosts that moves to the next one after an answer of 5xx or a
/// connection that ended without one, as the official SDKs do; the statuses it saw, in order.
struct switching_client {
    explicit switching_client(std::vector<unsigned short> h) : hosts(std::move(h)) {}

    std::vector<unsigned short> hosts;
    std::size_t current = 0;
    std::vector<int> seen; // 0: no answer

    int push(int attempts) {
        for (int i = 0; i < attempts; ++i) {
            auto r = send_once(hosts[current], signed_post("/push.json", "k", "s", to_all), 2000ms);
            auto replies = parse_replies(r.received);
            int const status = replies.empty() ? 0 : replies.front().status;
            seen.push_back(status);
            if (status != 0 && status < 500)
                return status;
            current = (current + 1) % hosts.size();
        }
        return 0;
    }
};

} // namespace

TEST_CASE("failover: primary answers 503 three times, the backup works: a switching client "
          "completes its push on the backup") {
    emulator_process emu({"--app", "k:s", "--backup-port", "0"});
    auto const backup = banner_port(emu, "backup");
    http_client control(emu.port());
    REQUIRE(control
                .post("/_emulator/apps/k/faults", {},
                      R"({"kind":"error","path":"/push.json","status":503,"count":3,)"
                      R"("host":"primary"})")
                .status == 200);
    switching_client client({emu.port(), backup});
    CHECK(client.push(4) == 200);
    CHECK(client.seen == std::vector<int>{503, 200});
    // The journal says which host each request came to.
    auto j = control.send("GET", "/_emulator/journal?app=k", {}).json;
    REQUIRE(j.at("total") == 2);
    CHECK(j.at("entries").at(0).at("host") == "primary");
    CHECK(j.at("entries").at(0).at("code") == 1000);
    CHECK(j.at("entries").at(1).at("host") == "backup");
    CHECK(j.at("entries").at(1).at("origin").at("listener") == "backup");
    CHECK(j.at("entries").at(1).at("code") == 200);
    // The fault still holds the primary for two more requests; the backup is unaffected.
    CHECK(control.send("GET", "/_emulator/apps/k/faults", {}).json.at("faults").at(0).at("count") ==
          2);
    CHECK(emu.stderr_text().find("host=backup") != std::string::npos);
}

TEST_CASE("failover: connections dropped or reset on the primary, the push completes on the "
          "backup") {
    emulator_process emu({"--app", "k:s", "--backup-port", "0"});
    auto const backup = banner_port(emu, "backup");
    http_client control(emu.port());
    for (auto kind : {"drop", "reset", "gateway"}) {
        REQUIRE(control
                    .post("/_emulator/apps/k/faults", {},
                          std::string(R"({"kind":")") + kind +
                              R"(","path":"/push.json","count":0,"host":"primary"})")
                    .status == 200);
        switching_client client({emu.port(), backup});
        CHECK_MESSAGE(client.push(3) == 200, kind);
        CHECK(client.current == 1);
        control.send("DELETE", "/_emulator/apps/k/faults", {});
        control.post("/_emulator/apps/k/quota/reset", {}, "");
    }
}

TEST_CASE("failover: the quota counts both hosts as one service") {
    emulator_process emu({"--app", "k:s", "--backup-port", "0"});
    auto const backup = banner_port(emu, "backup");
    // The default quota: 2 pushes an hour.
    http_client primary(emu.port());
    http_client other(backup);
    CHECK(primary.post("/push.json", signed_headers("k", "s"), to_all).status == 200);
    CHECK(other.post("/push.json", signed_headers("k", "s"), to_all).status == 200);
    CHECK(other.post("/push.json", signed_headers("k", "s"), to_all).code() == 1008);
    CHECK(primary.post("/push.json", signed_headers("k", "s"), to_all).code() == 1008);
    CHECK(other.send("GET", "/_emulator/apps/k/quota", {}).json.at("hour_used") == 2);
}
