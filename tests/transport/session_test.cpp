// Session tests: run_session on one end of two connected beast::test::streams, raw bytes written
// on the other end. No ports, no sleeps.
#include "support/http_client.hpp"
#include "transport/session.hpp"

#include <boost/beast/_experimental/test/stream.hpp>
#include <doctest/doctest.h>

#include <sstream>

namespace {

using namespace push;
using namespace push::transport;
using push::test_support::http_reply;
using push::test_support::parse_replies;

constexpr std::string_view valid_body =
    R"({"platform":["ios","android"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

/// A session over test streams, with one app (k/s) whose quota is unlimited.
struct session_fixture {
    net::io_context ioc;
    core::emulator_state state;
    std::ostringstream log_text;
    logger log{log_level::debug, log_text};
    session_context ctx{state, log};
    beast::test::stream client{ioc};
    beast::test::stream server{ioc};

    session_fixture() {
        state.settings.max_body = 1024;
        core::app_config app;
        app.key = "k";
        app.secret = "s";
        app.limits = {0, 0};
        state.upsert_app(app);
        server.connect(client);
    }

    void start() { net::co_spawn(ioc, run_session(std::move(server), ctx), net::detached); }

    /// Serves `bytes` followed by the client's end of stream; the responses, in order.
    std::vector<http_reply> serve(std::string_view bytes) {
        server.append(bytes);
        server.close_remote();
        start();
        ioc.run();
        return parse_replies(client.str());
    }
};

std::string signed_lines() {
    std::string out;
    for (auto const& [name, value] : test_support::signed_headers("k", "s"))
        out += name + ": " + value + "\r\n";
    return out;
}

/// A POST /push.json with a valid signed body, in HTTP/1.`minor`, plus `extra` header lines.
std::string push_request(std::string_view extra = {}, int minor = 1,
                         std::string_view body = valid_body) {
    return "POST /push.json HTTP/1." + std::to_string(minor) + "\r\nHost: x\r\n" + signed_lines() +
           std::string(extra) + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           std::string(body);
}

void check_push_accepted(http_reply const& r) {
    CHECK(r.status == 200);
    CHECK(r.code() == 200);
    CHECK(r.json.at("id").as_string().size() == 22);
    CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
}

void check_error(http_reply const& r, int status, int code, std::string_view rule) {
    CHECK(r.status == status);
    CHECK(r.code() == code);
    CHECK(!r.error_message().empty());
    CHECK(r.header("X-Emulator-Rule") == rule);
    CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
}

} // namespace

TEST_CASE("http/keep-alive: two requests on one HTTP/1.1 connection") {
    session_fixture f;
    auto replies = f.serve(push_request() + push_request());
    REQUIRE(replies.size() == 2);
    check_push_accepted(replies[0]);
    check_push_accepted(replies[1]);
    CHECK(replies[0].header("Connection") != "close");
    CHECK(replies[0].json.at("id") != replies[1].json.at("id"));
}

TEST_CASE("http/keep-alive: Connection: close ends the connection after the answer") {
    session_fixture f;
    auto replies = f.serve(push_request("Connection: close\r\n") + push_request());
    REQUIRE(replies.size() == 1);
    check_push_accepted(replies[0]);
    CHECK(replies[0].header("Connection") == "close");
}

TEST_CASE("http/keep-alive: HTTP/1.0 closes after the answer") {
    session_fixture f;
    auto replies = f.serve(push_request({}, 0) + push_request({}, 0));
    REQUIRE(replies.size() == 1);
    check_push_accepted(replies[0]);
    CHECK(replies[0].version == 10);
}

TEST_CASE("http/keep-alive: HTTP/1.0 with Connection: keep-alive stays open") {
    session_fixture f;
    auto const req = push_request("Connection: keep-alive\r\n", 0);
    auto replies = f.serve(req + req);
    REQUIRE(replies.size() == 2);
    check_push_accepted(replies[0]);
    check_push_accepted(replies[1]);
    CHECK(replies[0].header("Connection") == "keep-alive");
}

