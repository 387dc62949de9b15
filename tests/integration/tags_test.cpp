// The user tag APIs over real sockets: signed requests, limits, per-second rate limits (with the
// emulator clock frozen so that "one second" is exact), replace semantics.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <string>

namespace {

namespace json = boost::json;
using namespace push::test_support;

struct tag_fixture {
    emulator_process emu{{"--app", "tk:ts"}};
    http_client client{emu.port()};

    http_reply signed_post(std::string_view target, std::string_view body) {
        return client.post(target, signed_headers("tk", "ts"), body);
    }
    http_reply control(std::string_view method, std::string_view target,
                       std::string_view body = {}) {
        return client.send(method, target, {{"Content-Type", "application/json"}}, body);
    }
};

std::string tag_list(int n) {
    std::string out = "[";
    for (int i = 0; i < n; ++i)
        out += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
    return out + "]";
}

} // namespace

TEST_CASE("tags.set/replace: over HTTP, set replaces and get.json reads form-encoded ids") {
    tag_fixture f;
    auto r = f.signed_post("/user/tag/set.json", R"({"userId":"u 1","tags":["a","b"]})");
    CHECK(r.status == 200);
    CHECK(r.json == json::parse(R"({"code":200})"));
    CHECK(f.signed_post("/user/tag/batch/set.json", R"({"userIds":["u2","u3"],"tags":["c"]})")
              .code() == 200);
    CHECK(f.signed_post("/user/tag/set.json", R"({"userId":"u3","tags":[]})").code() == 200);
    r = f.signed_post("/user/tags/get.json", "userIds=u+1&userIds=u2&userIds=u3");
    CHECK(r.status == 200);
    CHECK(r.json == json::parse(R"({"code":200,"result":{"u 1":["a","b"],"u2":["c"],"u3":[]}})"));
    // The control API sees the same tags.
    auto c = f.control("GET", "/_emulator/apps/tk/tags/u2");
    CHECK(c.json.at("tags") == json::parse(R"(["c"])"));
}

TEST_CASE("tags.set/max-tags and tags.set/tag-length: 1005 naming the field over HTTP") {
    tag_fixture f;
    auto r = f.signed_post("/user/tag/set.json", R"({"userId":"u","tags":)" + tag_list(21) + "}");
    CHECK(r.status == 400);
    CHECK(r.code() == 1005);
    CHECK(r.header("X-Emulator-Rule") == "tags.set/max-tags");
    r = f.signed_post("/user/tag/set.json",
                      R"({"userId":"u","tags":["ok",")" + std::string(41, 'x') + R"("]})");
    CHECK(r.status == 400);
    CHECK(r.code() == 1005);
    CHECK(r.error_message().find("tags[1]") != std::string::npos);
    r = f.signed_post("/user/tag/set.json", R"({"tags":["a"]})");
    CHECK(r.status == 400);
    CHECK(r.code() == 1002);
    CHECK(r.error_message().find("userId") != std::string::npos);
}

TEST_CASE("tags.batch-set/max-users and tags.get/max-users over HTTP") {
    tag_fixture f;
    std::string ids = "[";
    for (int i = 0; i < 1001; ++i)
        ids += (i ? ",\"u" : "\"u") + std::to_string(i) + "\"";
    ids += "]";
    auto r =
        f.signed_post("/user/tag/batch/set.json", R"({"userIds":)" + ids + R"(,"tags":["x"]})");
    CHECK(r.status == 400);
    CHECK(r.code() == 1005);
    std::string form;
    for (int i = 0; i < 51; ++i)
        form += (i ? "&userIds=u" : "userIds=u") + std::to_string(i);
    r = f.signed_post("/user/tags/get.json", form);
    CHECK(r.status == 400);
    CHECK(r.code() == 1005);
}

TEST_CASE("tags.set/rate and tags.batch-set/rate: per second per App Key, over HTTP") {
    tag_fixture f;
    // Freeze the emulator clock so that every call falls in one emulator second.
    REQUIRE(f.control("POST", "/_emulator/clock/freeze").status == 200);
    for (int i = 0; i < 10; ++i)
        REQUIRE(
            f.signed_post("/user/tag/batch/set.json", R"({"userIds":["a"],"tags":["x"]})").status ==
            200);
    auto r = f.signed_post("/user/tag/batch/set.json", R"({"userIds":["a"],"tags":["x"]})");
    CHECK(r.status == 429);
    CHECK(r.code() == 1008);
    for (int i = 0; i < 100; ++i)
        REQUIRE(f.signed_post("/user/tag/set.json", R"({"userId":"a","tags":["y"]})").status ==
                200);
    r = f.signed_post("/user/tag/set.json", R"({"userId":"a","tags":["y"]})");
    CHECK(r.status == 429);
    CHECK(r.code() == 1008);
    CHECK(r.header("X-Emulator-Rule") == "tags.set/rate");
    REQUIRE(f.control("POST", "/_emulator/clock/advance", R"({"by":"1s"})").status == 200);
    CHECK(f.signed_post("/user/tag/set.json", R"({"userId":"a","tags":["z"]})").status == 200);
    CHECK(f.signed_post("/user/tag/batch/set.json", R"({"userIds":["b"],"tags":["x"]})").status ==
          200);
}

TEST_CASE("auth/signature: an unsigned tag request answers 401/1004") {
    tag_fixture f;
    auto r = f.client.post("/user/tag/set.json", {}, R"({"userId":"u","tags":["a"]})");
    CHECK(r.status == 401);
    CHECK(r.code() == 1004);
    r = f.client.post("/user/tag/set.json", signed_headers("tk", "wrong"),
                      R"({"userId":"u","tags":["a"]})");
    CHECK(r.status == 401);
    CHECK(r.code() == 1004);
}
