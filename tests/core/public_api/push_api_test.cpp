#include "core/model/signature.hpp"
#include "core/model/text.hpp"
#include "core/router.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>

using namespace push::core;

namespace {

constexpr time_ms now_ms = 1'795'658'400'000; // 2026-11-26T10:00+08:00, a clock hour start
constexpr char valid_body[] =
    R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

struct fixture {
    emulator_state state;
    int nonce = 0;

    explicit fixture(app_config app = {"k", "s", true, {2, 3}, {}}) {
        state.upsert_app(std::move(app));
    }

    api_request request(std::string body, std::string target = "/push.json",
                        std::string method = "POST") {
        auto n = std::to_string(++nonce);
        std::string ts = "1795658400";
        return {std::move(method),
                std::move(target),
                {{"App-Key", "k"},
                 {"Nonce", n},
                 {"Timestamp", ts},
                 {"Signature", expected_signature("s", n, ts)},
                 {"Content-Type", "application/json"}},
                std::move(body)};
    }

    api_response send(api_request const& r, time_ms at = now_ms) {
        return handle_request(r, state, at);
    }
    api_response push(std::string body = valid_body, time_ms at = now_ms) {
        return send(request(std::move(body)), at);
    }
};

void check_error(api_response const& r, int status, int code, std::string_view rule) {
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().status() == status);
    CHECK(r.result.error().code() == code);
    CHECK(r.result.error().rule() == rule);
}

std::string const* header_of(api_response const& r, std::string_view name) {
    for (auto const& h : r.headers)
        if (iequals(h.name, name))
            return &h.value;
    return nullptr;
}

} // namespace

TEST_CASE("response/id-format: an accepted push answers code 200 and a 22-character id") {
    fixture f;
    auto r = f.push();
    REQUIRE(r.result.has_value());
    CHECK(r.result->at("code").as_int64() == 200);
    CHECK(std::regex_match(std::string(r.result->at("id").as_string()),
                           std::regex("[0-9A-Za-z]{22}")));
    CHECK(r.success_status == 200);
}

TEST_CASE("http/route: unknown paths are 404 with code 404") {
    fixture f;
    check_error(f.send(f.request(valid_body, "/message/send.json")), 404, 404, "http/route");
    check_error(f.send(f.request(valid_body, "/")), 404, 404, "http/route");
}

TEST_CASE("http/method: GET /push.json is 405 with code 405 and Allow: POST") {
    fixture f;
    auto r = f.send(f.request("", "/push.json", "GET"));
    check_error(r, 405, 405, "http/method");
    REQUIRE(header_of(r, "Allow"));
    CHECK(*header_of(r, "Allow") == "POST");
}

TEST_CASE("http/path-normalization: //push.json and a query string reach /push.json [D-12]") {
    fixture f({"k", "s", true, {0, 0}, {}});
    CHECK(f.send(f.request(valid_body, "//push.json")).result.has_value());
    CHECK(f.send(f.request(valid_body, "/push.json?x=1")).result.has_value());
    CHECK(f.send(f.request(valid_body, "///push.json")).result.has_value());
    check_error(f.send(f.request(valid_body, "/push.jsonx")), 404, 404, "http/route");
    // The absolute form of RFC 9112 §3.2.2; the host is ignored.
    CHECK(f.send(f.request(valid_body, "http://api.rong-api.com/push.json")).result.has_value());
    CHECK(f.send(f.request(valid_body, "https://api.rong-api.com//push.json?a=b")).result);
    check_error(f.send(f.request(valid_body, "http://api.rong-api.com")), 404, 404, "http/route");
}

TEST_CASE("body/max-size: a body over the limit is 413/1508") {
    fixture f;
    f.state.settings.max_body = 100;
    check_error(f.push(std::string(101, ' ')), 413, 1508, "body/max-size");
}

TEST_CASE("body/non-empty: an empty body is 1003") {
    fixture f({"k", "s", true, {0, 0}, {}});
    check_error(f.push(""), 400, 1003, "body/non-empty");
    check_error(f.push(" \r\n"), 400, 1003, "body/non-empty");
}

TEST_CASE("body/json: malformed JSON is 1002") {
    fixture f({"k", "s", true, {0, 0}, {}});
    check_error(f.push(R"({"platform":["ios"])"), 400, 1002, "body/json");
    check_error(f.push("\xff\xfe{}"), 400, 1002, "body/json");
    check_error(f.push(R"({"notification":{"alert":"\xc3\x28"}})"), 400, 1002, "body/json");
    check_error(f.push(std::string(1000, '[') + std::string(1000, ']')), 400, 1002, "body/json");
    check_error(f.push("{} {}"), 400, 1002, "body/json");
}

TEST_CASE("body/json: a body that is not UTF-8 was called a syntax error; it names the byte") {
    fixture f({"k", "s", true, {0, 0}, {}});
    auto r = f.push("{\"notification\":{\"alert\":\"h\xff"
                    "i\"}}");
    check_error(r, 400, 1002, "body/json");
    CHECK(r.result.error().message() == "malformed JSON body: not valid UTF-8 at byte 27");
    auto s = f.push(R"({"platform":["ios"])");
    CHECK(s.result.error().message() == "malformed JSON body: syntax error");
}

