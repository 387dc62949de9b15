#include "conformance/fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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
        {R"({"id":"a/001","rule":"","description":"d","request":{"path":"/"},"expect":{}})", "/rule", "must not be empty"},
        {R"({"id":"a/001","rules":["http/route",""],"description":"d","request":{"path":"/"},"expect":{}})", "/rules/1", "must not be empty"},
        {R"({"id":"a/001","rule":"http/route","description":"","request":{"path":"/"},"expect":{}})", "/description", "must not be empty"},
        {"{" + valid_head + R"("spends_quota":false,"request":{"path":"/push.json","signing":{"nonce":""}},"expect":{}})", "/spends_quota", "validly signed"},
        {"{" + valid_head + R"("spends_quota":false,"requests":[{"path":"/push.json","signing":{"secret":"x"},"expect":{}},{"path":"/push.json","signing":{"prefix":"RC-"},"expect":{}}]})", "/spends_quota", "request 2"},
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

TEST_CASE("fixture loader: quota cost is conservative, spends_quota only adds to it") {
    struct row {
        std::string request;
        std::string flag;
        int cost;
    };
    std::vector<row> const rows = {
        {R"({"path":"/push.json"})", "", 1},
        {R"({"path":"//push.json?x=1","method":"GET"})", "", 1},
        {R"({"path":"/push.json","signing":{"nonce":""}})", "", 1},          // empty nonce, signed over it
        {R"({"path":"/push.json","signing":{"timestamp_offset":"-301s"}})", "", 1},
        {R"({"path":"/push.json","signing":{"prefix":"RC-","uppercase":true}})", "", 1},
        {R"({"path":"/push.json","headers":{"Signature":"00","RC-App-Key":"{app_key}","RC-Nonce":"{nonce}","RC-Timestamp":"{timestamp}","RC-Signature":"{signature}"}})", "", 1},
        {R"({"path":"/push.json","signing":"none","headers":{"App-Key":"{app_key}","Nonce":"{nonce}","Timestamp":"{timestamp}","Signature":"{signature}"}})", "", 1},
        {R"({"path":"/push.json","signing":"none"})", "", 0},
        {R"({"path":"/push.json","signing":{"signature":"00"}})", "", 0},
        {R"({"path":"/push.json","signing":{"secret":"wrong"}})", "", 0},
        {R"({"path":"/push.json","signing":{"app_key":"nobody"}})", "", 0},
        {R"({"path":"/push.json","signing":{"omit":["Nonce"]}})", "", 0},
        {R"({"path":"/push.json","signing":{"secret":"wrong"}})", R"("spends_quota":false,)", 0},
        {R"({"path":"/push.json","signing":{"secret":"wrong"}})", R"("spends_quota":true,)", 1},
        {R"({"path":"/user/tag/set.json"})", "", 0},
        {R"({"path":"/user/tag/set.json"})", R"("spends_quota":true,)", 1},
    };
    for (auto const& r : rows) {
        CAPTURE(r.request);
        CAPTURE(r.flag);
        auto f = accept("{" + valid_head + r.flag + R"("request":)" + r.request + R"(,"expect":{}})");
        CHECK(f.quota_cost() == r.cost);
    }
}

TEST_CASE("fixture loader: rule IDs of the catalogue") {
    auto ids = catalogue_rule_ids("# t\n\n| ID | x |\n|---|---|\n| http/route | D-6 |\n"
                                  "| audience.userid/max-count | page |\nprose http/method\n");
    CHECK(ids == std::vector<std::string>{"http/route", "audience.userid/max-count"});
}

TEST_CASE("fixture loader: a directory reports every broken fixture, one a line") {
    namespace fs = std::filesystem;
    auto root = fs::temp_directory_path() / "push-conf-catalogue-test";
    fs::remove_all(root);
    fs::create_directories(root / "push" / "auth");
    fs::create_directories(root / "push" / "body");
    std::ofstream(root / "requirements.md") << "| ID | Source |\n|---|---|\n| auth/headers | F |\n"
                                               "| auth/signature | F |\n";
    auto write = [&](std::string const& name, std::string const& head) {
        std::ofstream(root / "push" / name)
            << "{" + head + R"("description":"d","request":{"path":"/"},"expect":{}})";
    };
    write("auth/001-ok.json", R"("id":"auth/001","rules":["auth/headers","auth/signature"],)");
    write("auth/002-unknown.json", R"("id":"auth/002","rule":"auth/nonsense",)");
    write("auth/003-second.json", R"("id":"auth/003","rules":["auth/headers","auth/other"],)");
    write("body/004-wrong-area.json", R"("id":"auth/004","rule":"auth/headers",)");
    write("auth/005.json", R"("id":"auth/005","rule":"auth/headers",)");
    write("auth/007-wrong-number.json", R"("id":"auth/006","rule":"auth/headers",)");
    std::ofstream(root / "push" / "auth" / "008-broken.json") << "{";
    auto r = load_fixtures((root / "push").string());
    REQUIRE_FALSE(r.has_value());
    auto text = r.error().describe();
    CAPTURE(text);
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 6);
    auto p = (root / "push").string();
    CHECK(lines[0] == p + "/auth/002-unknown.json: /rule: unknown rule ID 'auth/nonsense' (not in requirements.md)");
    CHECK(lines[1] == p + "/auth/003-second.json: /rules/1: unknown rule ID 'auth/other' (not in requirements.md)");
    CHECK(lines[2] == p + "/auth/005.json: /id: id auth/005 needs the file name auth/005-<slug>.json (found auth/005.json)");
    CHECK(lines[3] == p + "/auth/007-wrong-number.json: /id: id auth/006 needs the file name auth/006-<slug>.json (found auth/007-wrong-number.json)");
    CHECK(lines[4].rfind(p + "/auth/008-broken.json: /: not valid JSON", 0) == 0);
    CHECK(lines[5] == p + "/body/004-wrong-area.json: /id: id auth/004 needs the file name auth/004-<slug>.json (found body/004-wrong-area.json)");
    // Without a catalogue next to the fixtures directory, rules are not checked.
    fs::remove(root / "requirements.md");
    for (auto name : {"auth/005.json", "auth/007-wrong-number.json", "auth/008-broken.json",
                      "body/004-wrong-area.json"})
        fs::remove(root / "push" / name);
    auto ok = load_fixtures((root / "push").string());
    if (!ok) FAIL(ok.error().describe());
    CHECK(ok->size() == 3);
    fs::remove_all(root);
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

TEST_CASE("fixture loader: a directory with a duplicate id names both files") {
    auto dir = std::filesystem::temp_directory_path() / "push-conf-dup-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "audience");
    for (auto name : {"audience/004-x.json", "audience/004-y.json"}) {
        std::ofstream(dir / name) << "{" + valid_head +
                                         R"("request":{"path":"/"},"expect":{}})";
    }
    auto r = load_fixtures(dir.string());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().pointer == "/id");
    CHECK(r.error().message.find("duplicate id audience/004") != std::string::npos);
    CHECK(r.error().file.find("004-y.json") != std::string::npos);
    CHECK(r.error().more.empty());
    std::ofstream(dir / "audience/004-y.json") << "{not json";
    r = load_fixtures(dir.string());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().file.find("004-y.json") != std::string::npos);
    CHECK(r.error().message.find("not valid JSON") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("fixture suite: every shipped fixture loads") {
    auto r = load_fixtures(PUSH_SOURCE_DIR "/fixtures/push");
    if (!r) FAIL(r.error().describe());
    CHECK(r->size() >= 100);
}
