#include "conformance/check/match.hpp"
#include "conformance/check/response_check.hpp"
#include "conformance/harness_test_support.hpp"

#include <doctest/doctest.h>

using namespace push::conformance;

namespace {

matcher make(std::string const& spec) {
    auto f = test_support::fixture_from(
        R"({"id":"a/001","rule":"r/x","description":"d","request":{"path":"/"},)"
        R"("expect":{"body":{"/v":)" +
            spec + "}}}",
        "t.json");
    return f.steps[0].expect->body[0].matchers[0];
}

bool holds(std::string const& spec, char const* actual) {
    auto m = make(spec);
    if (!actual)
        return match(m, nullptr).has_value();
    auto v = json::parse(actual);
    return match(m, &v).has_value();
}

} // namespace

TEST_CASE("checks: every matcher, passing and failing") {
    struct row {
        char const* spec;
        char const* actual; // nullptr = absent
        bool pass;
    };
    row const rows[] = {
        {R"({"equals":400})", "400", true},
        {R"({"equals":400})", "400.0", true},
        {R"({"equals":400})", "\"400\"", false},
        {R"({"equals":["a","b"]})", R"(["a","b"])", true},
        {R"({"equals":["a","b"]})", R"(["b","a"])", false},
        {R"({"equals":{"x":1,"y":[2]}})", R"({"y":[2],"x":1})", true},
        {R"({"equals":1})", nullptr, false},
        {R"({"regex":"^[0-9A-Za-z]{22}$"})", R"("50whSR6kQiHb7YgFwQzXIb")", true},
        {R"({"regex":"^[0-9A-Za-z]{22}$"})", R"("50whSR6kQiHb7YgFwQzXI")", false},
        {R"({"regex":"1"})", "1", false},
        {R"({"type":"string"})", R"("x")", true},
        {R"({"type":"string"})", "1", false},
        {R"({"type":"integer"})", "1", true},
        {R"({"type":"integer"})", "1.5", false},
        {R"({"type":"number"})", "1.5", true},
        {R"({"type":"number"})", "7", true},
        {R"({"type":"object"})", "{}", true},
        {R"({"type":"array"})", "{}", false},
        {R"({"type":"null"})", "null", true},
        {R"({"type":"boolean"})", "false", true},
        {R"({"absent":true})", nullptr, true},
        {R"({"absent":true})", "null", false},
        {R"({"present":true})", "null", true},
        {R"({"present":true})", nullptr, false},
        {R"({"one_of":[200,429]})", "429", true},
        {R"({"one_of":[200,429]})", "430", false},
        {R"({"length":2})", "[1,2]", true},
        {R"({"length":2})", R"("ab")", true},
        {R"({"length":2})", "[1]", false},
    };
    for (auto const& r : rows) {
        CAPTURE(r.spec);
        CAPTURE(r.actual ? r.actual : "(absent)");
        CHECK(holds(r.spec, r.actual) == r.pass);
    }
}

TEST_CASE("checks: JSON pointers") {
    auto doc = json::parse(R"({"a":{"b/c":[10,{"d~e":5}]},"":1})");
    CHECK(*at_pointer(doc, "/a/b~1c/0") == json::value(10));
    CHECK(*at_pointer(doc, "/a/b~1c/1/d~0e") == json::value(5));
    CHECK(at_pointer(doc, "") == &doc);
    CHECK(at_pointer(doc, "/a/b~1c/2") == nullptr);
    CHECK(at_pointer(doc, "/a/x") == nullptr);
    CHECK(at_pointer(doc, "/a/b~1c/x") == nullptr);
    CHECK(at_pointer(doc, "a") == nullptr);
}

