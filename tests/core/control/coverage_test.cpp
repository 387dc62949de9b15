// The error-path coverage through the router and the control API.
#include "core/control/coverage_view.hpp"
#include "core/model/rules.hpp"
#include "core/model/signature.hpp"
#include "core/router.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {

constexpr time_ms real_ms = 1'795'658'400'000;

struct fixture {
    emulator_state state;
    int nonce = 0;

    fixture() {
        state.upsert_app({"k", "s", true, {1, 0}, {}});
        state.upsert_app({"off", "s", false, {0, 0}, {}});
    }
    api_response send(std::string target, std::string body, std::string key = "k",
                      std::string_view prefix = "") {
        auto n = std::to_string(++nonce);
        std::string ts = "1795658400";
        auto const p = std::string(prefix);
        return handle_request({"POST",
                               std::move(target),
                               {{p + "App-Key", std::move(key)},
                                {p + "Nonce", n},
                                {p + "Timestamp", ts},
                                {p + "Signature", expected_signature("s", n, ts)}},
                               std::move(body)},
                              state, real_ms);
    }
    json::object coverage(std::string const& query = "") {
        auto r = handle_request({"GET", "/_emulator/coverage" + query, {}, {}}, state, real_ms);
        REQUIRE(r.result.has_value());
        return *r.result;
    }
};

std::uint64_t hits(json::object const& c, std::string_view rule) {
    for (auto const& r : c.at("rules").as_array())
        if (r.at("rule").as_string() == rule)
            return r.at("hits").to_number<std::uint64_t>();
    FAIL("no rule " << rule);
    return 0;
}

json::object code_entry(json::object const& c, int code) {
    for (auto const& e : c.at("codes").as_array())
        if (e.at("code") == code)
            return e.as_object();
    FAIL("no code " << code);
    return {};
}

bool listed(json::value const& list, json::value const& v) {
    auto const& a = list.as_array();
    return std::find(a.begin(), a.end(), v) != a.end();
}

constexpr char to_all[] =
    R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"x"}})";

} // namespace

TEST_CASE("coverage: each rule a request reached and each code it answered are counted") {
    fixture f;
    REQUIRE(f.send("//push.json?x=1", to_all, "k", "RC-").result.has_value());
    CHECK(f.send("/push.json", to_all).result.error().rule() == "quota/per-hour");
    CHECK(f.send("/push.json", to_all, "off").result.error().rule() == "service/enabled");
    CHECK(f.send("/push.json", to_all, "nobody").result.error().rule() == "auth/app-key");
    handle_request({"GET", "/push.json", {{"App-Key", "k"}}, {}}, f.state, real_ms);
    handle_request({"POST", "/nowhere", {}, {}}, f.state, real_ms);
    auto const all = f.coverage();
    CHECK(all.at("app").is_null());
    CHECK(all.at("requests") == 6);
    CHECK(hits(all, "response/id-format") == 1);
    CHECK(hits(all, "audience/is-to-all") == 1);
    CHECK(hits(all, "auth/rc-prefix") == 1);
    CHECK(hits(all, "http/path-normalization") == 1);
    CHECK(hits(all, "response/json-code") == 6);
    CHECK(hits(all, "quota/per-hour") == 1);
    CHECK(hits(all, "service/enabled") == 1);
    CHECK(hits(all, "response/status-430") == 1);
    CHECK(hits(all, "quota/order") == 1); // the 1009 came after the quota counted it
    CHECK(hits(all, "auth/app-key") == 1);
    CHECK(hits(all, "http/method") == 1);
    CHECK(hits(all, "http/route") == 1);
    CHECK(hits(all, "quota/per-day") == 0);
    CHECK(code_entry(all, 1008).at("hits") == 1);
    CHECK(listed(code_entry(all, 1008).at("never"), "quota/per-day"));
    CHECK_FALSE(listed(code_entry(all, 1008).at("never"), "quota/per-hour"));
    CHECK(listed(all.at("never").at("codes"), 1508));
    CHECK_FALSE(listed(all.at("never").at("codes"), 1009));
    CHECK(listed(all.at("never").at("rules"), "body/max-size"));
    // The control API's own rules are not traffic: not listed.
    for (auto const& r : all.at("rules").as_array())
        CHECK(r.at("rule") != "emulator/control");
    // One app's counters: its own requests (a 405 is counted for the app its App-Key names).
    auto const k = f.coverage("?app=k");
    CHECK(k.at("app") == "k");
    CHECK(k.at("requests") == 3);
    CHECK(hits(k, "quota/per-hour") == 1);
    CHECK(hits(k, "http/method") == 1);
    CHECK(hits(k, "service/enabled") == 0);
    CHECK(hits(k, "auth/app-key") == 0);
}

