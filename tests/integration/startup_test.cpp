// Start-up as test harnesses see it: the port file, the ready descriptor, the seed, warnings.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_file.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace {

using namespace push::test_support;

constexpr std::string_view valid_body =
    R"({"platform":["ios","android"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

std::string read_text(std::string const& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// The id of the first push an emulator started with `args` accepts.
std::string first_id(std::vector<std::string> const& args) {
    emulator_process emu(args);
    http_client c(emu.port());
    auto r = c.post("/push.json", signed_headers("emulator-key", "emulator-secret"), valid_body);
    REQUIRE(r.status == 200);
    return std::string(r.json.at("id").as_string());
}

/// The N of the banner's "seed: N" line, or "" when there is none.
std::string banner_seed(std::string const& out) {
    static std::regex const line(R"(\nseed: (\d+)\n)");
    std::smatch m;
    return std::regex_search(out, m, line) ? m[1].str() : std::string();
}

} // namespace

TEST_CASE("cli: --port-file holds the bound port once listening and is removed at exit") {
    temp_file dir_marker("");
    auto const path = dir_marker.path() + ".port";
    emulator_process emu({"--port-file", path});
    CHECK(read_text(path) == std::to_string(emu.port()) + "\n");
    CHECK(emu.stop(15) == 0);
    CHECK(::access(path.c_str(), F_OK) != 0);
}

TEST_CASE("cli: --ready-fd N receives the bound port once listening, then is closed") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    emulator_process emu({"--ready-fd", std::to_string(fds[1])});
    ::close(fds[1]); // the emulator holds the only other write end, and closes it
    std::string got;
    char buf[64];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
        got.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    CHECK(got == std::to_string(emu.port()) + "\n");
}

TEST_CASE("cli: a --ready-fd that is not open exits 2; an unwritable --port-file exits 1") {
    auto fd = run_emulator({"--port", "0", "--ready-fd", "987"});
    CHECK(fd.exit_code == 2);
    CHECK(fd.err == "push-emulator: --ready-fd: 987 is not an open file descriptor (see --help)\n");
    auto file = run_emulator({"--port", "0", "--port-file", "/nonexistent-dir/port"});
    CHECK(file.exit_code == 1);
    CHECK(file.err.starts_with("push-emulator: --port-file: cannot write"));
}

TEST_CASE("response/id-format: push ids repeated across processes: two emulators with default "
          "flags answer different first ids") {
    CHECK(first_id({}) != first_id({}));
}

TEST_CASE("response/id-format: the banner prints the seed before the listening line, and --seed "
          "repeats a run's ids") {
    emulator_process emu;
    auto const out = emu.stdout_text();
    auto const seed = banner_seed(out);
    REQUIRE(!seed.empty());
    CHECK(out.find("seed: " + seed + "\n") < out.find("listening on"));
    CHECK(out.ends_with(":" + std::to_string(emu.port()) + "\n"));
    http_client c(emu.port());
    auto r = c.post("/push.json", signed_headers("emulator-key", "emulator-secret"), valid_body);
    REQUIRE(r.status == 200);
    CHECK(first_id({"--seed", seed}) == std::string(r.json.at("id").as_string()));
    CHECK(first_id({"--seed", "7"}) == first_id({"--seed", "7"}));
}

TEST_CASE("audience/active-30-days: --devices warns at start about devices that connected more "
          "than 30 days ago (was silent)") {
    temp_file devices(R"({"apps":{"shop":{"secret":"sec","devices":[
        {"id":"old-phone","user_id":"alice","platform":"ios","last_connected_ms":1700000000000},
        {"id":"new-phone","user_id":"bob","platform":"android"}]}}})");
    emulator_process emu({"--devices", devices.path()});
    auto const err = emu.stderr_text();
    CHECK(err.find("push-emulator: warning: --devices: " + devices.path() +
                   ": app shop: 1 device connected more than 30 days ago, so no push reaches it "
                   "(old-phone)") != std::string::npos);
    CHECK(err.find("new-phone") == std::string::npos);
}
