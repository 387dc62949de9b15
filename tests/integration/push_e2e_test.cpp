// End to end: the real push-emulator binary on an ephemeral port, spoken to over sockets.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_file.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace {

using namespace push::test_support;

constexpr std::string_view valid_body =
    R"({"platform":["ios","android"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

/// A config with one app whose quota is unlimited, for tests that send many requests.
constexpr std::string_view unlimited_config =
    R"({"apps":[{"key":"free","secret":"free-secret","per_hour":0,"per_day":0}]})";

header_list free_headers() {
    return signed_headers("free", "free-secret");
}

std::string raw_request(std::string_view start_line, header_list const& headers,
                        std::string_view body, std::string_view extra = {}) {
    std::string out = std::string(start_line) + "\r\nHost: 127.0.0.1\r\n";
    for (auto const& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += std::string(extra) + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    return out + std::string(body);
}

void check_accepted(http_reply const& r) {
    CHECK(r.status == 200);
    CHECK(r.code() == 200);
    REQUIRE(r.json.as_object().contains("id"));
    auto const id = r.json.at("id").as_string();
    CHECK(id.size() == 22);
    CHECK(std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(c) != 0; }));
}

void check_error(http_reply const& r, int status, int code) {
    CHECK(r.status == status);
    CHECK(r.code() == code);
    CHECK(!r.error_message().empty());
    CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
}

/// The server still serves: a fresh connection gets a valid push accepted.
void check_still_serving(unsigned short port) {
    http_client c(port);
    check_accepted(c.post("/push.json", free_headers(), valid_body));
}

/// The server still serves the default app on a fresh connection.
void check_still_serving_default(unsigned short port) {
    http_client c(port);
    check_accepted(
        c.post("/push.json", signed_headers("emulator-key", "emulator-secret"), valid_body));
}

} // namespace

TEST_CASE("response/id-format: a valid signed push answers 200 with a 22-character id") {
    emulator_process emu;
    CHECK(emu.stdout_text().find("app: App-Key=emulator-key App-Secret=emulator-secret\n") !=
          std::string::npos);
    http_client c(emu.port());
    check_accepted(
        c.post("/push.json", signed_headers("emulator-key", "emulator-secret"), valid_body));
}

TEST_CASE("auth/headers, auth/app-key, auth/signature: every auth failure answers 401/1004") {
    emulator_process emu({"--config", temp_file(unlimited_config).path()});
    http_client c(emu.port());
    for (std::size_t missing = 0; missing < 4; ++missing) {
        auto headers = free_headers();
        auto const name = headers[missing].first;
        headers.erase(headers.begin() + static_cast<std::ptrdiff_t>(missing));
        auto r = c.post("/push.json", headers, valid_body);
        check_error(r, 401, 1004);
        CHECK(r.error_message() == "missing header " + name);
        CHECK(r.header("X-Emulator-Rule") == "auth/headers");
    }
    auto r = c.post("/push.json", signed_headers("nobody", "free-secret"), valid_body);
    check_error(r, 401, 1004);
    CHECK(r.header("X-Emulator-Rule") == "auth/app-key");
    r = c.post("/push.json", signed_headers("free", "wrong-secret"), valid_body);
    check_error(r, 401, 1004);
    CHECK(r.header("X-Emulator-Rule") == "auth/signature");
}

TEST_CASE("quota/per-hour: the 3rd push in an hour answers 429/1008") {
    emulator_process emu;
    http_client c(emu.port());
    auto const headers = signed_headers("emulator-key", "emulator-secret");
    check_accepted(c.post("/push.json", headers, valid_body));
    check_accepted(c.post("/push.json", headers, valid_body));
    auto r = c.post("/push.json", headers, valid_body);
    check_error(r, 429, 1008);
    CHECK(r.header("X-Emulator-Rule") == "quota/per-hour");
}

