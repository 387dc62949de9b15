#include "core/model/signature.hpp"
#include "core/public_api/tag_api.hpp"
#include "core/router.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {

constexpr time_ms now_ms = 1'795'658'400'000; // on a second boundary

struct fixture {
    emulator_state state;
    int nonce = 0;

    fixture() { state.upsert_app({"k", "s", true, {}, {}}); }

    api_request request(std::string target, std::string body, std::string key = "k",
                        std::string secret = "s") {
        auto n = std::to_string(++nonce);
        std::string ts = "1795658400";
        return {"POST",
                std::move(target),
                {{"App-Key", std::move(key)},
                 {"Nonce", n},
                 {"Timestamp", ts},
                 {"Signature", expected_signature(secret, n, ts)}},
                std::move(body)};
    }
    api_response set(std::string body, time_ms at = now_ms) {
        return handle_request(request("/user/tag/set.json", std::move(body)), state, at);
    }
    api_response batch(std::string body, time_ms at = now_ms) {
        return handle_request(request("/user/tag/batch/set.json", std::move(body)), state, at);
    }
    api_response get(std::string body, time_ms at = now_ms) {
        return handle_request(request("/user/tags/get.json", std::move(body)), state, at);
    }
};

void check_ok(api_response const& r) {
    INFO((r.result.has_error() ? r.result.error().message() : std::string("ok")));
    REQUIRE(r.result.has_value());
    CHECK(r.result->at("code").as_int64() == 200);
}

void check_error(api_response const& r, int status, int code, std::string_view rule,
                 std::string_view path = "") {
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().status() == status);
    CHECK(r.result.error().code() == code);
    CHECK(r.result.error().rule() == rule);
    CHECK(r.result.error().path() == path);
}

std::string tag_array(std::size_t n, std::string const& prefix = "t") {
    std::string out = "[";
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? ",\"" : "\"") + prefix + std::to_string(i) + "\"";
    return out + "]";
}

json::value result_of(api_response const& r) {
    return r.result->at("result");
}

} // namespace

TEST_CASE("tags.set/replace: set replaces the user's tags, [] clears them, get reads them") {
    fixture f;
    check_ok(f.set(R"({"userId":"u1","tags":["a","b"]})"));
    check_ok(f.set(R"({"userId":"u2","tags":["c"]})"));
    auto r = f.get("userIds=u1&userIds=u2&userIds=u3");
    check_ok(r);
    CHECK(result_of(r) == json::parse(R"({"u1":["a","b"],"u2":["c"],"u3":[]})"));
    check_ok(f.set(R"({"userId":"u1","tags":["z"]})"));
    check_ok(f.set(R"({"userId":"u2","tags":[]})"));
    CHECK(result_of(f.get("userIds=u1&userIds=u2")) == json::parse(R"({"u1":["z"],"u2":[]})"));
}

TEST_CASE("tags.set/body: userId and tags are required and typed; errors name the field") {
    fixture f;
    check_error(f.set(R"({"tags":["a"]})"), 400, 1002, "tags.set/body", "userId");
    check_error(f.set(R"({"userId":7,"tags":["a"]})"), 400, 1002, "tags.set/body", "userId");
    check_error(f.set(R"({"userId":"","tags":["a"]})"), 400, 1002, "tags.set/body", "userId");
    check_error(f.set(R"({"userId":"u"})"), 400, 1002, "tags.set/body", "tags");
    check_error(f.set(R"({"userId":"u","tags":"a"})"), 400, 1002, "tags.set/body", "tags");
    check_error(f.set(R"({"userId":"u","tags":["a",1]})"), 400, 1002, "tags.set/body", "tags[1]");
    check_error(f.set(R"({"userId":"u","tags":["a",""]})"), 400, 1002, "tags.set/body", "tags[1]");
    check_error(f.set(R"(["u"])"), 400, 1002, "tags.set/body");
    check_error(f.set(R"({"userId":"u",)"), 400, 1002, "body/json");
    check_error(f.set(""), 400, 1003, "body/non-empty");
}

