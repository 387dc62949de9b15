// Time in the core: a number passed in, never a clock read (STYLE: "Time is a value").
#pragma once

#include <cstdint>

namespace push::core {

/// Milliseconds since the Unix epoch. Core never reads a clock: time is always passed in.
using time_ms = std::int64_t;

} // namespace push::core
