#include "core/model/duration.hpp"
#include "core/model/signature.hpp"
#include "core/router.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {

// 2026-11-26T10:00:00+08:00 (a clock hour start); real time stands still in these tests.
constexpr time_ms real_ms = 1'795'658'400'000;
constexpr time_ms minute = 60'000, hour = 60 * minute, day = 24 * hour;

struct fixture {
    emulator_state state;
    int nonce = 0;

    fixture() { state.upsert_app({"k", "s", true, {2, 3}, {}}); }

    api_response control(std::string method, std::string target, std::string body = {}) {
        return handle_request({std::move(method), std::move(target), {}, std::move(body)}, state,
                              real_ms);
    }
    api_response push() {
        auto n = std::to_string(++nonce);
        std::string ts = "1795658400";
        api_request req{
            "POST",
            "/push.json",
            {{"App-Key", "k"},
             {"Nonce", n},
             {"Timestamp", ts},
             {"Signature", expected_signature("s", n, ts)}},
            R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"x"}})"};
        return handle_request(req, state, real_ms);
    }
    void advance(std::string by) {
        auto r = control("POST", "/_emulator/clock/advance", R"({"by":")" + by + R"("})");
        REQUIRE(r.result.has_value());
    }
    time_ms now() { return state.clock.now(real_ms); }
};

void check_rule(api_response const& r, int status, int code, std::string_view rule) {
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().status() == status);
    CHECK(r.result.error().code() == code);
    CHECK(r.result.error().rule() == rule);
}

} // namespace

