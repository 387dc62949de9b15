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
    l.steps = {{200, json::parse(R"({"code":200,"id":"50whSR6kQiHb7YgFwQzXIb"})"), {}, false}};
    r.steps = {{200, json::parse(R"({"code":200,"id":"70whSR6kQiHb7YgFwQzXIb"})"), {}, false}};
    CHECK(compare_runs(l, r).empty());
    r.steps = {{400, json::parse(R"({"code":1002,"errorMessage":"bad"})"), {}, false}};
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