TEST_CASE("tags.set/max-tags: 20 tags accepted, 21 answer 1005") {
    fixture f;
    check_ok(f.set(R"({"userId":"u","tags":)" + tag_array(20) + "}"));
    check_error(f.set(R"({"userId":"u","tags":)" + tag_array(21) + "}"), 400, 1005,
                "tags.set/max-tags", "tags");
    CHECK(f.state.find_app("k")->registry.tags_of("u").size() == 20); // unchanged
}

TEST_CASE("tags.set/tag-length: 40 bytes accepted, 41 bytes answer 1005") {
    fixture f;
    check_ok(f.set(R"({"userId":"u","tags":[")" + std::string(40, 'x') + R"("]})"));
    check_error(f.set(R"({"userId":"u","tags":["ok",")" + std::string(41, 'x') + R"("]})"), 400,
                1005, "tags.set/tag-length", "tags[1]");
    // Bytes, not characters: 14 three-byte characters are 42 bytes.
    std::string wide;
    for (int i = 0; i < 14; ++i)
        wide += "\xe5\x8c\x97";
    check_error(f.set(R"({"userId":"u","tags":[")" + wide + R"("]})"), 400, 1005,
                "tags.set/tag-length", "tags[0]");
}

TEST_CASE("tags.set/rate: the 101st call in one second answers 429/1008") {
    fixture f;
    for (int i = 0; i < 100; ++i)
        check_ok(f.set(R"({"userId":"u","tags":["a"]})", now_ms + 999));
    check_error(f.set(R"({"userId":"u","tags":["a"]})", now_ms + 999), 429, 1008, "tags.set/rate");
    check_ok(f.set(R"({"userId":"u","tags":["a"]})", now_ms + 1000));
}

TEST_CASE("tags.batch-set/body: userIds and tags are required and typed") {
    fixture f;
    check_ok(f.batch(R"({"userIds":["a","b"],"tags":["x","y"]})"));
    CHECK(result_of(f.get("userIds=a&userIds=b")) ==
          json::parse(R"({"a":["x","y"],"b":["x","y"]})"));
    check_error(f.batch(R"({"tags":["x"]})", now_ms + 1000), 400, 1002, "tags.batch-set/body",
                "userIds");
    check_error(f.batch(R"({"userIds":[],"tags":["x"]})", now_ms + 1000), 400, 1002,
                "tags.batch-set/body", "userIds");
    check_error(f.batch(R"({"userIds":["a",""],"tags":["x"]})", now_ms + 1000), 400, 1002,
                "tags.batch-set/body", "userIds[1]");
    check_error(f.batch(R"({"userIds":["a"]})", now_ms + 1000), 400, 1002, "tags.batch-set/body",
                "tags");
    check_error(f.batch(R"({"userIds":["a"],"tags":)" + tag_array(21) + "}", now_ms + 1000), 400,
                1005, "tags.set/max-tags", "tags");
}

TEST_CASE("tags.batch-set/max-users: 1000 user ids accepted, 1001 answer 1005") {
    fixture f;
    auto body = [](std::size_t n) {
        return R"({"userIds":)" + tag_array(n, "u") + R"(,"tags":["x"]})";
    };
    check_ok(f.batch(body(1000)));
    check_error(f.batch(body(1001)), 400, 1005, "tags.batch-set/max-users", "userIds");
    CHECK(f.state.find_app("k")->registry.tags_of("u999") == std::vector<std::string>{"x"});
}

TEST_CASE("tags.batch-set/rate: the 11th call in one second answers 429/1008") {
    fixture f;
    for (int i = 0; i < 10; ++i)
        check_ok(f.batch(R"({"userIds":["a"],"tags":["x"]})"));
    check_error(f.batch(R"({"userIds":["a"],"tags":["x"]})"), 429, 1008, "tags.batch-set/rate");
    // A 429 is answered before the body is read: even a bad body gets 429.
    check_error(f.batch("not json"), 429, 1008, "tags.batch-set/rate");
    check_ok(f.batch(R"({"userIds":["a"],"tags":["x"]})", now_ms + 1000));
}

