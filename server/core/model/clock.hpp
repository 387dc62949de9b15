// The emulator's virtual clock: real time passed in, shifted, set or frozen by the control API.
// It drives quota windows, the 30-day rule, journal times and the strict timestamp window.
#pragma once

#include "core/model/time.hpp"

#include <optional>

namespace push::core {

class virtual_clock {
public:
    /// Emulator time for a real time read by transport.
    time_ms now(time_ms real) const noexcept { return frozen_ ? *frozen_ : real + offset_; }

    bool frozen() const noexcept { return frozen_.has_value(); }
    time_ms offset() const noexcept { return offset_; }

    /// Jump to `to`; a frozen clock stays frozen there.
    void set(time_ms to, time_ms real) noexcept;
    /// Move forward (or back, with a negative delta) by `delta` milliseconds.
    void advance(time_ms delta, time_ms real) noexcept;
    /// Stop the clock at its current time.
    void freeze(time_ms real) noexcept;
    /// Let a frozen clock run again from where it stands.
    void resume(time_ms real) noexcept;
    /// Back to real time.
    void reset() noexcept;

private:
    time_ms offset_ = 0;
    std::optional<time_ms> frozen_;
};

} // namespace push::core
