// Error-path coverage over real sockets: what the traffic exercised, live and in the
// --coverage-report files written at exit.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_file.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace {

namespace json = boost::json;
using namespace push::test_support;

constexpr char to_all[] =
    R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

std::string read_all(std::string const& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::uint64_t hits(json::value const& coverage, std::string_view rule) {
    for (auto const& r : coverage.at("rules").as_array())
        if (r.at("rule").as_string() == rule)
            return r.at("hits").to_number<std::uint64_t>();
    return 0;
}

} // namespace

TEST_CASE("coverage: the emulator reports which rules and codes the traffic exercised, and "
          "--coverage-report writes them at exit") {
    temp_file report("", "push-emulator-coverage");
    std::string const markdown = report.path() + ".md"; // beside a path without ".json"
    emulator_process emu({"--app", "k:s", "--max-body", "200", "--coverage-report", report.path()});
    http_client c(emu.port());
    header_list const json_type{{"Content-Type", "application/json"}};
    REQUIRE(c.send("PUT", "/_emulator/apps/k", json_type, R"({"per_hour":1})").status == 200);
    CHECK(c.post("/push.json", signed_headers("k", "s"), to_all).status == 200);
    CHECK(c.post("/push.json", signed_headers("k", "s", "2"), to_all).status == 429);
    // A declared body over --max-body is refused before the core reads it: counted all the same.
    http_client big(emu.port());
    CHECK(big.post("/push.json", signed_headers("k", "s", "3"), std::string(300, ' ')).status ==
          413);
    auto const live = c.send("GET", "/_emulator/coverage?app=k", {}).json;
    CHECK(live.at("requests") == 3);
    CHECK(hits(live, "quota/per-hour") == 1);
    CHECK(hits(live, "body/max-size") == 1);
    CHECK(hits(live, "quota/per-day") == 0);
    REQUIRE(emu.stop() == 0);
    auto const file = json::parse(read_all(report.path()));
    CHECK(file.at("requests") == 3);
    CHECK(hits(file, "response/id-format") == 1);
    auto const& never = file.at("never").at("codes").as_array();
    CHECK(std::find(never.begin(), never.end(), json::value(1009)) != never.end());
    auto const md = read_all(markdown);
    std::remove(markdown.c_str());
    CHECK(md.find("| 1009 | 430 | 0 | `response/status-430`, `service/enabled` |") !=
          std::string::npos);
    CHECK(md.find("| 1508 | 413 | 1 | — |") != std::string::npos);
}
