// One running case: the fixture, the result being filled in, the app and clock it runs with, and
// the target it talks to. Every exchange goes through send(), which records it for the reports.
#pragma once

#include "conformance/fixture/fixture.hpp"
#include "conformance/run/case_result.hpp"
#include "conformance/target/signature.hpp"
#include "conformance/target/target.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace push::conformance {

struct case_context {
    /// Starts a case on `to`; the credentials are the target's until an emulator app replaces
    /// them. `now` reads the wall clock in ms.
    case_context(target const& to, std::chrono::milliseconds timeout,
                 std::function<std::int64_t()> const& now, fixture const& f, case_result& res);

    bool on_emulator() const noexcept { return to.kind == target_kind::emulator; }

    /// Sends `req` and records the exchange as reports show it: secrets redacted from bodies,
    /// the control token hidden, on real targets the signature too, with a curl command that
    /// reproduces it. `sig` is what the request was signed with (nullptr: unsigned).
    exchange_result send(std::string const& kind, outgoing_request const& req,
                         signature_values const* sig);

    target const& to;
    std::chrono::milliseconds timeout;
    std::function<std::int64_t()> const& now;
    fixture const& f;
    case_result& res;
    credentials creds;
    std::string app_key;
    std::int64_t clock_offset = 0; // target clock minus wall clock, in ms
    bool clock_touched = false;    // the case moved the emulator clock (reset at cleanup)
};

} // namespace push::conformance