TEST_CASE("clock: durations are milliseconds or text like 90s, 1h30m, 31d") {
    CHECK(parse_duration_text("90s") == 90'000);
    CHECK(parse_duration_text("1h30m") == 90 * minute);
    CHECK(parse_duration_text("31d") == 31 * day);
    CHECK(parse_duration_text("250ms") == 250);
    CHECK(parse_duration_text("1500") == 1500);
    CHECK(parse_duration_text("-2h") == -2 * hour);
    CHECK(parse_duration_text("1d2h3m4s5ms") == day + 2 * hour + 3 * minute + 4'000 + 5);
    for (auto bad : {"", "-", "h", "1x", "1h30", "1 h", "99999999999999999999d", "1.5h"})
        CHECK_MESSAGE(!parse_duration_text(bad), bad);
    CHECK(parse_duration(json::value(1234), "by").value() == 1234);
    auto err = parse_duration(json::value(true), "by");
    REQUIRE(err.has_error());
    CHECK(err.error().code() == 1002);
    CHECK(err.error().path() == "by");
}

TEST_CASE("clock: the control API sets, advances, freezes, resumes and resets the clock") {
    fixture f;
    auto r = f.control("GET", "/_emulator/clock");
    REQUIRE(r.result.has_value());
    CHECK(r.result->at("now_ms") == real_ms);
    CHECK(r.result->at("frozen") == false);
    f.advance("1h");
    CHECK(f.now() == real_ms + hour);
    REQUIRE(f.control("POST", "/_emulator/clock/freeze").result.has_value());
    // Frozen: real time passing does not move it.
    CHECK(f.state.clock.now(real_ms + 5 * minute) == real_ms + hour);
    r = f.control("PUT", "/_emulator/clock", R"({"now_ms":1000})");
    REQUIRE(r.result.has_value());
    CHECK(r.result->at("now_ms") == 1000);
    CHECK(r.result->at("frozen") == true);
    REQUIRE(f.control("POST", "/_emulator/clock/resume").result.has_value());
    CHECK(f.state.clock.now(real_ms + 7) == 1007);
    REQUIRE(f.control("POST", "/_emulator/clock/reset").result.has_value());
    CHECK(f.now() == real_ms);
}

TEST_CASE("clock: bad clock requests answer 400/1002 naming the field") {
    fixture f;
    auto check_path = [](api_response const& r, std::string_view path) {
        REQUIRE(r.result.has_error());
        CHECK(r.result.error().status() == 400);
        CHECK(r.result.error().code() == 1002);
        CHECK(r.result.error().path() == path);
    };
    check_path(f.control("POST", "/_emulator/clock/advance", R"({"by":"soon"})"), "by");
    check_path(f.control("POST", "/_emulator/clock/advance", R"({})"), "by");
    check_path(f.control("PUT", "/_emulator/clock", R"({"now_ms":"noon"})"), "now_ms");
    check_path(f.control("PUT", "/_emulator/clock", "not json"), "");
    CHECK(f.now() == real_ms);
}

TEST_CASE("emulator/control: advance by a 20-digit number is refused, not wrapped into 5 s") {
    fixture f;
    auto const before = f.now();
    auto r = f.control("POST", "/_emulator/clock/advance", R"({"by":"18446744073709556616"})");
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().status() == 400);
    CHECK(r.result.error().path() == "by");
    CHECK(f.now() == before);
    CHECK(!parse_duration_text("18446744073709556616"));
    CHECK(!parse_duration_text("9223372036854775807ms"));
    CHECK(parse_duration_text("4611686018427387903") == 4611686018427387903LL);
}

TEST_CASE("emulator/control: the clock cannot be moved outside 1970..9999") {
    fixture f;
    auto refused = [](api_response const& r, std::string_view path) {
        REQUIRE(r.result.has_error());
        CHECK(r.result.error().code() == 1002);
        CHECK(r.result.error().path() == path);
    };
    refused(f.control("POST", "/_emulator/clock/advance", R"({"by":9223372036854775807})"), "by");
    refused(f.control("POST", "/_emulator/clock/advance", R"({"by":-9223372036854775807})"), "by");
    refused(f.control("POST", "/_emulator/clock/advance", R"({"by":"-100000d"})"), "by");
    refused(f.control("PUT", "/_emulator/clock", R"({"now_ms":253402300800000})"), "now_ms");
    CHECK(f.now() == real_ms);
    // The edges themselves are fine.
    CHECK(f.control("PUT", "/_emulator/clock", R"({"now_ms":253402300799999})").result);
    CHECK(f.control("POST", "/_emulator/clock/advance", R"({"by":-253402300799999})").result);
    CHECK(f.now() == 0);
}

TEST_CASE("quota/per-hour: moving the clock across the hour opens a new window") {
    fixture f;
    CHECK(f.push().result.has_value());
    f.advance("30m");
    CHECK(f.push().result.has_value());
    f.advance("29m59s999ms"); // 10:59:59.999
    check_rule(f.push(), 429, 1008, "quota/per-hour");
    f.advance("1ms"); // 11:00
    CHECK(f.push().result.has_value());
    auto q = f.control("GET", "/_emulator/apps/k/quota");
    REQUIRE(q.result.has_value());
    CHECK(q.result->at("hour_used") == 1);
    CHECK(q.result->at("day_used") == 3);
    CHECK(q.result->at("hour_resets_at_ms") == real_ms + 2 * hour);
}

TEST_CASE("quota/per-day: the natural day ends at midnight UTC+08:00, not UTC") {
    fixture f;
    f.state.find_app("k")->config.limits = {0, 3};
    for (int i = 0; i < 3; ++i)
        CHECK(f.push().result.has_value());
    check_rule(f.push(), 429, 1008, "quota/per-day");
    // 10:00+08:00 → 23:59:59.999+08:00 is still the same day.
    f.advance("13h59m59s999ms");
    check_rule(f.push(), 429, 1008, "quota/per-day");
    auto q = f.control("GET", "/_emulator/apps/k/quota");
    CHECK(q.result->at("day_resets_at_ms") == f.now() + 1);
    f.advance("1ms"); // midnight in Beijing (16:00 UTC)
    CHECK(f.push().result.has_value());
}

TEST_CASE("audience/active-30-days: advancing the clock 31 days drops a device") {
    fixture f;
    f.state.find_app("k")->config.limits = {0, 0};
    f.state.find_app("k")->registry.upsert(
        {"d1", "u1", platform::ios, channel::apns, "", real_ms, true});
    auto count = [&] {
        REQUIRE(f.push().result.has_value());
        auto const& e = f.state.find_app("k")->journal.entries().back();
        return e.accepted->reached.total;
    };
    CHECK(count() == 1u);
    f.advance("30d");
    CHECK(count() == 1u);
    f.advance("1ms");
    CHECK(count() == 0u);
}