TEST_CASE("service/enabled: push disabled answers 430/1009 twice, then 429/1008") {
    temp_file config(R"({"apps":[{"key":"off","secret":"s","push_enabled":false}]})");
    emulator_process emu({"--config", config.path()});
    http_client c(emu.port());
    auto const headers = signed_headers("off", "s");
    for (int i = 0; i < 2; ++i) {
        auto r = c.post("/push.json", headers, valid_body);
        check_error(r, 430, 1009);
        CHECK(r.header("X-Emulator-Rule") == "service/enabled");
    }
    check_error(c.post("/push.json", headers, valid_body), 429, 1008);
}

TEST_CASE("http/keep-alive: two pushes on one kept-alive connection") {
    emulator_process emu({"--config", temp_file(unlimited_config).path()});
    http_client c(emu.port());
    auto first = c.post("/push.json", free_headers(), valid_body);
    auto second = c.post("/push.json", free_headers(), valid_body);
    check_accepted(first);
    check_accepted(second);
    CHECK(first.json.at("id") != second.json.at("id"));
}

TEST_CASE("http/keep-alive: HTTP/1.0 gets an HTTP/1.0 answer and the connection closes") {
    emulator_process emu({"--config", temp_file(unlimited_config).path()});
    http_client c(emu.port());
    c.write_raw(raw_request("POST /push.json HTTP/1.0", free_headers(), valid_body));
    auto r = c.read_reply();
    check_accepted(r);
    CHECK(r.version == 10);
    CHECK(c.closed_by_server());
}

TEST_CASE("http/keep-alive: Expect: 100-continue is honoured over TCP") {
    emulator_process emu({"--config", temp_file(unlimited_config).path()});
    http_client c(emu.port());
    auto const req = raw_request("POST /push.json HTTP/1.1", free_headers(), valid_body,
                                 "Expect: 100-continue\r\n");
    auto const split = req.find("\r\n\r\n") + 4;
    c.write_raw(req.substr(0, split));
    CHECK(c.read_reply(true).status == 100);
    c.write_raw(req.substr(split));
    check_accepted(c.read_reply());
}

TEST_CASE("body/max-size: a body over --max-body answers 413/1508") {
    emulator_process emu({"--config", temp_file(unlimited_config).path(), "--max-body", "200"});
    http_client c(emu.port());
    auto r = c.post("/push.json", free_headers(), std::string(201, ' '));
    check_error(r, 413, 1508);
    CHECK(r.header("X-Emulator-Rule") == "body/max-size");
    check_still_serving(emu.port());
}

TEST_CASE("body/json: malformed JSON answers 400/1002") {
    emulator_process emu({"--config", temp_file(unlimited_config).path()});
    http_client c(emu.port());
    auto r = c.post("/push.json", free_headers(), R"({"platform":["ios"],)");
    check_error(r, 400, 1002);
    CHECK(r.header("X-Emulator-Rule") == "body/json");
}