TEST_CASE("http/keep-alive: pipelined requests are answered in order") {
    session_fixture f;
    auto replies = f.serve("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
                           "GET /push.json HTTP/1.1\r\nHost: x\r\n\r\n" +
                           push_request());
    REQUIRE(replies.size() == 3);
    check_error(replies[0], 404, 404, "http/route");
    check_error(replies[1], 405, 405, "http/method");
    check_push_accepted(replies[2]);
}

TEST_CASE("http/keep-alive: Expect: 100-continue gets 100 Continue before the body is sent") {
    session_fixture f;
    std::string const req = push_request("Expect: 100-continue\r\n");
    auto const split = req.find("\r\n\r\n") + 4;
    f.client.write_some(net::buffer(req.substr(0, split)));
    f.start();
    f.ioc.poll();
    // Only the header was sent: the server must have asked for the body, and nothing more.
    auto interim = parse_replies(f.client.str());
    REQUIRE(interim.size() == 1);
    CHECK(interim[0].status == 100);
    f.client.write_some(net::buffer(req.substr(split)));
    f.client.close();
    f.ioc.run();
    auto replies = parse_replies(f.client.str());
    REQUIRE(replies.size() == 2);
    check_push_accepted(replies[1]);
}

TEST_CASE("http/keep-alive: a chunked body is read whole") {
    session_fixture f;
    auto const half = valid_body.size() / 2;
    std::string req = "POST /push.json HTTP/1.1\r\nHost: x\r\n" + signed_lines() +
                      "Transfer-Encoding: chunked\r\n\r\n";
    for (auto part : {valid_body.substr(0, half), valid_body.substr(half)}) {
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", part.size());
        req += size + std::string(part) + "\r\n";
    }
    req += "0\r\n\r\n";
    auto replies = f.serve(req + push_request());
    REQUIRE(replies.size() == 2);
    check_push_accepted(replies[0]);
    check_push_accepted(replies[1]);
}

TEST_CASE("body/max-size: a declared body over --max-body answers 413/1508 and closes") {
    session_fixture f;
    std::string const big(f.state.settings.max_body + 1, ' ');
    auto replies = f.serve(push_request({}, 1, big) + push_request());
    REQUIRE(replies.size() == 1);
    check_error(replies[0], 413, 1508, "body/max-size");
    CHECK(replies[0].header("Connection") == "close");
}

TEST_CASE("body/max-size: a chunked body growing over --max-body answers 413/1508") {
    session_fixture f;
    std::string req = "POST /push.json HTTP/1.1\r\nHost: x\r\n" + signed_lines() +
                      "Transfer-Encoding: chunked\r\n\r\n";
    std::string const chunk(600, 'x');
    req += "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n";
    auto replies = f.serve(req);
    REQUIRE(replies.size() == 1);
    check_error(replies[0], 413, 1508, "body/max-size");
}

TEST_CASE("body/max-size: a body of exactly --max-body is read and handed to the core") {
    session_fixture f;
    std::string body(valid_body);
    body.resize(f.state.settings.max_body, ' ');
    auto replies = f.serve(push_request({}, 1, body));
    REQUIRE(replies.size() == 1);
    check_push_accepted(replies[0]);
}

TEST_CASE("http/route: an unknown path answers 404 from the header, then closes if a body waits") {
    session_fixture f;
    auto replies = f.serve("POST /nope.json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" +
                           push_request());
    REQUIRE(replies.size() == 1);
    check_error(replies[0], 404, 404, "http/route");
    CHECK(replies[0].header("Connection") == "close");
}

TEST_CASE("http/route: an unknown path with a body over --max-body is 404, not 413 [D-8]") {
    session_fixture f;
    auto const big = std::to_string(f.state.settings.max_body + 1);
    auto replies = f.serve("POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length: " + big + "\r\n\r\n" +
                           std::string(f.state.settings.max_body + 1, 'a'));
    REQUIRE(replies.size() == 1);
    check_error(replies[0], 404, 404, "http/route");
}

