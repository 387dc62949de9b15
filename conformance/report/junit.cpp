#include "conformance/report/junit.hpp"

#include "conformance/report/requirement_lines.hpp"
#include "conformance/report/tally.hpp"
#include "conformance/text/utf8.hpp"

#include <cstdio>
#include <map>

namespace push::conformance {

std::string xml_escape(std::string_view s) {
    bool utf8 = valid_utf8(s);
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\n':
            out += "&#10;";
            break;
        case '\t':
            out += "&#9;";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            // XML 1.0 forbids other control characters; invalid UTF-8 becomes '?'.
            if (c < 0x20)
                out += '?';
            else if (c >= 0x80 && !utf8)
                out += '?';
            else
                out += ch;
        }
    }
    return out;
}

namespace {

std::string seconds(std::int64_t ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ms) / 1000.0);
    return buf;
}

std::string failure_text(case_result const& r) {
    std::string text;
    for (auto const& line : requirement_lines(r))
        text += line + "\n";
    for (auto const& f : r.failures)
        text += "Expected: " + f.where + " " + f.expected + "\nActual:   " + f.where + " " +
                f.actual + "\n";
    return text;
}

std::string testcase(case_result const& r) {
    std::string x = "    <testcase classname=\"" + xml_escape("push." + r.area) + "\" name=\"" +
                    xml_escape(r.id + " " + r.description) + "\" file=\"" + xml_escape(r.file) +
                    "\" time=\"" + seconds(r.duration_ms) + "\"";
    switch (r.outcome) {
    case verdict::pass:
    case verdict::non_strict:
        return x + "/>\n";
    case verdict::skip:
        return x + ">\n      <skipped message=\"" + xml_escape(r.reason) +
               "\"/>\n    </testcase>\n";
    case verdict::error:
        return x + ">\n      <error message=\"" + xml_escape(r.reason) + "\" type=\"error\"/>\n" +
               "    </testcase>\n";
    case verdict::fail: {
        auto msg = r.failures.empty()
                       ? std::string("failed")
                       : r.failures.front().where + ": expected " + r.failures.front().expected +
                             ", got " + r.failures.front().actual;
        return x + ">\n      <failure message=\"" + xml_escape(msg) + "\" type=\"fail\">" +
               xml_escape(failure_text(r)) + "</failure>\n    </testcase>\n";
    }
    }
    return x + "/>\n";
}

// tests="…" failures="…" errors="…" skipped="…" time="…" for a suite or the whole document.
std::string count_attributes(tally const& t, std::int64_t ms) {
    return "tests=\"" + std::to_string(t.total()) + "\" failures=\"" + std::to_string(t.failed) +
           "\" errors=\"" + std::to_string(t.errors) + "\" skipped=\"" + std::to_string(t.skipped) +
           "\" time=\"" + seconds(ms) + "\"";
}

// One testsuite: the cases of one area on one target.
std::string testsuite(target_run const& run, std::string const& area,
                      std::vector<case_result const*> const& cases) {
    tally t;
    std::int64_t ms = 0;
    std::string body;
    for (auto const* r : cases) {
        t.add(r->outcome);
        ms += r->duration_ms;
        body += testcase(*r);
    }
    return "  <testsuite name=\"" + xml_escape(run.label + " " + area) + "\" " +
           count_attributes(t, ms) + ">\n    <properties><property name=\"target\" value=\"" +
           xml_escape(run.url) + "\"/></properties>\n" + body + "  </testsuite>\n";
}

} // namespace

std::string junit_xml(std::vector<target_run> const& runs) {
    tally all;
    std::int64_t total_ms = 0;
    std::string suites;
    for (auto const& run : runs) {
        std::map<std::string, std::vector<case_result const*>> by_area;
        for (auto const& r : run.results) {
            by_area[r.area].push_back(&r);
            all.add(r.outcome);
            total_ms += r.duration_ms;
        }
        for (auto const& [area, cases] : by_area)
            suites += testsuite(run, area, cases);
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"push-conformance\" " +
           count_attributes(all, total_ms) + ">\n" + suites + "</testsuites>\n";
}

} // namespace push::conformance
