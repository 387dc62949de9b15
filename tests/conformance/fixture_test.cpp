#include "conformance/fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace push::conformance;

namespace {

// The load error of a fixture document, or an empty error when it loads.
load_error reject(std::string const& text) {
    auto doc = json::parse(text);
    auto f = parse_fixture(doc, "fixtures/push/x/001-x.json");
    REQUIRE_FALSE(f.has_value());
    return f.error();
}

fixture accept(std::string const& text) {
    auto f = parse_fixture(json::parse(text), "f.json");
    if (!f) FAIL(f.error().describe());
    return *f;
}

std::string const valid_head = R"("id":"audience/004","rule":"audience.userid/max-count","description":"d",)";

} // namespace

TEST_CASE("fixture loader: a valid case loads with defaults") {
    auto f = accept("{" + valid_head + R"("request":{"path":"/push.json","body":{"a":1}},"expect":{"status":200,"code":200}})");
    CHECK(f.id == "audience/004");
    CHECK(f.area == "audience");
    REQUIRE(f.steps.size() == 1);
    CHECK(f.steps[0].request.method == "POST");
    CHECK(*f.steps[0].request.body == R"({"a":1})");
    CHECK(f.steps[0].spends_quota);
    CHECK(f.quota_cost() == 1);
    CHECK_FALSE(f.emulator_only);
}

TEST_CASE("fixture loader: errors name the file and the JSON pointer") {
    struct row {
        std::string text, pointer, message;
    };
    std::vector<row> const rows = {
        {R"({"rule":"r/x","description":"d","request":{"path":"/"},"expect":{}})", "/id", "is required"},
        {R"({"id":"bad","rule":"r/x","description":"d","request":{"path":"/"},"expect":{}})", "/id", "area/nnn"},
        {"{" + valid_head + R"("request":{"path":"/"},"expect":{"status":"200"}})", "/expect/status", "integer"},
        {"{" + valid_head + R"("request":{"path":"/"},"expect":{"body":{"/id":{"regexp":"x"}}}})", "/expect/body/~1id/regexp", "unknown matcher"},
        {"{" + valid_head + R"("request":{"path":"/"},"expect":{"body":{"/id":{"regex":"("}}}})", "/expect/body/~1id/regex", "invalid regex"},
        {"{" + valid_head + R"("request":{"path":"/"},"expect":{"body":{"id":{"absent":true}}}})", "/expect/body/id", "JSON pointer"},
        {"{" + valid_head + R"("request":{"path":"/","signing":{"omit":["Nonce","Host"]}},"expect":{}})", "/request/signing/omit/1", "App-Key, Nonce"},
        {"{" + valid_head + R"("request":{"path":"/","signing":"sometimes"},"expect":{}})", "/request/signing", "auto"},
        {"{" + valid_head + R"("request":{"path":"/","body":{},"body_raw":""},"expect":{}})", "/request", "only one"},
        {"{" + valid_head + R"("request":{"path":"/","body_base64":"!!"},"expect":{}})", "/request/body_base64", "base64"},
        {"{" + valid_head + R"("requests":[{"path":"/push.json"}]})", "/requests/0/expect", "is required"},
        {"{" + valid_head + R"("requests":[{"clock":{"advance":"soon"}}]})", "/requests/0/clock/advance", "duration"},
        {"{" + valid_head + R"("setup":[{"method":"PUT","path":"/push.json"}],"request":{"path":"/"},"expect":{}})", "/setup/0/path", "/_emulator/"},
        {"{" + valid_head + R"("request":{"path":"/","body":{"u":{"$array":{"count":-1,"item":"x"}}}},"expect":{}})", "/request/body/u/$array/count", "integer"},
        {"{" + valid_head + R"("extra":1,"request":{"path":"/"},"expect":{}})", "/extra", "unknown fixture field"},
    };
    for (auto const& r : rows) {
        CAPTURE(r.text);
        auto e = reject(r.text);
        CHECK(e.file == "fixtures/push/x/001-x.json");
        CHECK(e.pointer == r.pointer);
        CHECK(e.message.find(r.message) != std::string::npos);
        CHECK(e.describe().find("fixtures/push/x/001-x.json: " + r.pointer) == 0);
    }
}

TEST_CASE("fixture loader: body macros expand") {
    auto f = accept("{" + valid_head + R"("request":{"path":"/push.json","body":{"u":{"$array":{"count":3,"item":"u{i}"}},"p":{"$string":{"repeat":"ab","count":2}}}},"expect":{}})");
    CHECK(*f.steps[0].request.body == R"({"u":["u1","u2","u3"],"p":"abab"})");
}

TEST_CASE("fixture loader: sequences, clock steps and quota cost") {
    auto f = accept("{" + valid_head + R"("requests":[
        {"path":"/push.json","expect":{"status":200}},
        {"clock":{"advance":"1h"}},
        {"path":"//push.json?x","signing":{"nonce":"1"},"expect":{"status":200}},
        {"path":"/push.json","signing":{"secret":"wrong"},"expect":{"status":401}},
        {"path":"/user/tag/set.json","expect":{"status":200}},
        {"control":{"method":"GET","path":"/_emulator/apps/{app}/quota"},"expect":{"status":200}}]})");
    REQUIRE(f.steps.size() == 6);
    CHECK(f.steps[1].what == step::kind::clock);
    CHECK(f.steps[5].what == step::kind::control);
    CHECK(f.quota_cost() == 2); // a wrong secret, a tag call and a control call spend nothing
    CHECK(f.emulator_only);     // clock steps need the control API
}