TEST_CASE("tags.get/body: form-encoded userIds, URL-decoded; errors name the field") {
    fixture f;
    check_ok(f.set(R"({"userId":"a b","tags":["t/1"]})"));
    check_ok(f.set(R"({"userId":"c&d","tags":["t2"]})"));
    CHECK(result_of(f.get("userIds=a+b&userIds=c%26d&other=1")) ==
          json::parse(R"({"a b":["t/1"],"c&d":["t2"]})"));
    check_error(f.get("other=1"), 400, 1002, "tags.get/body", "userIds");
    check_error(f.get("userIds=a&userIds="), 400, 1002, "tags.get/body", "userIds[1]");
    check_error(f.get("userIds=%zz"), 400, 1002, "tags.get/body");
    check_error(f.get(""), 400, 1003, "body/non-empty");
}

TEST_CASE("tags.get/max-users: 50 user ids accepted, 51 answer 1005") {
    fixture f;
    auto body = [](int n) {
        std::string out;
        for (int i = 0; i < n; ++i)
            out += (i ? "&" : "") + std::string("userIds=u") + std::to_string(i);
        return out;
    };
    auto r = f.get(body(50));
    check_ok(r);
    CHECK(result_of(r).as_object().size() == 50);
    check_error(f.get(body(51)), 400, 1005, "tags.get/max-users", "userIds");
}

TEST_CASE("tags.get/rate: the 101st call in one second answers 429/1008") {
    fixture f;
    for (int i = 0; i < 100; ++i)
        check_ok(f.get("userIds=u"));
    check_error(f.get("userIds=u"), 429, 1008, "tags.get/rate");
    check_ok(f.get("userIds=u", now_ms + 1000));
}

TEST_CASE("tags: rate limits are per App Key and per endpoint") {
    fixture f;
    f.state.upsert_app({"k2", "s2", true, {}, {}});
    for (int i = 0; i < 10; ++i)
        check_ok(f.batch(R"({"userIds":["a"],"tags":["x"]})"));
    check_ok(f.set(R"({"userId":"u","tags":["a"]})")); // another endpoint's limiter
    auto other = handle_request(
        f.request("/user/tag/batch/set.json", R"({"userIds":["a"],"tags":["y"]})", "k2", "s2"),
        f.state, now_ms);
    check_ok(other);
    CHECK(f.state.find_app("k")->registry.tags_of("a") == std::vector<std::string>{"x"});
    CHECK(f.state.find_app("k2")->registry.tags_of("a") == std::vector<std::string>{"y"});
}

TEST_CASE("auth/signature: tag APIs are signed like /push.json") {
    fixture f;
    auto req = f.request("/user/tag/set.json", R"({"userId":"u","tags":["a"]})", "k", "wrong");
    check_error(handle_request(req, f.state, now_ms), 401, 1004, "auth/signature");
    auto unknown = f.request("/user/tags/get.json", "userIds=u", "nope", "s");
    check_error(handle_request(unknown, f.state, now_ms), 401, 1004, "auth/app-key");
    CHECK(f.state.find_app("k")->registry.tags_of("u").empty());
}

TEST_CASE("http/method: the tag APIs answer 405 to GET") {
    fixture f;
    auto req = f.request("/user/tags/get.json", "userIds=u");
    req.method = "GET";
    check_error(handle_request(req, f.state, now_ms), 405, 405, "http/method");
    CHECK(find_route("/user/tag/batch/set.json").kind == route_kind::public_api);
    CHECK(find_route("/user/tag/set.json").endpoint == endpoint::tag_set);
    CHECK(!reads_body(find_route("/user/tag/set.json"), "GET"));
}

TEST_CASE("tags.get/body: userIds=%FF%FE is refused with 1002, never echoed as invalid UTF-8") {
    fixture f;
    check_error(f.get("userIds=%FF%FE"), 400, 1002, "tags.get/body", "userIds[0]");
    auto r = f.get("userIds=ok&userIds=%FF%FE");
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().path() == "userIds[1]");
}