TEST_CASE("coverage: an accepted push counts the audience and device rules it exercised") {
    fixture f;
    f.state.find_app("k")->config.limits = {0, 0};
    auto& reg = f.state.find_app("k")->registry;
    reg.upsert({"i1", "u1", platform::ios, channel::apns, "com.a", real_ms, true});
    reg.upsert({"a1", "u1", platform::android, channel::fcm, "com.b", real_ms, true});
    reg.upsert(
        {"old", "u1", platform::ios, channel::apns, "com.a", real_ms - 40LL * 86'400'000, false});
    reg.set_tags("u1", {"vip"});
    REQUIRE(f.send("/push.json", R"({"platform":["ios"],"audience":{"tag":["vip"],"tag_or":["vip"],
        "packageName":"com.a"},"notification":{"alert":"x","ios":{"title":"T"}},"extra":1})")
                .result.has_value());
    REQUIRE(f.send("/push.json", R"({"platform":["ios"],"audience":{"is_to_all":"true","tag":[]},
        "notification":{"alert":"x","android":{"vivo":{"classification":1}}}})")
                .result.has_value());
    auto const k = f.coverage("?app=k");
    for (auto rule :
         {"audience/tag-and", "audience/tag-or", "audience/package-and", "audience/push-allowed",
          "audience/active-30-days", "notification/effective-content", "body/unknown-fields",
          "body/unset-values", "body/lenient-coercions", "audience/platform-filter"})
        CHECK_MESSAGE(hits(k, rule) >= 1, rule);
    CHECK(hits(k, "audience/userid-wins") == 0);
}

TEST_CASE("coverage: DELETE clears one app's counters, or all of them") {
    fixture f;
    REQUIRE(f.send("/push.json", to_all).result.has_value());
    auto r = handle_request({"DELETE", "/_emulator/coverage?app=k", {}, {}}, f.state, real_ms);
    REQUIRE(r.result.has_value());
    CHECK(f.coverage("?app=k").at("requests") == 0);
    CHECK(f.coverage().at("requests") == 1);
    // Resetting the app keeps its coverage: it describes the traffic, not the app's state.
    REQUIRE(f.send("/push.json", to_all, "off").result.has_error());
    handle_request({"POST", "/_emulator/apps/off/reset", {}, {}}, f.state, real_ms);
    CHECK(f.coverage("?app=off").at("requests") == 1);
    handle_request({"DELETE", "/_emulator/coverage", {}, {}}, f.state, real_ms);
    CHECK(f.coverage().at("requests") == 0);
    CHECK(f.coverage("?app=off").at("requests") == 0);
    auto missing = handle_request({"GET", "/_emulator/coverage?app=zz", {}, {}}, f.state, real_ms);
    CHECK(missing.result.error().status() == 404);
}

TEST_CASE("coverage: the Markdown report names the codes and rules never exercised") {
    fixture f;
    REQUIRE(f.send("/push.json", to_all).result.has_value());
    auto const md = coverage_markdown(f.coverage());
    CHECK(md.starts_with("# Error-path coverage\n\nAll apps: 1 request; "));
    CHECK(md.find("| 1009 | 430 | 0 | `response/status-430`, `service/enabled` |\n") !=
          std::string::npos);
    CHECK(md.find("`quota/per-day`") != std::string::npos);
    CHECK(md.find("## Rules never exercised (") != std::string::npos);
    CHECK(md.find("| `response/id-format` |") == std::string::npos);
}
