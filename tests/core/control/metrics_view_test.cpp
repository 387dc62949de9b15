#include "core/control/metrics_view.hpp"
#include "core/router.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace push::core;

namespace {

bool has_line(std::string const& text, std::string const& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
}

app_config app(std::string key) {
    return app_config{std::move(key), "s", true, {}, {}};
}

} // namespace

TEST_CASE("metrics: label values escape backslash, double quote and line feed") {
    CHECK(escape_label_value("plain") == "plain");
    CHECK(escape_label_value("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
    emulator_state state;
    state.upsert_app(app("we\"ird\\key\n"));
    auto const text = metrics_text(state, 0);
    CHECK(has_line(text, "push_emulator_journal_entries{app=\"we\\\"ird\\\\key\\n\"} 0"));
}

TEST_CASE("metrics: past 100 apps, requests are counted under app=\"_other\"") {
    emulator_state state;
    for (int i = 0; i < 102; ++i) {
        char key[16];
        std::snprintf(key, sizeof key, "app-%03d", i);
        state.upsert_app(app(key));
    }
    auto& first = *state.find_app("app-000");
    auto& late = *state.find_app("app-101");
    CHECK(first.metrics_labelled);
    CHECK_FALSE(late.metrics_labelled);
    state.metrics.count_answer(state.requests_of(first), 0, 200, 200, 10);
    state.metrics.count_answer(state.requests_of(late), 0, 200, 200, 10);
    state.metrics.count_answer(state.requests_of(*state.find_app("app-100")), 0, 200, 200, 10);
    auto const text = metrics_text(state, 0);
    CHECK(has_line(text, "push_emulator_requests_total{endpoint=\"/push.json\",status=\"200\","
                         "code=\"200\",app=\"app-000\"} 1"));
    CHECK(has_line(text, "push_emulator_requests_total{endpoint=\"/push.json\",status=\"200\","
                         "code=\"200\",app=\"_other\"} 2"));
    CHECK(text.find("app=\"app-101\"") == std::string::npos);
    // A deleted app's label goes to the next app created.
    state.remove_app("app-000");
    CHECK(state.upsert_app(app("fresh")).metrics_labelled);
    CHECK_FALSE(state.upsert_app(app("fresh-2")).metrics_labelled);
}

TEST_CASE("metrics: the latency histogram is cumulative and counts each request once") {
    emulator_state state;
    state.metrics.count_answer(nullptr, control_slot, 200, 200, 100);        // le 0.0001
    state.metrics.count_answer(nullptr, control_slot, 200, 200, 101);        // le 0.00025
    state.metrics.count_answer(nullptr, control_slot, 200, 200, 99'000'000); // +Inf only
    auto const text = metrics_text(state, 0);
    std::string const h = "push_emulator_request_duration_seconds";
    CHECK(has_line(text, h + "_bucket{endpoint=\"control\",le=\"0.0001\"} 1"));
    CHECK(has_line(text, h + "_bucket{endpoint=\"control\",le=\"0.00025\"} 2"));
    CHECK(has_line(text, h + "_bucket{endpoint=\"control\",le=\"10\"} 2"));
    CHECK(has_line(text, h + "_bucket{endpoint=\"control\",le=\"+Inf\"} 3"));
    CHECK(has_line(text, h + "_count{endpoint=\"control\"} 3"));
    CHECK(has_line(text, "push_emulator_requests_total{endpoint=\"control\",status=\"200\","
                         "code=\"200\",app=\"_none\"} 3"));
}

TEST_CASE("metrics: refusals by rule, counted by the router") {
    emulator_state state;
    state.upsert_app(app("k"));
    auto const before = state.metrics.refusals[find_rule("auth/headers")];
    auto r = handle_request({"POST", "/push.json", {{"App-Key", "k"}}, "{}"}, state, 0);
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().rule() == "auth/headers");
    CHECK(state.metrics.refusals[find_rule("auth/headers")] == before + 1);
    CHECK(r.coverage.requests == &state.find_app("k")->requests);
}
