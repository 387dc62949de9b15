#include "conformance/harness_test_support.hpp"
#include "conformance/target/signature.hpp"
#include "core/model/signature.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace push::conformance;

namespace {

signing_spec spec_of(std::string const& signing) {
    auto f = test_support::fixture_from(
        R"({"id":"a/001","rule":"r/x","description":"d","request":{"path":"/push.json","signing":)" +
            signing + R"(},"expect":{}})",
        "t.json");
    return f.steps[0].request.signing;
}

std::map<std::string, std::string> headers_of(std::string const& signing, std::int64_t now) {
    auto s = spec_of(signing);
    credentials c{"app-key", "Y1W2MeFwwwRxa0"};
    std::map<std::string, std::string> out;
    for (auto const& [n, v] : signing_headers(s, sign(s, c, "14314", now)))
        out[n] = v;
    return out;
}

} // namespace

TEST_CASE("auth/signature: signing auto uses the vendor's test vector values") {
    auto h = headers_of(R"("auto")", 1408710653000);
    CHECK(h == std::map<std::string, std::string>{
                   {"App-Key", "app-key"},
                   {"Nonce", "14314"},
                   {"Timestamp", "1408710653000"},
                   {"Signature", "30be0bbca9c9b2e27578701e9fda2358a814c88f"}});
}

TEST_CASE("signing overrides produce the expected headers") {
    auto const now = std::int64_t{1408710653000};
    SUBCASE("none sends no signature headers") {
        CHECK(headers_of(R"("none")", now).empty());
    }
    SUBCASE("seconds and upper case, as .NET sends") {
        auto h = headers_of(R"({"timestamp_unit":"s","uppercase":true})", now);
        CHECK(h["Timestamp"] == "1408710653");
        std::string upper = push::core::expected_signature("Y1W2MeFwwwRxa0", "14314", "1408710653");
        for (auto& ch : upper)
            ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        CHECK(h["Signature"] == upper);
    }
    SUBCASE("RC- prefix and omitted headers") {
        auto h = headers_of(R"({"prefix":"RC-","omit":["Nonce"]})", now);
        CHECK(h.count("RC-App-Key") == 1);
        CHECK(h.count("RC-Signature") == 1);
        CHECK(h.count("RC-Nonce") == 0);
        CHECK(h.count("App-Key") == 0);
    }
    SUBCASE("literal values win, and the signature follows them") {
        auto h =
            headers_of(R"({"app_key":"other","nonce":"59552.707552808395","timestamp":"1"})", now);
        CHECK(h["App-Key"] == "other");
        CHECK(h["Nonce"] == "59552.707552808395");
        CHECK(h["Timestamp"] == "1");
        CHECK(h["Signature"] ==
              push::core::expected_signature("Y1W2MeFwwwRxa0", "59552.707552808395", "1"));
    }
    SUBCASE("a literal signature and another secret") {
        CHECK(headers_of(R"({"signature":"abc"})", now)["Signature"] == "abc");
        CHECK(headers_of(R"({"secret":"other"})", now)["Signature"] ==
              push::core::expected_signature("other", "14314", "1408710653000"));
    }
    SUBCASE("timestamp offset") {
        CHECK(headers_of(R"({"timestamp_offset":"-301s"})", now)["Timestamp"] == "1408710352000");
    }
    SUBCASE("the right signature cut short or followed by more characters") {
        CHECK(headers_of(R"({"signature_length":39})", now)["Signature"] ==
              "30be0bbca9c9b2e27578701e9fda2358a814c88");
        CHECK(headers_of(R"({"signature_append":"00"})", now)["Signature"] ==
              "30be0bbca9c9b2e27578701e9fda2358a814c88f00");
        CHECK(headers_of(R"({"signature_length":0})", now)["Signature"].empty());
    }
}

TEST_CASE("signing: only automatic or literal-nonce/timestamp signatures count as valid") {
    CHECK(spec_of(R"("auto")").is_valid());
    CHECK(spec_of(R"({"nonce":"1","timestamp_unit":"s"})").is_valid());
    CHECK_FALSE(spec_of(R"("none")").is_valid());
    CHECK_FALSE(spec_of(R"({"secret":"x"})").is_valid());
    CHECK_FALSE(spec_of(R"({"omit":["Signature"]})").is_valid());
    CHECK_FALSE(spec_of(R"({"app_key":"unknown"})").is_valid());
    CHECK_FALSE(spec_of(R"({"signature_length":39})").is_valid());
    CHECK_FALSE(spec_of(R"({"signature_append":"0"})").is_valid());
}

TEST_CASE("credentials: flags win over the environment; missing ones are named") {
    std::map<std::string, std::string> env{{"PUSH_APP_KEY", "env-key"}};
    auto get = [&](char const* n) -> char const* {
        auto it = env.find(n);
        return it == env.end() ? nullptr : it->second.c_str();
    };
    auto r = find_credentials(std::nullopt, std::nullopt, get);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message == "missing: PUSH_APP_SECRET (or --app-secret)");
    env["PUSH_APP_SECRET"] = "env-secret";
    r = find_credentials(std::string("flag-key"), std::nullopt, get);
    REQUIRE(r.has_value());
    CHECK(r->app_key == "flag-key");
    CHECK(r->app_secret == "env-secret");
    env.clear();
    r = find_credentials(std::nullopt, std::nullopt, get);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message ==
          "missing: PUSH_APP_KEY (or --app-key) PUSH_APP_SECRET (or --app-secret)");
}

TEST_CASE("endpoints: http and https URLs") {
    auto e = parse_endpoint("https://api.rong-api.com");
    REQUIRE(e.has_value());
    CHECK(e->tls);
    CHECK(e->port == "443");
    CHECK(e->url() == "https://api.rong-api.com");
    e = parse_endpoint("http://127.0.0.1:8080/");
    REQUIRE(e.has_value());
    CHECK_FALSE(e->tls);
    CHECK(e->port == "8080");
    CHECK(e->base.empty());
    CHECK(e->url() == "http://127.0.0.1:8080");
    CHECK_FALSE(parse_endpoint("ftp://x").has_value());
    CHECK_FALSE(parse_endpoint("http://host:port").has_value());
}