TEST_CASE("fixture loader: spends_quota false overrides the computed cost") {
    auto f = accept("{" + valid_head + R"("spends_quota":false,"request":{"path":"/push.json"},"expect":{}})");
    CHECK(f.quota_cost() == 0);
}

TEST_CASE("fixture loader: durations") {
    CHECK(parse_duration_ms(json::value("1h30m")) == 5'400'000);
    CHECK(parse_duration_ms(json::value("-301s")) == -301'000);
    CHECK(parse_duration_ms(json::value("31d")) == 31LL * 86'400'000);
    CHECK(parse_duration_ms(json::value("250ms")) == 250);
    CHECK(parse_duration_ms(json::value(1500)) == 1500);
    CHECK_FALSE(parse_duration_ms(json::value("1x")));
    CHECK_FALSE(parse_duration_ms(json::value("h")));
    CHECK_FALSE(parse_duration_ms(json::value(true)));
}

TEST_CASE("fixture selection: a prefix selects a group or one case") {
    CHECK(selected("audience/004", {}));
    CHECK(selected("audience/004", {"audience"}));
    CHECK(selected("audience/004", {"audience/"}));
    CHECK(selected("audience/004", {"audience/004"}));
    CHECK_FALSE(selected("audience/004", {"audience/005"}));
    CHECK_FALSE(selected("audience/004", {"aud"}));
    CHECK(selected("auth/001", {"audience", "auth"}));
}

TEST_CASE("fixture loader: a directory with a duplicate id names both files") {
    auto dir = std::filesystem::temp_directory_path() / "push-conf-dup-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "a");
    for (auto name : {"a/001-x.json", "a/002-y.json"}) {
        std::ofstream(dir / name) << "{" + valid_head +
                                         R"("request":{"path":"/"},"expect":{}})";
    }
    auto r = load_fixtures(dir.string());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().pointer == "/id");
    CHECK(r.error().message.find("duplicate id audience/004") != std::string::npos);
    std::ofstream(dir / "a/002-y.json") << "{not json";
    r = load_fixtures(dir.string());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().file.find("002-y.json") != std::string::npos);
    CHECK(r.error().message.find("not valid JSON") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("fixture suite: every shipped fixture loads") {
    auto r = load_fixtures(PUSH_SOURCE_DIR "/fixtures/push");
    if (!r) FAIL(r.error().describe());
    CHECK(r->size() >= 100);
}
