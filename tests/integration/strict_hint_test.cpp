// The strict profile as an official SDK meets it: its user sees the SDK's own "check your App Key"
// text, so the emulator's answer and its log line both say what to change.
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace push::test_support;

TEST_CASE(
    "auth/timestamp-format: in the strict profile an SDK's seconds timestamp answers 401/1004 "
    "saying to run the lenient profile, and the log line carries the same hint") {
    emulator_process emu({"--profile", "strict"});
    auto const seconds = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
    {
        http_client c(emu.port());
        auto r = c.post("/push.json",
                        signed_headers("emulator-key", "emulator-secret", "12345", seconds),
                        R"({"platform":["ios"],"audience":{"is_to_all":true},)"
                        R"("notification":{"alert":"hi"}})");
        CHECK(r.status == 401);
        CHECK(r.code() == 1004);
        CHECK(r.error_message().find("official SDKs send seconds: run the lenient profile") !=
              std::string::npos);
    }
    emu.stop();
    auto const log = emu.stderr_text();
    CHECK(log.find(" 401 code=1004 app=emulator-key rule=auth/timestamp-format ") !=
          std::string::npos);
    CHECK(log.find(" hint=\"official SDKs send seconds: run the lenient profile") !=
          std::string::npos);
}
