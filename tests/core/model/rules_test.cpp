#include "core/model/coverage.hpp"
#include "core/model/rules.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>

using namespace push::core;

TEST_CASE("coverage: the compiled-in catalogue holds every rule of fixtures/requirements.md") {
    std::ifstream in(PUSH_SOURCE_DIR "/fixtures/requirements.md");
    REQUIRE(in);
    std::regex const row(R"(^\| *([a-z][A-Za-z0-9_.-]*/[a-z][a-z0-9-]*) *\|)");
    std::set<std::string> catalogue;
    for (std::string line; std::getline(in, line);)
        if (std::smatch m; std::regex_search(line, m, row))
            catalogue.insert(m[1]);
    REQUIRE(catalogue.size() == rule_count());
    for (auto const& id : catalogue) {
        auto const i = find_rule(id);
        REQUIRE_MESSAGE(i != no_rule, id);
        CHECK(rule_at(i).id == id);
    }
    CHECK(find_rule("quota/per-week") == no_rule);
    CHECK(find_rule("") == no_rule);
    auto const& per_day = rule_at(find_rule("quota/per-day"));
    CHECK(per_day.section == "Processing order, quota, enablement");
    REQUIRE(per_day.answer_count == 1);
    CHECK(per_day.answers[0].status == 429);
    CHECK(per_day.answers[0].code == 1008);
    auto const& tag_length = rule_at(find_rule("tags.set/tag-length"));
    CHECK(tag_length.answer_count == 2);
    CHECK(rule_at(find_rule("http/keep-alive")).flags == "emu");
}

TEST_CASE("coverage: one request is a few array increments, in the app's counters and in all") {
    coverage_counts all, app;
    coverage_marks marks;
    marks.app = &app;
    marks.add(find_rule("response/id-format"));
    count_request(all, marks, 200, no_rule);
    count_request(all, {}, 1008, find_rule("quota/per-day"));
    count_request(all, {}, 1234, no_rule); // an injected fault's own code
    CHECK(all.requests == 3);
    CHECK(app.requests == 1);
    CHECK(all.rules[find_rule("response/id-format")] == 1);
    CHECK(all.rules[find_rule("quota/per-day")] == 1);
    CHECK(app.rules[find_rule("quota/per-day")] == 0);
    CHECK(all.codes[code_slot(200)] == 1);
    CHECK(all.codes[code_slot(1008)] == 1);
    CHECK(all.codes.back() == 1);
    all.clear();
    CHECK(all.requests == 0);
    CHECK(all.rules[find_rule("response/id-format")] == 0);
}
