// Configuration: flags over an optional JSON file, every problem named by flag or JSON path.
#include "config.hpp"

#include "support/temp_file.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace {

using push::config_result;
using push::emulator_config;

config_result<emulator_config> load(std::vector<char const*> args) {
    return push::load_config(args);
}

/// The error message of loading `args`, or "" when they load.
std::string error_of(std::vector<char const*> args) {
    auto r = load(std::move(args));
    return r ? std::string() : r.error().message;
}

/// The error message of a config document, or "" when it applies.
std::string json_error(std::string_view text) {
    emulator_config c;
    auto r = push::apply_config_json(text, "cfg.json", c);
    return r ? std::string() : r.error().message;
}

} // namespace

TEST_CASE("config: defaults, and the embedded default app when none is configured") {
    auto c = load({});
    REQUIRE(c.has_value());
    CHECK(c->listen == "127.0.0.1");
    CHECK(c->port == 8080);
    CHECK(c->settings.max_body == 102400);
    CHECK(c->settings.utc_offset_minutes == 480);
    CHECK(c->settings.journal_capacity == 1000);
    CHECK(c->settings.journal_recipient_cap == 1000);
    CHECK(c->settings.default_profile == push::core::profile::lenient);
    CHECK(c->log_level == push::transport::log_level::info);
    CHECK(c->read_timeout == std::chrono::seconds(30));
    REQUIRE(c->apps.size() == 1);
    CHECK(c->apps[0].key == "emulator-key");
    CHECK(c->apps[0].secret == "emulator-secret");
    CHECK(c->apps[0].push_enabled);
    CHECK(c->apps[0].limits.per_hour == 2);
    CHECK(c->apps[0].limits.per_day == 3);
}

TEST_CASE("config: every flag is applied, as --flag VALUE or --flag=VALUE") {
    auto c = load({"--listen",
                   "0.0.0.0",
                   "--port=0",
                   "--app",
                   "k:s:with:colons",
                   "--profile",
                   "strict",
                   "--seed",
                   "42",
                   "--max-body",
                   "10",
                   "--day-utc-offset",
                   "-05:30",
                   "--log-level",
                   "debug",
                   "--read-timeout",
                   "5",
                   "--admin-token",
                   "t",
                   "--devices",
                   "d.json",
                   "--journal-capacity",
                   "7",
                   "--journal-recipients",
                   "3",
                   "--journal-bytes",
                   "65536"});
    REQUIRE(c.has_value());
    CHECK(c->listen == "0.0.0.0");
    CHECK(c->port == 0);
    REQUIRE(c->apps.size() == 1);
    CHECK(c->apps[0].key == "k");
    CHECK(c->apps[0].secret == "s:with:colons");
    CHECK(c->settings.default_profile == push::core::profile::strict);
    CHECK(c->settings.seed == 42);
    CHECK(c->settings.max_body == 10);
    CHECK(c->settings.utc_offset_minutes == -330);
    CHECK(c->log_level == push::transport::log_level::debug);
    CHECK(c->read_timeout == std::chrono::seconds(5));
    CHECK(c->settings.admin_token == "t");
    CHECK(c->devices_file == "d.json");
    CHECK(c->settings.journal_capacity == 7);
    CHECK(c->settings.journal_recipient_cap == 3);
    CHECK(c->settings.journal_bytes == 65536);
}

TEST_CASE("config: --day-utc-offset takes +HH:MM, -HH:MM or minutes within 14 hours") {
    struct row {
        char const* text;
        int minutes;
    };
    for (auto [text, minutes] : {row{"+08:00", 480}, row{"-05:30", -330}, row{"+00:00", 0},
                                 row{"480", 480}, row{"-330", -330}, row{"+14:00", 840}}) {
        std::string const offset = text;
        CAPTURE(offset);
        auto c = load({"--day-utc-offset", text});
        REQUIRE(c.has_value());
        CHECK(c->settings.utc_offset_minutes == minutes);
    }
    for (char const* bad : {"+8:00", "08:00", "+08:60", "+14:01", "841", "abc", ""}) {
        CAPTURE(bad);
        CHECK(error_of({"--day-utc-offset", bad}).starts_with("--day-utc-offset: "));
    }
}

