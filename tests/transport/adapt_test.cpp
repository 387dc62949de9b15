// transport/adapt: the one place an api_error becomes {"code":N,"errorMessage":"..."}.
#include "transport/adapt.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace push;
using namespace push::transport;

namespace {

/// The response `to_wire` wrote, read back by Beast's parser (which must accept it whole).
http::response<http::string_body> parse(std::string const& bytes) {
    http::response_parser<http::string_body> p;
    p.eager(true);
    beast::error_code ec;
    std::size_t used = 0;
    while (!ec && !p.is_done() && used < bytes.size())
        used += p.put(net::buffer(bytes.data() + used, bytes.size() - used), ec);
    REQUIRE_MESSAGE(!ec, ec.message());
    REQUIRE(p.is_done());
    CHECK(used == bytes.size());
    return p.release();
}

http::response<http::string_body> to_http_response(core::api_response const& r, unsigned version,
                                                   bool keep_alive) {
    return parse(to_wire(r, version, keep_alive, false));
}

} // namespace

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
    auto res = to_http_response(core::error_response(core::errors::body_too_large(10)), 10, false);
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

TEST_CASE("response/status-430: a 1009 answer's status line names 430, not <unknown-status>") {
    auto bytes = to_wire(core::error_response(core::errors::not_enabled()), 11, true, false);
    CHECK(bytes.starts_with("HTTP/1.1 430 Service Not Enabled\r\n"));
    CHECK(bytes.find("unknown") == std::string::npos);
}

TEST_CASE("response/json-code: a HEAD answer keeps Content-Length and has no body") {
    core::api_response r;
    auto const get = to_wire(r, 11, true, false);
    auto const head = to_wire(r, 11, true, true);
    CHECK(get.starts_with(head));
    CHECK(get.size() == head.size() + std::string(R"({"code":200})").size());
    CHECK(head.find("Content-Length: 12\r\n") != std::string::npos);
}

TEST_CASE("response/json-code: a header value cannot end its field early") {
    core::api_response r;
    r.result = core::errors::bad_request("a\r\nX-Evil: 1", "bad", "body/json");
    auto res = to_http_response(r, 11, true);
    CHECK(res.find("X-Evil") == res.end());
    CHECK(res["X-Emulator-Path"] == "a  X-Evil: 1");
}

TEST_CASE("response/json-code: a status without a standard reason phrase gets its class name") {
    // Faults may inject any status from 400 to 599.
    for (auto [status, line] : {std::pair{460, "HTTP/1.1 460 Client Error\r\n"},
                                std::pair{520, "HTTP/1.1 520 Server Error\r\n"},
                                std::pair{503, "HTTP/1.1 503 Service Unavailable\r\n"}}) {
        int const injected = status;
        CAPTURE(injected);
        auto const wire = to_wire(core::error_response(core::errors::injected(status, 1000, "x")),
                                  11, true, false);
        CHECK(wire.starts_with(line));
    }
}
