// GET /_emulator/metrics over real sockets: every counter moves by exactly the requests sent.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

namespace {

using namespace push::test_support;

constexpr char to_all[] =
    R"({"platform":["ios","android"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

/// The value of the sample written exactly as `series` (name and labels), 0 when absent.
double sample(std::string const& text, std::string const& series) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
            line[series.size()] == ' ')
            return std::stod(line.substr(series.size() + 1));
    return 0;
}

std::string requests(std::string_view endpoint, int status, int code, std::string_view app) {
    std::ostringstream s;
    s << "push_emulator_requests_total{endpoint=\"" << endpoint << "\",status=\"" << status
      << "\",code=\"" << code << "\",app=\"" << app << "\"}";
    return s.str();
}

} // namespace

TEST_CASE("metrics: the counters move by exactly the requests sent") {
    emulator_process emu;
    http_client c(emu.port());
    REQUIRE(c.send("PUT", "/_emulator/apps/m", {}, R"({"secret":"s","per_hour":0,"per_day":0})")
                .status == 200);
    auto const before = c.send("GET", "/_emulator/metrics", {});
    REQUIRE(before.status == 200);
    CHECK(before.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    for (int i = 0; i < 5; ++i)
        REQUIRE(c.post("/push.json", signed_headers("m", "s"), to_all).status == 200);
    for (int i = 0; i < 3; ++i)
        REQUIRE(c.post("/push.json", signed_headers("m", "wrong"), to_all).status == 401);
    for (int i = 0; i < 2; ++i)
        REQUIRE(c.send("GET", "/nowhere", {}).status == 404);
    auto const after = c.send("GET", "/_emulator/metrics", {});
    REQUIRE(after.status == 200);
    auto delta = [&](std::string const& series) {
        return sample(after.body, series) - sample(before.body, series);
    };
    CHECK(delta(requests("/push.json", 200, 200, "m")) == 5);
    CHECK(delta(requests("/push.json", 401, 1004, "m")) == 3);
    CHECK(delta(requests("unknown", 404, 404, "_none")) == 2);
    // The first scrape is counted once it is answered; the second one is not yet.
    CHECK(delta(requests("control", 200, 200, "_none")) == 1);
    CHECK(delta("push_emulator_refusals_total{rule=\"auth/signature\"}") == 3);
    CHECK(delta("push_emulator_request_duration_seconds_count{endpoint=\"/push.json\"}") == 8);
    CHECK(delta("push_emulator_request_duration_seconds_bucket{endpoint=\"/push.json\","
                "le=\"+Inf\"}") == 8);
    CHECK(sample(after.body, "push_emulator_journal_entries{app=\"m\"}") == 8);
    CHECK(sample(after.body, "push_emulator_quota_used{app=\"m\",window=\"hour\"}") == 5);
    CHECK(sample(after.body, "push_emulator_open_connections") == 1);
    CHECK(sample(after.body, "push_emulator_start_time_seconds") > 1.7e9);
}

TEST_CASE("emulator/admin-token: the metrics need the token, as a bearer token too") {
    emulator_process emu({"--admin-token", "t0k"});
    http_client c(emu.port());
    CHECK(c.send("GET", "/_emulator/metrics", {}).status == 401);
    CHECK(c.send("GET", "/_emulator/metrics", {{"Authorization", "Bearer t0k"}}).status == 200);
}
