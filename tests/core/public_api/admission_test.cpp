// The entry check's authentication step (admit: body size → signature → fault → rate limit),
// and the signature itself.
#include "core/model/signature.hpp"
#include "core/public_api/admission.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {

constexpr time_ms now_ms = 1'700'000'000'000;

api_request signed_request(std::string key, std::string secret, std::string nonce,
                           std::string timestamp, std::string prefix = "") {
    api_request r{"POST", "/push.json", {}, "{}"};
    auto sig = expected_signature(secret, nonce, timestamp);
    r.headers = {{prefix + "App-Key", key},
                 {prefix + "Nonce", nonce},
                 {prefix + "Timestamp", timestamp},
                 {prefix + "Signature", sig}};
    return r;
}

emulator_state state_with(profile p) {
    emulator_state s;
    s.upsert_app({"k", "secret", true, {0, 0}, p});
    return s;
}

/// The app the entry check of /push.json admits `req` for, or why it refuses it.
api_result<app_state*> authenticate(api_request const& req, emulator_state& st, time_ms now) {
    auto a = admit(endpoint::push, req, st, now);
    if (a.refusal)
        return *a.refusal;
    return a.app;
}

void check_auth_error(api_result<app_state*> const& r, std::string_view rule) {
    REQUIRE(r.has_error());
    CHECK(r.error().status() == 401);
    CHECK(r.error().code() == 1004);
    CHECK(r.error().rule() == rule);
}

} // namespace

TEST_CASE("auth/signature: the official test vector") {
    CHECK(expected_signature("Y1W2MeFwwwRxa0", "14314", "1408710653000") ==
          "30be0bbca9c9b2e27578701e9fda2358a814c88f");
}

TEST_CASE("auth/signature: a matching signature is accepted, a wrong one is not") {
    auto st = state_with(profile::lenient);
    auto req = signed_request("k", "secret", "123", "1408710653");
    auto ok = authenticate(req, st, now_ms);
    REQUIRE(ok.has_value());
    CHECK((*ok)->config.key == "k");

    req.headers[3].value[0] = req.headers[3].value[0] == 'a' ? 'b' : 'a';
    auto bad = authenticate(req, st, now_ms);
    check_auth_error(bad, "auth/signature");
    CHECK(bad.error().message() == "signature mismatch");

    auto wrong_secret = signed_request("k", "other", "123", "1408710653");
    check_auth_error(authenticate(wrong_secret, st, now_ms), "auth/signature");
    auto truncated = signed_request("k", "secret", "123", "1408710653");
    truncated.headers[3].value.pop_back();
    check_auth_error(authenticate(truncated, st, now_ms), "auth/signature");
}

TEST_CASE("auth/headers: each missing or empty header is named") {
    auto st = state_with(profile::lenient);
    for (std::string name : {"App-Key", "Nonce", "Timestamp", "Signature"}) {
        CAPTURE(name);
        auto req = signed_request("k", "secret", "1", "1408710653");
        std::erase_if(req.headers, [&](header const& h) { return h.name == name; });
        auto r = authenticate(req, st, now_ms);
        check_auth_error(r, "auth/headers");
        CHECK(r.error().message() == "missing header " + name);

        auto empty = signed_request("k", "secret", "1", "1408710653");
        for (auto& h : empty.headers)
            if (h.name == name)
                h.value.clear();
        check_auth_error(authenticate(empty, st, now_ms), "auth/headers");
    }
}

TEST_CASE("auth/app-key: an unknown App-Key is 401/1004") {
    auto st = state_with(profile::lenient);
    auto r = authenticate(signed_request("nope", "secret", "1", "1408710653"), st, now_ms);
    check_auth_error(r, "auth/app-key");
    CHECK(r.error().message() == "unknown App-Key");
}