TEST_CASE("checks: an expectation reports status, code, body, header and journal failures") {
    auto doc = json::parse(R"({"id":"a/001","rule":"r/x","description":"d","request":{"path":"/"},
        "expect":{"status":400,"code":1005,"path":"audience.userid","rule":"audience.userid/max-count",
                  "body":{"/errorMessage":{"type":"string"}},
                  "headers":{"Content-Type":{"regex":"^application/json"}},
                  "journal":{"/outcome":{"equals":"rejected"}}}})");
    auto f = parse_fixture(doc, "t.json");
    REQUIRE(f.has_value());
    auto const& e = *f->steps[0].expect;

    observed good;
    good.status = 400;
    good.headers = {{"content-type", "application/json; charset=utf-8"}};
    good.body = json::parse(R"({"code":1005,"errorMessage":"too many"})");
    good.journal = json::parse(
        R"({"outcome":"rejected","path":"audience.userid","rule":"audience.userid/max-count"})");
    CHECK(check_expectation(e, good).empty());

    observed bad = good;
    bad.status = 200;
    bad.headers = {{"Content-Type", "text/plain"}};
    bad.body = json::parse(R"({"code":"1005"})");
    bad.journal = json::parse(R"({"outcome":"accepted","path":"audience.tag"})");
    auto fails = check_expectation(e, bad);
    std::vector<std::string> where;
    for (auto const& x : fails)
        where.push_back(x.where);
    CHECK(where == std::vector<std::string>{"status", "code", "body /errorMessage",
                                            "header Content-Type", "journal /outcome",
                                            "journal /path", "journal /rule"});
    CHECK(fails[0].expected == "400");
    CHECK(fails[0].actual == "200");
    CHECK(fails[5].actual == R"("audience.tag")");
    CHECK(fails[6].actual == "(absent)");

    // Without a journal (a real target), journal checks are not evaluated.
    bad.journal.reset();
    CHECK(check_expectation(e, bad).size() == 4);

    // A body that is not JSON fails the code check and says so.
    observed text;
    text.status = 400;
    text.raw_body = "oops";
    auto t = check_expectation(e, text);
    REQUIRE(t.size() >= 1);
    CHECK(t[0].where == "code");
    CHECK(t[0].actual.find("not JSON") != std::string::npos);
}

TEST_CASE("checks: X-Emulator-* header checks apply only to answers of the emulator") {
    auto doc = json::parse(R"({"id":"a/001","rule":"r/x","description":"d","request":{"path":"/"},
        "expect":{"headers":{"X-Emulator-Warnings":{"regex":"http://"},
                             "Content-Type":{"present":true}}}})");
    auto f = parse_fixture(doc, "t.json");
    REQUIRE(f.has_value());
    auto const& e = *f->steps[0].expect;
    observed o;
    o.status = 200;
    o.body = json::parse(R"({"code":200})");
    // The real service never sends the emulator's headers: only Content-Type is checked.
    auto real = check_expectation(e, o);
    REQUIRE(real.size() == 1);
    CHECK(real[0].where == "header Content-Type");
    o.from_emulator = true;
    auto emu = check_expectation(e, o);
    REQUIRE(emu.size() == 2);
    CHECK(emu[0].where == "header X-Emulator-Warnings");
    o.headers = {{"x-emulator-warnings", "a is an http:// URL"}, {"Content-Type", "json"}};
    CHECK(check_expectation(e, o).empty());
}

TEST_CASE("checks: a fault's expectations: how the connection ended, the least duration, the "
          "body as text") {
    auto expect = [](std::string const& e) {
        auto f = parse_fixture(json::parse(R"({"id":"a/001","rule":"r/x","description":"d",)"
                                           R"("request":{"path":"/"},"expect":)" +
                                           e + "}"),
                               "t.json");
        REQUIRE(f.has_value());
        return *f->steps[0].expect;
    };
    observed closed;
    closed.ended = "closed";
    closed.duration_ms = 320;
    CHECK(check_expectation(expect(R"({"connection":"closed","min_ms":300})"), closed).empty());
    auto early = check_expectation(expect(R"({"connection":"closed","min_ms":400})"), closed);
    REQUIRE(early.size() == 1);
    CHECK(early[0].where == "duration");
    CHECK(early[0].actual == "320 ms");
    auto reset = check_expectation(expect(R"({"connection":"reset"})"), closed);
    REQUIRE(reset.size() == 1);
    CHECK(reset[0].expected == "connection reset");
    CHECK(reset[0].actual == "connection closed");
    // An answer where the end of the connection was expected, and the other way round.
    observed page;
    page.status = 502;
    page.raw_body = "<html><title>502 Bad Gateway</title></html>";
    auto answered = check_expectation(expect(R"({"connection":"reset"})"), page);
    REQUIRE(answered.size() == 1);
    CHECK(answered[0].actual == "an answer, status 502");
    CHECK(check_expectation(expect(R"({"status":200})"), closed).at(0).where == "connection");
    CHECK(check_expectation(expect(R"({"status":502,"body_text":{"regex":"Bad Gateway"}})"), page)
              .empty());
    CHECK(check_expectation(expect(R"({"body_text":{"regex":"^\\{"}})"), page).at(0).where ==
          "body text");
}
