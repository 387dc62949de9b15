// The console's files over real sockets.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace push::test_support;

} // namespace

TEST_CASE("console: the page, its script and stylesheet, with an ETag, without the token") {
    emulator_process emu({"--admin-token", "t0k"});
    http_client c(emu.port());
    auto r = c.send("GET", "/_emulator/ui", {});
    CHECK(r.status == 308);
    CHECK(r.header("Location") == "/_emulator/ui/");
    r = c.send("GET", "/_emulator/ui/", {});
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(r.header("X-Emulator-Admin-Token") == "required");
    CHECK(r.header("Cache-Control") == "no-cache");
    CHECK(r.body.find("<title>push-emulator console</title>") != std::string::npos);
    auto const etag = r.header("ETag");
    REQUIRE(etag.size() > 2);
    r = c.send("GET", "/_emulator/ui/index.html", {{"If-None-Match", etag}});
    CHECK(r.status == 304);
    CHECK(r.body.empty());
    // HEAD: the page's headers (the script reads X-Emulator-Admin-Token from them), no body.
    auto const head = raw_exchange(
        emu.port(), "HEAD /_emulator/ui/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(head.substr(head.find("\r\n\r\n") + 4).empty());
    CHECK(c.send("GET", "/_emulator/ui/console.js", {}).header("Content-Type") ==
          "text/javascript; charset=utf-8");
    CHECK(c.send("GET", "/_emulator/ui/console.css", {}).header("Content-Type") ==
          "text/css; charset=utf-8");
    CHECK(c.send("GET", "/_emulator/ui/missing.js", {}).status == 404);
    CHECK(c.send("POST", "/_emulator/ui/", {}, "{}").status == 405);
    // emulator/host: a rebound DNS name cannot read the page either.
    CHECK(raw_exchange(emu.port(), "GET /_emulator/ui/ HTTP/1.1\r\nHost: attacker.example\r\n"
                                   "Connection: close\r\n\r\n")
              .rfind("HTTP/1.1 403 ", 0) == 0);
    // The data stays behind the token.
    CHECK(c.send("GET", "/_emulator/journal", {}).status == 401);
}
