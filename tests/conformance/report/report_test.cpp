#include "conformance/report/console.hpp"
#include "conformance/report/directory.hpp"
#include "conformance/report/junit.hpp"
#include "conformance/report/tally.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace push::conformance;

namespace {

case_result sample(std::string id, verdict v) {
    case_result r;
    r.id = id;
    r.area = id.substr(0, id.find('/'));
    r.rules = {"audience.userid/max-count"};
    r.description = "1001 <user> ids & \"quotes\"";
    r.file = "fixtures/push/audience/004-x.json";
    r.outcome = v;
    r.status = 200;
    r.code = 200;
    r.duration_ms = 12;
    if (v == verdict::fail)
        r.failures.push_back({"status", "400", "200 <&>"});
    if (v == verdict::skip)
        r.reason = "emulator-only case";
    if (v == verdict::error)
        r.reason = "cannot connect \x01";
    exchange_record x;
    x.kind = "request";
    x.method = "POST";
    x.url = "http://127.0.0.1:1/push.json";
    x.request_headers = {{"Signature", "abc"}};
    x.request_body = std::string("\xff\xfe", 2);
    x.status = 200;
    x.response_body = R"({"code":200})";
    x.curl = "curl ...";
    r.exchanges.push_back(x);
    return r;
}

std::string read(std::filesystem::path const& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST_CASE("report: summary line and counts") {
    std::vector<case_result> rs = {sample("a/001", verdict::pass), sample("a/002", verdict::fail),
                                   sample("b/001", verdict::skip), sample("b/002", verdict::error),
                                   sample("b/003", verdict::non_strict)};
    CHECK(summary_line(count(rs)) == "1 passed, 1 failed, 1 skipped, 1 non-strict, 1 errors");
    CHECK(summary_line(count({sample("a/001", verdict::pass)})) == "1 passed, 0 failed, 0 skipped");
    std::ostringstream out;
    console_report c(out, false);
    c.on_case(rs[1]);
    c.finish(rs);
    auto text = out.str();
    CHECK(text.find("FAIL   a/002") == 0);
    CHECK(text.find("-> audience.userid/max-count") != std::string::npos);
    CHECK(text.find("Expected: status 400") != std::string::npos);
    CHECK(text.find("Actual:   status 200 <&>") != std::string::npos);
    CHECK(text.substr(text.rfind('\n', text.size() - 2) + 1) ==
          "1 passed, 1 failed, 1 skipped, 1 non-strict, 1 errors\n");
}

TEST_CASE("report: JSON files parse back, with the index and binary bodies as base64") {
    auto dir = std::filesystem::temp_directory_path() / "push-conf-report-test";
    std::filesystem::remove_all(dir);
    std::vector<target_run> runs = {
        {"primary",
         "http://127.0.0.1:1",
         {sample("a/001", verdict::pass), sample("a/002", verdict::fail)}},
        {"drift",
         "http://127.0.0.1:2",
         {sample("a/001", verdict::pass), sample("a/002", verdict::pass)}}};
    std::vector<drift_entry> drift = {{"a/002", "status", "400", "200"}};
    REQUIRE(write_reports(dir.string(), runs, drift));
    auto index = json::parse(read(dir / "index.json"));
    auto const& c = index.at("targets").at("http://127.0.0.1:1").at("a/002");
    CHECK(c.at("verdict") == "fail");
    CHECK(c.at("status") == 200);
    CHECK(c.at("code") == 200);
    CHECK(c.at("duration_ms") == 12);
    CHECK(c.at("file") == "primary/a-002.json");
    auto doc = json::parse(read(dir / "primary/a-002.json"));
    CHECK(doc.at("failures").at(0).at("actual") == "200 <&>");
    auto const& x = doc.at("exchanges").at(0).as_object();
    CHECK(x.contains("request_body_base64"));
    CHECK(x.at("request_body_base64") == "//4=");
    CHECK(x.at("response_body") == R"({"code":200})");
    auto d = json::parse(read(dir / "drift.json"));
    CHECK(d.at("differences").at(0).at("case") == "a/002");
    CHECK(std::filesystem::exists(dir / "junit.xml"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("report: JUnit XML escapes text and counts verdicts") {
    CHECK(xml_escape("a<b>&\"c'\n\x01") == "a&lt;b&gt;&amp;&quot;c&apos;&#10;?");
    CHECK(xml_escape("标题") == "标题");
    CHECK(xml_escape(std::string("\xff", 1)) == "?");
    std::vector<target_run> runs = {
        {"primary",
         "http://h",
         {sample("a/001", verdict::pass), sample("a/002", verdict::fail),
          sample("b/001", verdict::skip), sample("b/002", verdict::error)}}};
    auto xml = junit_xml(runs);
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0) == 0);
    CHECK(xml.find("tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\"") != std::string::npos);
    CHECK(xml.find("1001 &lt;user&gt; ids &amp; &quot;quotes&quot;") != std::string::npos);
    CHECK(xml.find("<failure message=\"status: expected 400, got 200 &lt;&amp;&gt;\"") !=
          std::string::npos);
    CHECK(xml.find("<skipped message=\"emulator-only case\"/>") != std::string::npos);
    CHECK(xml.find("cannot connect ?") != std::string::npos);
    CHECK(xml.find('\x01') == std::string::npos);
    // Balanced elements: every opened testsuite/testcase is closed.
    auto count_of = [&](std::string const& s) {
        std::size_t n = 0;
        for (auto at = xml.find(s); at != std::string::npos; at = xml.find(s, at + 1))
            ++n;
        return n;
    };
    CHECK(count_of("<testsuite ") == count_of("</testsuite>"));
    CHECK(count_of("<testsuites ") == 1);
    CHECK(xml.size() > 0);
    CHECK(xml.substr(xml.size() - 14) == "</testsuites>\n");
}

TEST_CASE("report: a reused directory loses the case files of the earlier run, nothing else") {
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / "push-conf-report-reuse-test";
    fs::remove_all(dir);
    fs::create_directories(dir / "primary");
    fs::create_directories(dir / "drift");
    std::ofstream(dir / "primary" / "old-001.json") << "{}";
    std::ofstream(dir / "drift" / "old-001.json") << "{}";
    std::ofstream(dir / "primary" / "notes.txt") << "mine";
    std::ofstream(dir / "elsewhere.json") << "{}";
    std::vector<target_run> runs = {
        {"primary", "http://127.0.0.1:1", {sample("a/001", verdict::pass)}}};
    REQUIRE(write_reports(dir.string(), runs, {}));
    CHECK(fs::exists(dir / "primary" / "a-001.json"));
    CHECK_FALSE(fs::exists(dir / "primary" / "old-001.json"));
    CHECK_FALSE(fs::exists(dir / "drift" / "old-001.json"));
    CHECK(fs::exists(dir / "primary" / "notes.txt"));
    CHECK(fs::exists(dir / "elsewhere.json"));
    auto index = json::parse(read(dir / "index.json"));
    CHECK(index.at("targets").at("http://127.0.0.1:1").as_object().size() == 1);
    fs::remove_all(dir);
}
