// Before a run: does the target answer GET /_emulator/health like the emulator? A real endpoint
// must never be hit by accident, and an unreachable target stops the run before it starts.
#pragma once

#include "conformance/result.hpp"
#include "conformance/target/endpoint.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace push::conformance {

/// What a target that answers the health probe is.
enum class probe_answer {
    emulator, // answers like the emulator
    other     // answers, but not like the emulator (the real endpoint, another server)
};

/// Probes `at` with GET /_emulator/health within `timeout`; fails when no answer comes (refused,
/// timed out, TLS failure...) with "cannot reach <url>: <cause>".
result<probe_answer> probe_emulator(endpoint const& at, std::optional<std::string> const& token,
                                    std::chrono::milliseconds timeout);

} // namespace push::conformance
