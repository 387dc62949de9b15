// The curl commands of per-case reports: what they write for each kind of signing, that the
// shell computes a signature the target accepts, and that the sequence a case's report holds
// reproduces the case's response on a running emulator.
#include "conformance/harness_test_support.hpp"
#include "conformance/report/curl.hpp"
#include "conformance/run/runner.hpp"
#include "core/model/signature.hpp"
#include "support/emulator_process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>

using namespace push::conformance;

namespace {

// Runs `cmd` in bash; returns its output and, in `status`, the exit status.
std::string shell_output(std::string const& cmd, int* status = nullptr) {
    std::string quoted = "'";
    for (char c : cmd)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted += "'";
    std::FILE* p = ::popen(("bash -c " + quoted).c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
        out.append(buf, n);
    int const rc = ::pclose(p);
    if (status)
        *status = rc;
    return out;
}

// Runs `cmd` in bash with `curl` replaced by a function printing one argument a line, and
// returns what it printed: the arguments curl would have received after shell expansion.
std::vector<std::string> curl_arguments(std::string const& cmd) {
    int status = -1;
    auto const out = shell_output("curl() { printf '%s\\n' \"$@\"; }; " + cmd, &status);
    CHECK(status == 0);
    std::vector<std::string> args;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);)
        args.push_back(line);
    return args;
}

// The -H values among curl's arguments, by header name ("Name;" and "Name:" give "").
std::map<std::string, std::string> headers_of(std::vector<std::string> const& args) {
    std::map<std::string, std::string> h;
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] != "-H")
            continue;
        auto const& a = args[i + 1];
        auto at = a.find_first_of(":;");
        auto value = at + 1 < a.size() ? a.substr(at + 1) : std::string();
        if (!value.empty() && value.front() == ' ')
            value.erase(0, 1);
        h[a.substr(0, at)] = value;
    }
    return h;
}

exchange_record signed_push(signature_values const& sig, bool content_type = true) {
    exchange_record r;
    r.kind = "request";
    r.method = "POST";
    r.url = "http://127.0.0.1:9/push.json";
    if (content_type)
        r.request_headers.emplace_back("Content-Type", "application/json");
    r.request_headers.emplace_back("App-Key", sig.app_key);
    r.request_headers.emplace_back("Nonce", sig.nonce);
    r.request_headers.emplace_back("Timestamp", sig.timestamp);
    r.request_headers.emplace_back("Signature", sig.signature);
    r.request_body = R"({"platform":["ios"]})";
    return r;
}

signature_values computed(std::string const& secret, std::string nonce, std::string ts) {
    signature_values v{"case-app", nonce, ts, push::core::expected_signature(secret, nonce, ts),
                       true};
    return v;
}

} // namespace

TEST_CASE("curl: an auto-signed emulator request is signed afresh with the case secret") {
    auto sig = computed("secret-123", "1111222233334444", "1700000000000");
    curl_signing how{&sig, true, false, -5000, std::string("secret-123")};
    auto cmd = curl_command(signed_push(sig), how);
    CHECK(cmd.find("'secret-123'") != std::string::npos); // a generated value, written inline
    CHECK(cmd.find(sig.signature) == std::string::npos);  // not the case's signature
    CHECK(cmd.find(sig.nonce) == std::string::npos);
    CHECK(cmd.find("-H \"Nonce: $N\"") != std::string::npos);
    CHECK(cmd.find("-H \"Timestamp: $T\"") != std::string::npos);
    CHECK(cmd.find("T=$(($(date +%s)000 - 5000))") != std::string::npos);
    CHECK(cmd.find("Content-Type:'") == std::string::npos); // the request had its own

    auto args = curl_arguments(cmd);
    auto h = headers_of(args);
    CHECK(h.at("App-Key") == "case-app");
    CHECK(h.at("Content-Type") == "application/json");
    CHECK_FALSE(h.at("Nonce").empty());
    CHECK(h.at("Nonce").size() <= 18);
    CHECK(h.at("Nonce") != sig.nonce);
    CHECK(h.at("Timestamp").size() == 13);
    CHECK(h.at("Signature") ==
          push::core::expected_signature("secret-123", h.at("Nonce"), h.at("Timestamp")));
    CHECK(args.back() == R"({"platform":["ios"]})");
}

