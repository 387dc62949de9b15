// Recordings of the real service: push-conformance --live --record against a stand-in of the
// real service (not the emulator) keeps no secret, and --replay of that recording against the
// emulator reports exactly the differences planted in the stand-in. The shipped hand-written
// recording replays against the emulator without a difference.
#include "conformance/record/recording.hpp"
#include "support/emulator_process.hpp"
#include "support/service_double.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace push::conformance;
using push::test_support::service_double;

namespace fs = std::filesystem;

namespace {

// Runs push-conformance with `args`; its stdout and stderr, and in `status` its exit code.
std::string conformance(std::string const& args, int& status) {
    std::FILE* p = ::popen((std::string(PUSH_CONFORMANCE_BIN) + " " + args + " 2>&1").c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
        out.append(buf, n);
    int rc = ::pclose(p);
    status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

std::string read_all(fs::path const& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_starting(std::string const& text, std::string const& prefix) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0)
            out.push_back(line);
    return out;
}

constexpr char json_type[] = "application/json; charset=utf-8";

// The stand-in's answers: what FACTS says the real service answers, except for three planted
// differences (a code, a Content-Type and a body member).
service_double::answer play_real_service(service_double::request const& r, bool signed_ok) {
    using answer = service_double::answer;
    if (!signed_ok)
        return answer{401, {{"Content-Type", json_type}}, R"({"code":1004,"errorMessage":"x"})"};
    if (r.target == "/push.json")
        return answer{
            200, {{"Content-Type", json_type}}, R"({"code":200,"id":"AbCdEfGhIjKlMnOpQrStUv"})"};
    if (r.target == "/user/tag/set.json") // planted: 1002 where the emulator says 1005
        return answer{400, {{"Content-Type", json_type}}, R"({"code":1002,"errorMessage":"x"})"};
    if (r.body.empty()) // planted: no charset
        return answer{400,
                      {{"Content-Type", "application/json"}},
                      R"({"code":1003,"errorMessage":"no POST data"})"};
    // planted: a member the emulator does not send
    return answer{
        200, {{"Content-Type", json_type}}, R"({"code":200,"result":{"u1":[]},"requestId":"r-1"})"};
}

void write_case(fs::path const& dir, std::string const& name, std::string const& text) {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << text;
}

} // namespace

TEST_CASE("record: --record against a stand-in of the real service stores no secret, and "
          "--replay on the emulator reports exactly the differences planted in it") {
    auto root = fs::temp_directory_path() / "push-conf-record-test";
    fs::remove_all(root);
    auto push = root / "fixtures" / "push";
    write_case(push, "a/001-push.json", R"({"id":"a/001","rule":"r/x","description":"a push",
        "request":{"path":"/push.json","body":{"platform":["ios"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi"}}},"expect":{"status":200}})");
    write_case(push, "a/002-unknown-key.json", R"({"id":"a/002","rule":"r/x","description":"key",
        "request":{"path":"/push.json","body":{},"signing":{"app_key":"no-such-key"}},
        "expect":{"status":401}})");
    write_case(push, "a/003-tags-21.json", R"({"id":"a/003","rule":"r/x","description":"21 tags",
        "request":{"path":"/user/tag/set.json","body":{"userId":"u1",
        "tags":{"$array":{"count":21,"item":"t{i}"}}}},"expect":{"status":400}})");
    write_case(push, "a/004-get-empty.json", R"({"id":"a/004","rule":"r/x","description":"empty",
        "request":{"path":"/user/tags/get.json","body_raw":""},"expect":{"status":400}})");
    write_case(push, "a/005-get.json", R"({"id":"a/005","rule":"r/x","description":"get",
        "request":{"path":"/user/tags/get.json","body_raw":"userIds=u1",
        "headers":{"Content-Type":"application/x-www-form-urlencoded"}},"expect":{"status":200}})");
    std::string const key = "standin-key-7d1f", secret = "standin-secret-Q8x2Lk";
    service_double real(key, secret, play_real_service);

