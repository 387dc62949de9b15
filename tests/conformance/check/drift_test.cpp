// Drift between two targets: body normalisation, and the differences reported per request.
#include "conformance/check/drift.hpp"

#include <doctest/doctest.h>

using namespace push::conformance;

namespace {

// A case that ran to `v`; its steps are set by each test.
case_result ran(std::string const& id, verdict v) {
    case_result r;
    r.id = id;
    r.area = id.substr(0, id.find('/'));
    r.outcome = v;
    return r;
}

// What one request saw: a status, a JSON body and headers.
step_outcome seen(int status, std::string const& body, header_list headers = {}) {
    step_outcome s;
    s.status = status;
    s.body = json::parse(body);
    s.raw_body = body;
    s.headers = std::move(headers);
    return s;
}

} // namespace

TEST_CASE("drift: normalisation of ids, times and messages") {
    auto a = json::parse(
        R"({"code":200,"id":"50whSR6kQiHb7YgFwQzXIb","time_ms":1,"x":{"errorMessage":"a"}})");
    auto b = json::parse(
        R"({"code":200,"id":"60whSR6kQiHb7YgFwQzXIc","time_ms":2,"x":{"errorMessage":"b"}})");
    CHECK(normalize_body(a) == normalize_body(b));
    CHECK(normalize_body(a).at("id") == "<id>");
    CHECK(normalize_body(a).at("time_ms") == "<time>");
    CHECK(normalize_body(json::parse(R"(["50whSR6kQiHb7YgFwQzXIb","short"])")) ==
          json::parse(R"(["<id>","short"])"));
    CHECK(normalize_body(json::parse(R"({"code":1002})")) !=
          normalize_body(json::parse(R"({"code":1005})")));
}

TEST_CASE("drift: status, code and body shape differences are reported per request") {
    case_result l = ran("a/001", verdict::pass), r = ran("a/001", verdict::fail);
    l.steps = {seen(200, R"({"code":200,"id":"50whSR6kQiHb7YgFwQzXIb"})")};
    r.steps = {seen(200, R"({"code":200,"id":"70whSR6kQiHb7YgFwQzXIb"})")};
    CHECK(compare_runs(l, r).empty());
    r.steps = {seen(400, R"({"code":1002,"errorMessage":"bad"})")};
    auto d = compare_runs(l, r);
    REQUIRE(d.size() == 3);
    CHECK(d[0].what == "status");
    CHECK(d[1].what == "code");
    CHECK(d[1].left == "200");
    CHECK(d[1].right == "1002");
    CHECK(d[2].what == "body");
    r.outcome = verdict::skip;
    CHECK(compare_runs(l, r).empty());
}

TEST_CASE("drift: a code difference is reported once, and so are the headers that matter") {
    case_result l = ran("a/001", verdict::pass), r = ran("a/001", verdict::pass);
    l.steps = {
        seen(400, R"({"code":1005,"errorMessage":"too long"})",
             {{"Content-Type", "application/json; charset=utf-8"}, {"X-Emulator-Rule", "x"}})};
    r.steps = {seen(400, R"({"code":1002,"errorMessage":"bad"})",
                    {{"content-type", "application/json"}, {"Allow", "POST"}})};
    auto d = compare_runs(l, r);
    REQUIRE(d.size() == 3);
    CHECK(d[0].what == "code");
    CHECK(d[1].what == "header Content-Type");
    CHECK(d[1].left == "application/json; charset=utf-8");
    CHECK(d[1].right == "application/json");
    CHECK(d[2].what == "header Allow");
    CHECK(d[2].left == "(absent)");
    CHECK(header_matters("retry-after"));
    CHECK_FALSE(header_matters("X-Emulator-Rule"));
}
