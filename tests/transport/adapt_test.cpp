// transport/adapt: the one place an api_error becomes {"code":N,"errorMessage":"..."}.
#include "transport/adapt.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace push;
using namespace push::transport;

TEST_CASE("response/json-code: an error becomes code and errorMessage, rule and path headers") {
    core::api_response r;
    r.result = core::errors::wrong_type("notification.ios.badge", "an integer",
                                        "notification.ios.badge/type");
    r.headers.push_back({"X-Emulator-Warnings", "ignored unknown fields: x"});
    auto res = to_http_response(r, 11, true);
    CHECK(res.result_int() == 400);
    CHECK(res.body() ==
          R"({"code":1002,"errorMessage":"notification.ios.badge must be an integer"})");
    CHECK(res[http::field::content_type] == "application/json; charset=utf-8");
    CHECK(res["X-Emulator-Rule"] == "notification.ios.badge/type");
    CHECK(res["X-Emulator-Path"] == "notification.ios.badge");
    CHECK(res["X-Emulator-Warnings"] == "ignored unknown fields: x");
    CHECK(res[http::field::content_length] == std::to_string(res.body().size()));
    CHECK(res.keep_alive());
}

TEST_CASE("response/json-code: an error without a path has no X-Emulator-Path") {
    auto res = to_http_response(error_response(core::errors::body_too_large(10)), 10, false);
    CHECK(res.result_int() == 413);
    CHECK(res.version() == 10);
    CHECK(res.find("X-Emulator-Path") == res.end());
    CHECK(res["X-Emulator-Rule"] == "body/max-size");
    CHECK(!res.keep_alive());
}

TEST_CASE("response/json-code: a success body is serialized as given") {
    core::api_response r;
    r.result = core::json::object{{"code", 200}, {"id", "abc"}};
    auto res = to_http_response(r, 11, true);
    CHECK(res.result_int() == 200);
    CHECK(res.body() == R"({"code":200,"id":"abc"})");
    CHECK(res.find("X-Emulator-Rule") == res.end());
    auto s = summarize(r);
    CHECK(s.status == 200);
    CHECK(s.code == 200);
    CHECK(s.rule.empty());
}

TEST_CASE("http/malformed: malformed HTTP is 400/1002 with its own rule") {
    auto e = malformed_http("bad method");
    CHECK(e.status() == 400);
    CHECK(e.code() == 1002);
    CHECK(e.rule() == "http/malformed");
    CHECK(e.message() == "malformed HTTP request: bad method");
}

TEST_CASE("adapt: a request keeps its method, raw target, headers in order and body") {
    http::request<http::string_body> req{http::verb::post, "//push.json?x=1", 11};
    req.set("App-Key", "k");
    req.insert("X-Dup", "1");
    req.insert("X-Dup", "2");
    auto a = to_api_request(req.base(), "{}");
    CHECK(a.method == "POST");
    CHECK(a.target == "//push.json?x=1");
    REQUIRE(a.headers.size() == 3);
    CHECK(a.headers[1].value == "1");
    CHECK(a.headers[2].value == "2");
    CHECK(*a.find_header("app-key") == "k");
    CHECK(a.body == "{}");
}

TEST_CASE("service/enabled: the 430 status line reads 430 Service Not Enabled, not "
          "<unknown-status>") {
    auto res = to_http_response(error_response(core::errors::not_enabled()), 11, true);
    std::ostringstream wire;
    wire << res.base();
    CHECK(wire.str().starts_with("HTTP/1.1 430 Service Not Enabled\r\n"));
}

TEST_CASE("response/json-code: a status without a standard reason phrase gets its class name") {
    // Faults may inject any status from 400 to 599.
    for (auto [status, line] : {std::pair{460, "HTTP/1.1 460 Client Error\r\n"},
                                std::pair{520, "HTTP/1.1 520 Server Error\r\n"},
                                std::pair{503, "HTTP/1.1 503 Service Unavailable\r\n"}}) {
        CAPTURE(status);
        auto res =
            to_http_response(error_response(core::errors::injected(status, 1000, "x")), 11, true);
        std::ostringstream wire;
        wire << res.base();
        CHECK(wire.str().starts_with(line));
    }
}