TEST_CASE("config: bad flags are named") {
    struct row {
        std::vector<char const*> args;
        char const* starts;
    };
    for (auto const& [args, starts] : std::initializer_list<row>{
             {{"--nope"}, "unknown flag --nope"},
             {{"positional"}, "unexpected argument \"positional\""},
             {{"--port"}, "--port needs a value N"},
             {{"--port", "65536"}, "--port: expected an integer from 0 to 65535"},
             {{"--port", "80x"}, "--port: expected an integer"},
             {{"--listen", "localhost"}, "--listen: expected an IPv4 or IPv6 address"},
             {{"--app", ":s"}, "--app: expected KEY:SECRET"},
             {{"--app", "k:"}, "--app: expected KEY:SECRET"},
             {{"--profile", "Strict"}, "--profile: expected lenient or strict"},
             {{"--seed", "-1"}, "--seed: expected an integer"},
             {{"--max-body", "0"}, "--max-body: expected an integer from 1"},
             {{"--log-level", "verbose"}, "--log-level: expected error, warn, info, debug or off"},
             {{"--read-timeout", "0"}, "--read-timeout: expected an integer from 1"},
             {{"--admin-token", ""}, "--admin-token: must not be empty"},
             {{"--journal-capacity", "0"}, "--journal-capacity: expected an integer from 1"},
             {{"--journal-recipients", "-1"}, "--journal-recipients: expected an integer from 0"},
             {{"--config", "/nonexistent/cfg.json"}, "--config: cannot read \"/nonexistent"},
             {{"--port-file", ""}, "--port-file: must not be empty"},
             {{"--ready-fd", "x"}, "--ready-fd: expected an integer from 0"},
             {{"--ready-fd", "987"}, "--ready-fd: 987 is not an open file descriptor"},
         }) {
        std::string const expected = starts;
        CAPTURE(expected);
        CHECK(error_of(args).starts_with(starts));
    }
}

TEST_CASE("config: --port-file and --ready-fd (an open descriptor) are kept for start-up") {
    auto c = load({"--port-file", "run/port", "--ready-fd", "2"});
    REQUIRE(c.has_value());
    CHECK(c->port_file == "run/port");
    CHECK(c->ready_fd == 2);
    CHECK(json_error(R"({"port_file":"p"})").empty());
    CHECK(json_error(R"({"ready_fd":3})") == "cfg.json: unknown field ready_fd");
}

TEST_CASE("response/id-format: without --seed each load draws a fresh seed; --seed or the file "
          "fixes it") {
    auto a = load({});
    auto b = load({});
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(!a->seed_given);
    CHECK(a->settings.seed != b->settings.seed);
    auto fixed = load({"--seed", "0"});
    REQUIRE(fixed.has_value());
    CHECK(fixed->seed_given);
    CHECK(fixed->settings.seed == 0);
    emulator_config from_file;
    REQUIRE(push::apply_config_json(R"({"seed":3})", "cfg.json", from_file).has_value());
    CHECK(from_file.seed_given);
    CHECK(from_file.settings.seed == 3);
}

TEST_CASE("config: --help and --version need nothing else to be valid") {
    auto c = load({"--help"});
    REQUIRE(c.has_value());
    CHECK(c->help);
    c = load({"--version"});
    REQUIRE(c.has_value());
    CHECK(c->version);
    CHECK(!load({"--help", "--nope"})); // an unknown flag is still an error
}

TEST_CASE("config: a JSON file sets settings and apps") {
    emulator_config c;
    auto r = push::apply_config_json(
        R"({"profile":"strict","day_utc_offset":"+09:00","max_body":2048,"seed":9,
            "listen":"::1","port":9000,"log_level":"warn","read_timeout":3,"admin_token":"a",
            "devices":"dev.json","journal_capacity":50,
            "apps":[{"key":"k","secret":"s","push_enabled":false,"per_hour":0,"per_day":5,
                     "profile":"lenient"},{"key":"k2","secret":"s2"}]})",
        "cfg.json", c);
    REQUIRE(r.has_value());
    CHECK(c.settings.default_profile == push::core::profile::strict);
    CHECK(c.settings.utc_offset_minutes == 540);
    CHECK(c.settings.max_body == 2048);
    CHECK(c.settings.seed == 9);
    CHECK(c.listen == "::1");
    CHECK(c.port == 9000);
    CHECK(c.log_level == push::transport::log_level::warn);
    CHECK(c.read_timeout == std::chrono::seconds(3));
    CHECK(c.devices_file == "dev.json");
    CHECK(c.settings.journal_capacity == 50);
    REQUIRE(c.apps.size() == 2);
    CHECK(!c.apps[0].push_enabled);
    CHECK(c.apps[0].limits.per_hour == 0);
    CHECK(c.apps[0].limits.per_day == 5);
    CHECK(c.apps[0].profile == push::core::profile::lenient);
    CHECK(c.apps[1].limits.per_hour == 2);
    CHECK(!c.apps[1].profile);
    CHECK(push::apply_config_json(R"({"day_utc_offset":-300})", "cfg.json", c).has_value());
    CHECK(c.settings.utc_offset_minutes == -300);
}