TEST_CASE("http/method: PUT /push.json with a body over --max-body is 405, not 413 [D-8]") {
    session_fixture f;
    auto const big = std::to_string(f.state.settings.max_body + 1);
    auto replies = f.serve("PUT /push.json HTTP/1.1\r\nHost: x\r\nContent-Length: " + big +
                           "\r\n\r\n" + std::string(f.state.settings.max_body + 1, 'a'));
    REQUIRE(replies.size() == 1);
    check_error(replies[0], 405, 405, "http/method");
    CHECK(replies[0].header("Allow") == "POST");
}

TEST_CASE("http/route: a 404 without a body keeps the connection") {
    session_fixture f;
    auto replies = f.serve("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" + push_request());
    REQUIRE(replies.size() == 2);
    check_error(replies[0], 404, 404, "http/route");
    check_push_accepted(replies[1]);
}

TEST_CASE("http/method: GET /push.json answers 405 with Allow: POST") {
    session_fixture f;
    auto replies = f.serve("GET /push.json HTTP/1.1\r\nHost: x\r\n\r\n");
    REQUIRE(replies.size() == 1);
    check_error(replies[0], 405, 405, "http/method");
    CHECK(replies[0].header("Allow") == "POST");
}

TEST_CASE("http/path-normalization: POST //push.json?x=1 reaches /push.json") {
    session_fixture f;
    std::string req = push_request();
    req.replace(req.find("/push.json"), 10, "//push.json?x=1");
    auto replies = f.serve(req);
    REQUIRE(replies.size() == 1);
    check_push_accepted(replies[0]);
}

TEST_CASE("http/malformed: bytes that are not HTTP answer 400/1002 and close") {
    for (std::string_view garbage : {"HELLO\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                                     "POST /push.json HTTP/1.1\r\nBad Header\r\n\r\n",
                                     "POST /push.json HTTP/1.1\r\nContent-Length: x\r\n\r\n"}) {
        CAPTURE(garbage);
        session_fixture f;
        auto replies = f.serve(std::string(garbage) + push_request());
        REQUIRE(replies.size() == 1);
        check_error(replies[0], 400, 1002, "http/malformed");
        CHECK(replies[0].header("Connection") == "close");
    }
}

TEST_CASE("http/malformed: a request cut short by the peer answers 400/1002 and closes") {
    session_fixture f;
    auto const req = push_request();
    auto replies = f.serve(req.substr(0, req.size() - 3));
    REQUIRE(replies.size() == 1);
    check_error(replies[0], 400, 1002, "http/malformed");
}

TEST_CASE(
    "response/json-code: errors carry X-Emulator-Rule and X-Emulator-Path, never in the body") {
    session_fixture f;
    auto replies = f.serve(push_request({}, 1, R"({"platform":"ios"})"));
    REQUIRE(replies.size() == 1);
    auto const& r = replies[0];
    CHECK(r.status == 400);
    CHECK(r.code() == 1002);
    CHECK(r.header("X-Emulator-Path") == "platform");
    CHECK(!r.header("X-Emulator-Rule").empty());
    CHECK(r.json.as_object().size() == 2); // code and errorMessage only
}

TEST_CASE("log: one line per request, without the signature") {
    session_fixture f;
    auto replies = f.serve(push_request() + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    REQUIRE(replies.size() == 2);
    auto const text = f.log_text.str();
    CHECK(text.find(" POST /push.json 200 code=200 app=k rule=- ") != std::string::npos);
    CHECK(text.find(" GET /nope 404 code=404 app=- rule=http/route ") != std::string::npos);
    auto const signature = test_support::signed_headers("k", "s")[3].second;
    CHECK(text.find(signature) == std::string::npos);
    CHECK(text.find("Signature") == std::string::npos);
}