TEST_CASE("body/content-type: lenient ignores Content-Type, strict requires application/json") {
    fixture lenient({"k", "s", true, {0, 0}, profile::lenient});
    auto r = lenient.request(valid_body);
    r.headers.back().value = "text/plain";
    CHECK(lenient.send(r).result.has_value());

    fixture strict({"k", "s", true, {0, 0}, profile::strict});
    auto strict_req = [&](std::string content_type) {
        auto n = std::to_string(++strict.nonce);
        auto ts = std::to_string(now_ms);
        return api_request{"POST",
                           "/push.json",
                           {{"App-Key", "k"},
                            {"Nonce", n},
                            {"Timestamp", ts},
                            {"Signature", expected_signature("s", n, ts)},
                            {"Content-Type", std::move(content_type)}},
                           valid_body};
    };
    check_error(strict.send(strict_req("text/plain")), 400, 1002, "body/content-type");
    CHECK(strict.send(strict_req("application/json; charset=utf-8")).result.has_value());
}

TEST_CASE("body/unknown-fields: ignored and listed in X-Emulator-Warnings [D-11]") {
    fixture f;
    auto r = f.push(R"({"platform":["ios"],"audience":{"is_to_all":true},"sound":"x",
                        "notification":{"alert":"hi"}})");
    REQUIRE(r.result.has_value());
    auto const* w = header_of(r, "X-Emulator-Warnings");
    REQUIRE(w);
    CHECK(w->find("sound") != std::string::npos);
}

TEST_CASE("quota/order: authentication failures consume no quota [D-8]") {
    fixture f;
    auto bad = f.request(valid_body);
    bad.headers[3].value = std::string(40, '0');
    for (int i = 0; i < 5; ++i)
        check_error(f.send(bad), 401, 1004, "auth/signature");
    CHECK(f.push().result.has_value());
    CHECK(f.push().result.has_value());
    check_error(f.push(), 429, 1008, "quota/per-hour");
}

TEST_CASE("quota/order: a rejected body still consumes quota [D-8]") {
    fixture f;
    check_error(f.push(R"({"platform":[]})"), 400, 1002, "platform/non-empty");
    check_error(f.push(""), 400, 1003, "body/non-empty");
    check_error(f.push(), 429, 1008, "quota/per-hour");
}

TEST_CASE("quota/per-hour: the 3rd push in an hour is 429/1008, the next hour is open") {
    fixture f;
    CHECK(f.push().result.has_value());
    CHECK(f.push(valid_body, now_ms + 59 * 60'000).result.has_value());
    auto third = f.push(valid_body, now_ms + 59 * 60'000);
    check_error(third, 429, 1008, "quota/per-hour");
    REQUIRE(header_of(third, "X-Emulator-Quota"));
    CHECK(*header_of(third, "X-Emulator-Quota") == "hour=2/2; day=2/3");
    CHECK(f.push(valid_body, now_ms + 3'600'000).result.has_value());
    check_error(f.push(valid_body, now_ms + 2 * 3'600'000), 429, 1008, "quota/per-day");
}

TEST_CASE("quota/per-day: the virtual clock drives the windows") {
    fixture f({"k", "s", true, {0, 3}, {}});
    f.state.clock.set(now_ms, now_ms);
    for (int i = 0; i < 3; ++i)
        CHECK(f.push(valid_body, now_ms).result.has_value());
    check_error(f.push(valid_body, now_ms), 429, 1008, "quota/per-day");
    f.state.clock.advance(14 * 3'600'000, now_ms); // Beijing midnight
    CHECK(f.push(valid_body, now_ms).result.has_value());
}

TEST_CASE("service/enabled: not enabled is 430/1009, then the limiter answers 429/1008") {
    fixture f({"k", "s", false, {2, 3}, {}});
    check_error(f.push(), 430, 1009, "service/enabled");
    check_error(f.push(), 430, 1009, "service/enabled");
    check_error(f.push(), 429, 1008, "quota/per-hour");
}

TEST_CASE("auth/app-key: apps are isolated: one app's quota does not touch another's") {
    fixture f;
    f.state.upsert_app({"k2", "s2", true, {1, 1}, {}});
    CHECK(f.push().result.has_value());
    CHECK(f.push().result.has_value());
    check_error(f.push(), 429, 1008, "quota/per-hour");
    auto n = std::string("99");
    api_request other{"POST",
                      "/push.json",
                      {{"App-Key", "k2"},
                       {"Nonce", n},
                       {"Timestamp", "1"},
                       {"Signature", expected_signature("s2", n, "1")}},
                      valid_body};
    CHECK(f.send(other).result.has_value());
}

TEST_CASE("response/id-format: ids stay unique across an app reset and a delete/recreate") {
    fixture f({"k", "s", true, {0, 0}, {}});
    std::set<std::string> ids;
    auto push_id = [&] {
        auto r = f.push();
        REQUIRE(r.result.has_value());
        return std::string(r.result->at("id").as_string());
    };
    ids.insert(push_id());
    ids.insert(push_id());
    f.state.find_app("k")->reset();
    ids.insert(push_id());
    REQUIRE(f.state.remove_app("k"));
    CHECK_FALSE(f.state.remove_app("k"));
    f.state.upsert_app({"k", "s", true, {0, 0}, {}});
    ids.insert(push_id());
    CHECK(ids.size() == 4);
    // Reproducible: a fresh state with the same seed issues the same first id.
    fixture g({"k", "s", true, {0, 0}, {}});
    auto first = g.push();
    REQUIRE(first.result.has_value());
    CHECK(ids.count(std::string(first.result->at("id").as_string())) == 1);
}