TEST_CASE("auth/rc-prefix: RC- headers are accepted, header names are case-insensitive") {
    auto st = state_with(profile::lenient);
    CHECK(authenticate(signed_request("k", "secret", "1", "1408710653", "RC-"), st, now_ms));
    auto lower = signed_request("k", "secret", "1", "1408710653");
    for (auto& h : lower.headers)
        for (auto& c : h.name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(authenticate(lower, st, now_ms));
}

TEST_CASE("auth/rc-prefix: with both spellings the plain one wins [D-1]") {
    auto st = state_with(profile::lenient);
    auto req = signed_request("k", "secret", "1", "1408710653");
    // A wrong RC- signature is ignored when the plain one is right...
    req.headers.push_back({"RC-Signature", std::string(40, '0')});
    CHECK(authenticate(req, st, now_ms));
    // ...and a right RC- signature does not rescue a wrong plain one.
    auto rc = signed_request("k", "secret", "1", "1408710653", "RC-");
    rc.headers.push_back({"Signature", std::string(40, '0')});
    check_auth_error(authenticate(rc, st, now_ms), "auth/signature");
}

TEST_CASE("auth/hex-case: lenient accepts upper-case hex, strict does not") {
    auto ts = std::to_string(now_ms);
    auto upper = [&](api_request r) {
        for (auto& c : r.headers[3].value)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return r;
    };
    auto lenient = state_with(profile::lenient);
    CHECK(authenticate(upper(signed_request("k", "secret", "1", ts)), lenient, now_ms));
    auto strict = state_with(profile::strict);
    check_auth_error(authenticate(upper(signed_request("k", "secret", "2", ts)), strict, now_ms),
                     "auth/hex-case");
    CHECK(authenticate(signed_request("k", "secret", "3", ts), strict, now_ms));
}

TEST_CASE("auth/timestamp-format: seconds and ms in lenient, ms only in strict, digits only") {
    auto lenient = state_with(profile::lenient);
    CHECK(authenticate(signed_request("k", "secret", "1", "1700000000"), lenient, now_ms));
    CHECK(authenticate(signed_request("k", "secret", "1", "1700000000000"), lenient, now_ms));
    check_auth_error(authenticate(signed_request("k", "secret", "1", "17e8"), lenient, now_ms),
                     "auth/timestamp-format");
    check_auth_error(authenticate(signed_request("k", "secret", "1", "-1"), lenient, now_ms),
                     "auth/timestamp-format");
    auto strict = state_with(profile::strict);
    check_auth_error(authenticate(signed_request("k", "secret", "1", "1700000000"), strict, now_ms),
                     "auth/timestamp-format");
}

TEST_CASE("auth/timestamp-window: strict allows ±300 s around the emulator clock") {
    auto strict = state_with(profile::strict);
    int n = 0;
    auto at = [&](time_ms ts) {
        return authenticate(signed_request("k", "secret", std::to_string(++n), std::to_string(ts)),
                            strict, now_ms);
    };
    CHECK(at(now_ms + 300'000));
    CHECK(at(now_ms - 300'000));
    check_auth_error(at(now_ms + 300'001), "auth/timestamp-window");
    check_auth_error(at(now_ms - 300'001), "auth/timestamp-window");
    // Lenient has no window: a 2014 timestamp still passes.
    auto lenient = state_with(profile::lenient);
    CHECK(authenticate(signed_request("k", "secret", "1", "1408710653000"), lenient, now_ms));
}

TEST_CASE("auth/nonce-length: strict takes 1-18 characters, lenient any non-empty nonce") {
    auto ts = std::to_string(now_ms);
    auto strict = state_with(profile::strict);
    CHECK(authenticate(signed_request("k", "secret", std::string(18, '7'), ts), strict, now_ms));
    check_auth_error(
        authenticate(signed_request("k", "secret", std::string(19, '7'), ts), strict, now_ms),
        "auth/nonce-length");
    auto lenient = state_with(profile::lenient);
    // The Go SDK's 19-digit nonce and the Java SDK's decimal nonce.
    CHECK(authenticate(signed_request("k", "secret", "1234567890123456789", ts), lenient, now_ms));
    CHECK(authenticate(signed_request("k", "secret", "59552.707552808395", "1700000000"), lenient,
                       now_ms));
}

TEST_CASE("auth/nonce-replay: strict refuses a reused nonce, lenient allows reuse") {
    auto ts = std::to_string(now_ms);
    auto strict = state_with(profile::strict);
    auto req = signed_request("k", "secret", "42", ts);
    CHECK(authenticate(req, strict, now_ms));
    check_auth_error(authenticate(req, strict, now_ms + 1000), "auth/nonce-replay");
    // A failed signature does not burn the nonce.
    auto st2 = state_with(profile::strict);
    auto bad = signed_request("k", "secret", "43", ts);
    bad.headers[3].value = std::string(40, '0');
    check_auth_error(authenticate(bad, st2, now_ms), "auth/signature");
    CHECK(authenticate(signed_request("k", "secret", "43", ts), st2, now_ms));

    auto lenient = state_with(profile::lenient);
    auto same = signed_request("k", "secret", "42", "1700000000");
    CHECK(authenticate(same, lenient, now_ms));
    CHECK(authenticate(same, lenient, now_ms));
}

TEST_CASE("auth/nonce-replay: a nonce older than the window is forgotten") {
    nonce_cache c;
    CHECK(c.remember("n", 0, 600'000));
    CHECK_FALSE(c.remember("n", 600'000, 600'000));
    CHECK(c.remember("n", 1'200'001, 600'000));
}

TEST_CASE("strict nonces kept without a cap while the clock is frozen: the oldest is forgotten") {
    nonce_cache c(3);
    for (auto n : {"a", "b", "c", "d"})
        CHECK(c.remember(n, 0, 600'000)); // the clock does not move
    CHECK(c.size() == 3);
    CHECK(c.remember("a", 0, 600'000));       // forgotten: the oldest went first
    CHECK_FALSE(c.remember("d", 0, 600'000)); // the newest are still refused
    CHECK(c.size() == 3);
    // The default keeps a bounded number per app.
    nonce_cache big;
    for (int i = 0; i < 100'010; ++i)
        big.remember(std::to_string(i), 0, 600'000);
    CHECK(big.size() == nonce_cache::default_capacity);
}

TEST_CASE("auth/timestamp-format: strict refusals of what official SDKs send say to run the "
          "lenient profile") {
    auto ts = std::to_string(now_ms);
    auto refusal = [](api_result<app_state*> const& r) {
        REQUIRE(r.has_error());
        return r.error();
    };
    auto strict = state_with(profile::strict);
    struct row {
        api_request request;
        std::string_view rule;
        std::string_view says;
    };
    auto upper = signed_request("k", "secret", "4", ts);
    for (auto& c : upper.headers[3].value)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto reused = signed_request("k", "secret", "5", ts);
    CHECK(authenticate(reused, strict, now_ms));
    for (auto const& [request, rule, says] : {
             row{signed_request("k", "secret", "1", "1700000000"), "auth/timestamp-format",
                 "official SDKs send seconds"},
             row{signed_request("k", "secret", "1234567890123456789", ts), "auth/nonce-length",
                 "the Go SDK sends 19-digit nonces"},
             row{upper, "auth/hex-case", "the .NET SDK sends upper-case hex"},
             row{reused, "auth/nonce-replay", "the Node.js SDK reuses its nonce"},
         }) {
        std::string const refused_for(rule);
        CAPTURE(refused_for);
        auto const e = refusal(authenticate(request, strict, now_ms));
        CHECK(e.rule() == rule);
        CHECK(e.hint().starts_with(says));
        CHECK(e.hint().find("run the lenient profile") != std::string_view::npos);
        CHECK(e.message().ends_with("; " + std::string(e.hint())));
    }
    // Lenient refusals have nothing to change in the emulator: no hint.
    auto lenient = state_with(profile::lenient);
    auto bad = signed_request("k", "secret", "1", ts);
    bad.headers[3].value = std::string(40, '0');
    CHECK(refusal(authenticate(bad, lenient, now_ms)).hint().empty());
}