TEST_CASE("hostile input never crashes or hangs the server") {
    emulator_process emu({"--config", temp_file(unlimited_config).path()});
    auto const port = emu.port();
    auto const post = [&](std::string_view body) {
        return raw_request("POST /push.json HTTP/1.1", free_headers(), body);
    };
    std::string deep = std::string(1000, '[') + std::string(1000, ']');
    std::string huge_number = std::string(R"({"platform":["ios"],"audience":{"is_to_all":true},)") +
                              R"("notification":{"alert":"a","ios":{"badge":1)" +
                              std::string(400, '0') + "}}}";
    struct hostile {
        char const* name;
        std::string bytes;
        int status, code;
    } const cases[] = {
        {"garbage bytes", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n", 400,
         1002},
        {"truncated JSON", post(R"({"platform":["ios"],"audience":{"is_to)"), 400, 1002},
        {"1000-deep nesting", post(deep), 400, 1002},
        {"huge number", post(huge_number), 400, 1002},
        {"invalid UTF-8", post("{\"platform\":[\"\xff\xfe\"]}"), 400, 1002},
        {"1 MB body", post(std::string(1024 * 1024, 'x')), 413, 1508},
    };
    for (auto const& h : cases) {
        CAPTURE(h.name);
        auto replies = parse_replies(raw_exchange(port, h.bytes));
        REQUIRE(replies.size() == 1);
        check_error(replies[0], h.status, h.code);
        check_still_serving(port);
    }
    CHECK(emu.running());
}

TEST_CASE("cli: a bad flag exits 2 with one line naming it") {
    for (auto const& [args, names] :
         std::initializer_list<std::pair<std::vector<std::string>, std::string>>{
             {{"--bogus"}, "--bogus"},
             {{"--port", "70000"}, "--port"},
             {{"--profile", "loose"}, "--profile"},
             {{"--app", "no-secret"}, "--app"},
             {{"--day-utc-offset", "+25:00"}, "--day-utc-offset"},
             {{"--log-level"}, "--log-level"},
         }) {
        std::string const flag = names;
        CAPTURE(flag);
        auto r = run_emulator(args);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(names) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(r.out.empty());
    }
}

TEST_CASE("cli: a bad config file exits 2 naming the JSON path") {
    temp_file config(
        R"({"apps":[{"key":"a","secret":"s"},{"key":"b","secret":"s","per_hour":-1}]})");
    auto r = run_emulator({"--config", config.path()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(config.path() + ": apps[1].per_hour must be") != std::string::npos);
}

TEST_CASE("cli: --help lists every flag with its default; --version prints the version") {
    auto help = run_emulator({"--help"});
    CHECK(help.exit_code == 0);
    for (char const* flag :
         {"--listen", "--port", "--app", "--config", "--profile", "--seed", "--max-body",
          "--day-utc-offset", "--log-level", "--read-timeout", "--admin-token", "--devices",
          "--journal-capacity", "--help", "--version"}) {
        CAPTURE(flag);
        CHECK(help.out.find(std::string("  ") + flag + " ") != std::string::npos);
    }
    CHECK(help.out.find("(default 102400)") != std::string::npos);
    auto version = run_emulator({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out == "push-emulator " PUSH_EMULATOR_VERSION "\n");
}

TEST_CASE("cli: the banner lists the seed, each app, then the real port; SIGTERM exits 0") {
    emulator_process emu({"--app", "a:sa", "--app", "b:sb", "--seed", "5"});
    auto const out = emu.stdout_text();
    CHECK(out == "push-emulator " PUSH_EMULATOR_VERSION "\n"
                 "seed: 5\n"
                 "app: App-Key=a App-Secret=sa\n"
                 "app: App-Key=b App-Secret=sb\n"
                 "listening on http://127.0.0.1:" +
                     std::to_string(emu.port()) + "\n");
    CHECK(emu.stop(15) == 0);
}

TEST_CASE("cli: a port already in use exits 1 with a message") {
    emulator_process emu;
    auto r = run_emulator({"--port", std::to_string(emu.port())});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(emu.port())) !=
          std::string::npos);
}

TEST_CASE("log: one line per request on stderr, never the secret or the signature") {
    emulator_process emu({"--config", temp_file(unlimited_config).path()});
    {
        http_client c(emu.port());
        check_accepted(c.post("/push.json", free_headers(), valid_body));
    }
    check_still_serving(emu.port());
    emu.stop();
    auto const log = emu.stderr_text();
    CHECK(std::count(log.begin(), log.end(), '\n') == 2);
    CHECK(log.find(" POST /push.json 200 code=200 app=free rule=- ") != std::string::npos);
    CHECK(log.find("free-secret") == std::string::npos);
    CHECK(log.find(free_headers()[3].second) == std::string::npos);
}

TEST_CASE("http/keep-alive: --read-timeout closes a connection that stalls mid-request") {
    emulator_process emu({"--read-timeout", "1"});
    http_client c(emu.port(), 5000ms);
    c.write_raw("POST /push.json HTTP/1.1\r\nHost: x\r\n");
    auto const t0 = std::chrono::steady_clock::now();
    CHECK(c.closed_by_server());
    auto const waited = std::chrono::steady_clock::now() - t0;
    CHECK(waited >= 900ms);
    CHECK(waited < 4000ms);
    check_still_serving_default(emu.port());
}
