// A failing case says which requirement it broke: the catalogue's sentence for its rule and the
// vendor's words where the catalogue quotes the reference page, on the console, in JUnit and in
// the case's JSON report.
#include "conformance/fixture/loader.hpp"
#include "conformance/report/console.hpp"
#include "conformance/report/json.hpp"
#include "conformance/report/junit.hpp"
#include "conformance/run/runner.hpp"
#include "support/emulator_process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace push::conformance;

namespace {

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

TEST_CASE("report: a failing case prints the requirement sentence of its rule") {
    namespace fs = std::filesystem;
    auto root = fs::temp_directory_path() / "push-conf-requirement-test";
    fs::remove_all(root);
    fs::create_directories(root / "push" / "ios");
    fs::create_directories(root / "bases");
    std::ofstream(root / "requirements.md")
        << "| ID | Source | Quote / fact | Reading | Expect | Flags |\n|---|---|---|---|---|---|\n"
           "| notification.ios.badge/range | page | 最大不超过 9999 | `badge` is at most 9999 | "
           "400/1002 | |\n"
           "| notification/alert-required | F§4 | alert text | every platform has alert text | "
           "400/1002 | |\n";
    std::ofstream(root / "bases" / "push.json")
        << R"({"path":"/push.json","body":{"platform":["ios"],"audience":{"is_to_all":true},
              "notification":{"alert":"x"}}})";
    // Both cases expect the wrong answer on purpose: a badge of 9999 is accepted.
    std::ofstream(root / "push" / "ios" / "001-badge.json")
        << R"({"id":"ios/001","rule":"notification.ios.badge/range","description":"badge 9999",
              "request":{"base":"push","body":{"notification":{"ios":{"badge":9999}}}},
              "expect":{"status":400}})";
    std::ofstream(root / "push" / "ios" / "002-alert.json")
        << R"({"id":"ios/002","rule":"notification/alert-required","description":"alert",
              "request":{"base":"push"},"expect":{"status":400}})";
    auto cases = load_fixtures((root / "push").string());
    if (!cases)
        FAIL(cases.error().describe());
    REQUIRE(cases->size() == 2);

    push::test_support::emulator_process emu;
    auto at = parse_endpoint("http://127.0.0.1:" + std::to_string(emu.port()));
    REQUIRE(at.has_value());
    runner r(target{*at, target_kind::emulator, std::nullopt, std::nullopt}, run_options{},
             wall_ms);
    REQUIRE(r.prepare());
    auto badge = r.run_case(cases->at(0));
    auto alert = r.run_case(cases->at(1));
    REQUIRE(badge.outcome == verdict::fail);
    REQUIRE(alert.outcome == verdict::fail);

    std::ostringstream out;
    console_report console(out, false);
    console.on_case(badge);
    console.on_case(alert);
    auto text = out.str();
    CAPTURE(text);
    CHECK(text.find("       -> notification.ios.badge/range: badge is at most 9999\n"
                    "          vendor: 最大不超过 9999\n"
                    "       Expected: status 400\n") != std::string::npos);
    // A rule resting on FACTS, not on the page, has no vendor line.
    CHECK(text.find("       -> notification/alert-required: every platform has alert text\n"
                    "       Expected: status 400\n") != std::string::npos);

    auto doc = case_document(badge, "http://x");
    auto const& reqs = doc.at("requirements").as_array();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].at("rule") == "notification.ios.badge/range");
    CHECK(reqs[0].at("requirement") == "badge is at most 9999");
    CHECK(reqs[0].at("vendor") == "最大不超过 9999");
    auto xml = junit_xml({target_run{"primary", "http://x", {badge}}});
    CHECK(xml.find("notification.ios.badge/range: badge is at most 9999") != std::string::npos);
    fs::remove_all(root);
}

TEST_CASE("catalogue: rows, sentences and the vendor's words") {
    auto rows = parse_catalogue(
        "| ID | Source | Quote / fact | Reading | Expect | Flags |\n|---|---|---|---|---|---|\n"
        "| quota/per-day | page, D-9 | 每天(自然日)最多发送 3 次 | at most 3 a `day` | 429/1008 | "
        "quota |\n"
        "| body/unset-values | D-11 | `null` | unset \\| absent | 200 | |\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].sentence() == "at most 3 a day");
    CHECK(rows[0].vendor_words() == "每天(自然日)最多发送 3 次");
    CHECK(rows[0].flags == "quota");
    CHECK(rows[1].reading == "unset | absent");
    CHECK(rows[1].vendor_words().empty());
    CHECK(find_requirement(rows, "body/unset-values") == &rows[1]);
    CHECK(find_requirement(rows, "body/none") == nullptr);
}