    auto rec = root / "recording";
    int status = -1;
    auto out =
        conformance("--live --record " + rec.string() + " --target " + real.url() + " --fixtures " +
                        push.string() + " --app-key " + key + " --app-secret " + secret +
                        " --live-quota-budget 1 --ledger " + (root / "ledger.json").string(),
                    status);
    CAPTURE(out);
    REQUIRE(status == 0);
    REQUIRE(real.requests().size() == 5);

    // No secret: neither the app secret, nor the App-Key, nor any signature that was sent.
    std::vector<std::string> secrets{secret, key};
    for (auto const& r : real.requests())
        if (!r.header("Signature").empty())
            secrets.push_back(r.header("Signature"));
    std::size_t files = 0;
    for (auto const& e : fs::recursive_directory_iterator(rec)) {
        if (!e.is_regular_file())
            continue;
        ++files;
        auto text = read_all(e.path());
        for (auto const& s : secrets) {
            CAPTURE(e.path());
            CHECK(text.find(s) == std::string::npos);
        }
    }
    CHECK(files == 6); // recording.json and one file per case
    auto loaded = read_recording(rec.string());
    REQUIRE(loaded.has_value());
    REQUIRE(loaded->cases.size() == 5);
    CHECK(loaded->target == real.url());
    CHECK(loaded->cases[2].exchanges.at(0).status == 400);

    // Replay offline against the emulator: no quota, no credentials.
    push::test_support::emulator_process emu;
    auto replay = conformance("--replay " + rec.string() +
                                  " --target http://127.0.0.1:" + std::to_string(emu.port()),
                              status);
    CAPTURE(replay);
    CHECK(status == 1);
    auto diffs = lines_starting(replay, "       ");
    REQUIRE(diffs.size() == 3);
    CHECK(diffs[0] == "       code: 1002 (recorded)  vs  1005");
    CHECK(diffs[1] == "       header Content-Type: application/json (recorded)  vs  "
                      "application/json; charset=utf-8");
    CHECK(diffs[2].rfind("       body: ", 0) == 0);
    CHECK(diffs[2].find("requestId") != std::string::npos);
    CHECK(lines_starting(replay, "DIFF ").size() == 3);
    CHECK(lines_starting(replay, "SAME ").size() == 2);
    CHECK(
        replay.find("5 recorded case(s): 2 same, 3 different (3 difference(s)), 0 not replayed") !=
        std::string::npos);
    fs::remove_all(root);
}

TEST_CASE("record: the shipped hand-written recording replays against the emulator without a "
          "difference") {
    push::test_support::emulator_process emu;
    int status = -1;
    auto out = conformance("--replay " PUSH_SOURCE_DIR "/fixtures/recordings/facts --target "
                           "http://127.0.0.1:" +
                               std::to_string(emu.port()),
                           status);
    CAPTURE(out);
    CHECK(status == 0);
    CHECK(out.find("7 recorded case(s): 7 same, 0 different") != std::string::npos);
    CHECK(out.find("written by hand") != std::string::npos);
}

TEST_CASE("record: a broken recording is named by file and JSON pointer") {
    auto root = fs::temp_directory_path() / "push-conf-recording-broken";
    fs::remove_all(root);
    fs::create_directories(root / "cases");
    std::ofstream(root / "recording.json")
        << R"({"format":"push-conformance recording 1","target":"t","recorded_at":"r",
               "made_by":"m","cases":["a/001"]})";
    std::ofstream(root / "cases" / "a-001.json")
        << R"({"id":"a/001","rules":[],"description":"d","fixture":"f",
               "exchanges":[{"request":{"path":"/push.json"},"response":{"status":"200"}}]})";
    auto r = read_recording(root.string());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().describe() == (root / "cases" / "a-001.json").string() +
                                      ": /exchanges/0/response/status: must be an integer");
    std::ofstream(root / "recording.json") << R"({"format":"other"})";
    r = read_recording(root.string());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().pointer == "/format");
    fs::remove_all(root);
}