TEST_CASE("curl: RC- headers, seconds and upper-case hex are signed afresh the same way") {
    auto sig = computed("s", "42", "1700000000");
    std::transform(sig.signature.begin(), sig.signature.end(), sig.signature.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    exchange_record r;
    r.method = "POST";
    r.url = "http://127.0.0.1:9/push.json";
    r.request_headers = {{"Signature", "0000000000000000000000000000000000000000"},
                         {"RC-App-Key", "case-app"},
                         {"RC-Nonce", "42"},
                         {"RC-Timestamp", "1700000000"},
                         {"RC-Signature", sig.signature}};
    curl_signing how{&sig, true, true, 0, std::string("s")};
    auto cmd = curl_command(r, how);
    CHECK(cmd.find("T=$(($(date +%s) + 0))") != std::string::npos);
    auto h = headers_of(curl_arguments(cmd));
    CHECK(h.at("Signature") == "0000000000000000000000000000000000000000"); // literal, kept
    CHECK(h.at("RC-Timestamp").size() == 10);
    auto expected = push::core::expected_signature("s", h.at("RC-Nonce"), h.at("RC-Timestamp"));
    std::transform(expected.begin(), expected.end(), expected.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    CHECK(h.at("RC-Signature") == expected);
}

TEST_CASE("curl: signing overrides keep the exact headers, an empty one included") {
    auto sig = computed("secret-123", "", "1700000000000"); // "signing":{"nonce":""}
    curl_signing how{&sig, false, false, 0, std::string("secret-123")};
    auto cmd = curl_command(signed_push(sig, false), how);
    CHECK(cmd.find("N=") == std::string::npos);
    CHECK(cmd.find("-H 'Nonce;'") != std::string::npos); // sent empty, not dropped
    CHECK(cmd.find("-H 'Signature: " + sig.signature + "'") != std::string::npos);
    CHECK(cmd.find("-H 'Timestamp: 1700000000000'") != std::string::npos);
    CHECK(cmd.find("-H 'Content-Type:'") != std::string::npos); // none was sent
    auto args = curl_arguments(cmd);
    auto h = headers_of(args);
    CHECK(h.at("Nonce").empty());
    CHECK(h.at("Content-Type").empty());
    CHECK(h.count("Content-Type") == 1);
}

TEST_CASE("curl: user credentials stay out of the command") {
    auto sig = computed("live-secret", "1234", "1700000000000");
    SUBCASE("auto-signed live request: from $PUSH_APP_SECRET, afresh") {
        curl_signing how{&sig, true, false, 0, std::nullopt};
        auto cmd = curl_command(signed_push(sig), how);
        CHECK(cmd.find("live-secret") == std::string::npos);
        CHECK(cmd.find(sig.signature) == std::string::npos);
        CHECK(cmd.find("\"$PUSH_APP_SECRET\"\"$N\"\"$T\"") != std::string::npos);
    }
    SUBCASE("overridden nonce on a live target: recomputed over the nonce sent") {
        curl_signing how{&sig, false, false, 0, std::nullopt};
        auto cmd = curl_command(signed_push(sig), how);
        CHECK(cmd.find(sig.signature) == std::string::npos);
        CHECK(cmd.find("\"$PUSH_APP_SECRET\"'1234''1700000000000'") != std::string::npos);
    }
    SUBCASE("the admin token comes from the environment") {
        exchange_record r;
        r.method = "PUT";
        r.url = "http://127.0.0.1:9/_emulator/apps/a";
        r.request_headers = {{"Content-Type", "application/json"}, {"X-Emulator-Token", "tok-789"}};
        r.request_body = R"({"secret":"secret-1"})";
        auto cmd = curl_command(r, curl_signing{});
        CHECK(cmd.find("tok-789") == std::string::npos);
        CHECK(cmd.find("-H \"X-Emulator-Token: $PUSH_ADMIN_TOKEN\"") != std::string::npos);
        CHECK(cmd.find(R"(--data-binary '{"secret":"secret-1"}')") != std::string::npos);
    }
    SUBCASE("no body, no Content-Type added") {
        exchange_record r;
        r.method = "GET";
        r.url = "http://127.0.0.1:9/_emulator/clock";
        CHECK(curl_command(r, curl_signing{}) ==
              "curl -sS -i -X 'GET' 'http://127.0.0.1:9/_emulator/clock'");
    }
}

TEST_CASE("curl: a case's report commands reproduce its response on the emulator") {
    push::test_support::emulator_process emu;
    auto at = parse_endpoint("http://127.0.0.1:" + std::to_string(emu.port()));
    REQUIRE(at.has_value());
    target t{*at, target_kind::emulator, std::nullopt, std::nullopt};
    runner r(t, run_options{}, [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    });
    REQUIRE(r.prepare());
    struct row {
        std::string fixture;
        int status;
        std::string code;
    };
    std::vector<row> const rows = {
        {R"({"id":"auth/001","rule":"auth/signature","description":"d","request":{"path":"/push.json",
            "body":{"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"x"}}},
            "expect":{"status":200}})",
         200, "\"code\":200"},
        {R"({"id":"auth/005","rule":"auth/headers","description":"d","request":{"path":"/push.json",
            "body":{"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"x"}},
            "signing":{"nonce":""}},"expect":{"status":401,"code":1004}})",
         401, "\"code\":1004"},
        {R"({"id":"body/001","rule":"body/json","description":"d","request":{"path":"/push.json",
            "headers":{"Content-Type":""},"body_raw":"{\"platform\":"},
            "expect":{"status":400,"code":1002}})",
         400, "\"code\":1002"},
    };
    for (auto const& rw : rows) {
        CAPTURE(rw.fixture);
        auto res = r.run_case(test_support::fixture_from(rw.fixture, "f.json"));
        REQUIRE(res.outcome == verdict::pass);
        // Replay what the report holds: the app (its secret as sent), then the request.
        std::string app_cmd, request_cmd;
        for (auto const& x : res.exchanges) {
            if (x.kind == "app")
                app_cmd = x.curl;
            if (x.kind == "request")
                request_cmd = x.curl;
        }
        REQUIRE_FALSE(app_cmd.empty());
        CHECK(app_cmd.find("<redacted>") == std::string::npos);
        CHECK(shell_output(app_cmd).rfind("HTTP/1.1 2", 0) == 0);
        auto out = shell_output(request_cmd);
        CHECK(out.rfind("HTTP/1.1 " + std::to_string(rw.status), 0) == 0);
        CHECK(out.find(rw.code) != std::string::npos);
    }
}
