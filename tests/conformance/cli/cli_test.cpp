// The push-conformance command line: flags in both forms, unknown options, validation of the
// target URLs and the timeout, --version, and case selection by id prefix.
#include "conformance/cli/options.hpp"
#include "conformance/fixture/selection.hpp"
#include "conformance/harness_test_support.hpp"

#include <doctest/doctest.h>

using namespace push::conformance;

namespace {

// The options of arguments that parse.
cli_parse parse(std::vector<std::string> const& args) {
    auto p = parse_cli(args);
    if (!p)
        FAIL(p.error().message);
    return *p;
}

std::string error_of(std::vector<std::string> const& args) {
    auto p = parse_cli(args);
    REQUIRE_FALSE(p.has_value());
    return p.error().message;
}

fixture make(std::string const& id) {
    return test_support::fixture_from(R"({"id":")" + id + R"(","rule":"auth/signature",
        "description":"d","request":{"path":"/push.json"},"expect":{}})",
                                      "cli.json");
}

std::vector<std::string> ids(std::vector<fixture> const& fs) {
    std::vector<std::string> out;
    for (auto const& f : fs)
        out.push_back(f.id);
    return out;
}

} // namespace

TEST_CASE("cli: valued flags take --flag value and --flag=value") {
    auto p = parse({"--target=http://127.0.0.1:9000", "--timeout", "250", "--report=out", "--drift",
                    "https://api.example.com", "--live-quota-budget=3", "--strict",
                    "--admin-token=a=b", "audience/00"});
    CHECK(p.options.target == "http://127.0.0.1:9000");
    CHECK(p.options.timeout_ms == 250);
    CHECK(p.options.report == "out");
    CHECK(p.options.drift == "https://api.example.com");
    CHECK(p.options.budget == 3);
    CHECK(p.options.strict);
    CHECK(p.options.admin_token == "a=b"); // only the first '=' separates the value
    CHECK(p.options.prefixes == std::vector<std::string>{"audience/00"});
    CHECK(parse({"--timeout=1"}).options.timeout_ms == 1);
}

TEST_CASE("cli: unknown options and missing values are named") {
    struct row {
        std::vector<std::string> args;
        std::string error;
    };
    std::vector<row> const rows = {
        {{"--list", "--bogus"}, "unknown option --bogus"},
        {{"--bogus"}, "unknown option --bogus"},
        {{"--bogus=1"}, "unknown option --bogus"},
        {{"-x", "audience"}, "unknown option -x"},
        {{"-"}, "unknown option -"},
        {{"--target"}, "--target needs a value"},
        {{"--report", "--list"}, "--report needs a value"},
        {{"--list=yes"}, "--list takes no value"},
        {{"--timeout=0"}, "--timeout needs a whole number of milliseconds, at least 1 (got '0')"},
        {{"--timeout", "-5"},
         "--timeout needs a whole number of milliseconds, at least 1 (got '-5')"},
        {{"--timeout=soon"},
         "--timeout needs a whole number of milliseconds, at least 1 (got 'soon')"},
        {{"--live-quota-budget=x"}, "--live-quota-budget needs a non-negative integer (got 'x')"},
        {{"--target", "127.0.0.1:8080"},
         "--target: the URL must start with http:// or https:// (got '127.0.0.1:8080')"},
        {{"--target=ftp://host"},
         "--target: the URL must start with http:// or https:// (got 'ftp://host')"},
        {{"--drift", "http://host:port"},
         "--drift: the URL needs a host and a numeric port (got 'http://host:port')"},
    };
    for (auto const& r : rows) {
        CAPTURE(r.args.front());
        CHECK(error_of(r.args) == r.error);
    }
}

TEST_CASE("cli: --help and --version stop parsing") {
    auto v = parse_cli({"--version", "--bogus"});
    REQUIRE(v.has_value()); // --bogus is never read
    CHECK(v->version);
    CHECK(version_line() == std::string("push-conformance ") + PUSH_EMULATOR_VERSION);
    auto h = parse({"-h"});
    CHECK(h.help);
    CHECK_FALSE(h.version);
    auto plain = parse({"--list"});
    CHECK_FALSE(plain.version);
    CHECK_FALSE(plain.help);
    CHECK(plain.options.list);
    CHECK(plain.options.timeout_ms == 10'000);
}

TEST_CASE("cli: a selector is a plain id prefix; one that matches nothing is named") {
    std::vector<fixture> all;
    for (auto const* id : {"audience/001", "audience/009", "audience/010", "auth/001", "body/001"})
        all.push_back(make(id));
    struct row {
        std::vector<std::string> selectors;
        std::vector<std::string> selected; // when every selector matches
        std::vector<std::string> unmatched;
    };
    std::vector<row> const rows = {
        {{}, {"audience/001", "audience/009", "audience/010", "auth/001", "body/001"}, {}},
        {{"audience/00"}, {"audience/001", "audience/009"}, {}},
        {{"aud"}, {"audience/001", "audience/009", "audience/010"}, {}},
        {{"au"}, {"audience/001", "audience/009", "audience/010", "auth/001"}, {}},
        {{"audience/010"}, {"audience/010"}, {}},
        {{"body", "audience/009"}, {"audience/009", "body/001"}, {}},
        {{"body", "nothing", "zz/"}, {}, {"nothing", "zz/"}},
        {{"audience/0011"}, {}, {"audience/0011"}},
    };
    for (auto const& r : rows) {
        CAPTURE(r.selectors.size());
        auto selected = select_cases(all, r.selectors);
        if (r.unmatched.empty()) {
            REQUIRE(selected.has_value());
            CHECK(ids(*selected) == r.selected);
            continue;
        }
        REQUIRE_FALSE(selected.has_value());
        std::string names;
        for (auto const& u : r.unmatched)
            names += (names.empty() ? "'" : ", '") + u + "'";
        CHECK(selected.error().message == "no case id starts with " + names);
    }
}