TEST_CASE("config: JSON errors name the file and the JSON path") {
    struct row {
        char const* text;
        char const* message;
    };
    for (auto const& [text, message] : std::initializer_list<row>{
             {R"({"profile":"lenient",)", "cfg.json: invalid JSON: "},
             {R"([])", "cfg.json: expected a JSON object"},
             {R"({"colour":1})", "cfg.json: unknown field colour"},
             {R"({"max_body":"100"})", "cfg.json: max_body: expected an integer"},
             {R"({"max_body":0})", "cfg.json: max_body: expected an integer from 1"},
             {R"({"profile":1})", "cfg.json: profile: expected a string"},
             {R"({"day_utc_offset":true})", "cfg.json: day_utc_offset: expected a string or"},
             {R"({"port":-1})", "cfg.json: port: expected an integer from 0 to 65535"},
             {R"({"apps":{}})", "cfg.json: apps: expected an array"},
             {R"({"apps":[1]})", "cfg.json: apps[0]: expected an object"},
             {R"({"apps":[{"secret":"s"}]})", "cfg.json: apps[0].key is required"},
             {R"({"apps":[{"key":"k"}]})", "cfg.json: apps[0].secret is required to create an app"},
             {R"({"apps":[{"key":"","secret":"s"}]})",
              "cfg.json: apps[0].key must be a non-empty string"},
             {R"({"apps":[{"key":"a","secret":"s"},{"key":"b","secret":"s","per_hour":-1}]})",
              "cfg.json: apps[1].per_hour must be an integer from 0 to 4294967295"},
             {R"({"apps":[{"key":"a","secret":"s","per_day":1.5}]})",
              "cfg.json: apps[0].per_day must be an integer from 0 to 4294967295"},
             {R"({"apps":[{"key":"a","secret":"s","per_day":4294967296}]})",
              "cfg.json: apps[0].per_day must be an integer from 0 to 4294967295"},
             {R"({"apps":[{"key":"a","secret":"s","push_enabled":"yes"}]})",
              "cfg.json: apps[0].push_enabled must be true or false"},
             {R"({"apps":[{"key":"a","secret":"s","profile":"loose"}]})",
              "cfg.json: apps[0].profile must be \"lenient\" or \"strict\""},
             {R"({"apps":[{"key":"a","secret":"s","quota":1}]})",
              "cfg.json: unknown field apps[0].quota"},
             {R"({"apps":[{"key":"a","secret":"s"},{"key":"a","secret":"t"}]})",
              "cfg.json: apps[1].key: duplicate App-Key \"a\""},
         }) {
        std::string const document = text;
        CAPTURE(document);
        CAPTURE(json_error(document));
        CHECK(json_error(text).starts_with(message));
    }
}

TEST_CASE("config: flags override the file; --app overrides the secret of a file app") {
    push::test_support::temp_file file(
        R"({"port":9000,"max_body":50,"apps":[{"key":"k","secret":"old","per_hour":7}]})");
    auto c = load(
        {"--config", file.path().c_str(), "--port", "9001", "--app", "k:new", "--app", "k2:s2"});
    REQUIRE(c.has_value());
    CHECK(c->port == 9001);
    CHECK(c->settings.max_body == 50);
    REQUIRE(c->apps.size() == 2);
    CHECK(c->apps[0].secret == "new");
    CHECK(c->apps[0].limits.per_hour == 7);
    CHECK(c->apps[1].key == "k2");
}

TEST_CASE("config: --help lists every flag with its default") {
    auto const help = push::help_text();
    for (char const* line : {"--port N", "(default 8080)", "--max-body BYTES", "(default 102400)",
                             "--day-utc-offset OFFSET", "(default +08:00)", "--journal-capacity N",
                             "--log-level LEVEL", "--read-timeout SECONDS", "(default 30)"}) {
        CAPTURE(line);
        CHECK(help.find(line) != std::string::npos);
    }
}

TEST_CASE("config: fixtures/config.example.json loads") {
    auto c = load({"--config", PUSH_SOURCE_DIR "/fixtures/config.example.json"});
    REQUIRE(c.has_value());
    REQUIRE(c->apps.size() == 4);
    CHECK(c->apps[1].profile == push::core::profile::strict);
    CHECK(!c->apps[2].push_enabled);
    CHECK(c->apps[3].limits.per_hour == 0);
    CHECK(c->settings.seed == 1);
}

TEST_CASE("config: --allow-host is repeatable; the file's allow_hosts is an array of names") {
    auto c = load({"--allow-host", "emulator.internal", "--allow-host", "ci-runner"});
    REQUIRE(c.has_value());
    CHECK(c->settings.allowed_hosts == std::vector<std::string>{"emulator.internal", "ci-runner"});
    CHECK(error_of({"--allow-host", "http://x"}).starts_with("--allow-host: expected a host name"));
    push::emulator_config file;
    REQUIRE(push::apply_config_json(R"({"allow_hosts":["a.test","b.test"]})", "cfg.json", file)
                .has_value());
    CHECK(file.settings.allowed_hosts.size() == 2);
    CHECK(json_error(R"({"allow_hosts":"a.test"})")
              .starts_with("cfg.json: allow_hosts: expected an array of strings"));
}
