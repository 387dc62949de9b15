#include "core/model/clock.hpp"

namespace push::core {

void virtual_clock::set(time_ms to, time_ms real) noexcept {
    if (frozen_)
        frozen_ = to;
    else
        offset_ = to - real;
}

void virtual_clock::advance(time_ms delta, time_ms real) noexcept {
    set(now(real) + delta, real);
}

void virtual_clock::freeze(time_ms real) noexcept {
    if (!frozen_)
        frozen_ = now(real);
}

void virtual_clock::resume(time_ms real) noexcept {
    if (frozen_) {
        offset_ = *frozen_ - real;
        frozen_.reset();
    }
}

void virtual_clock::reset() noexcept {
    offset_ = 0;
    frozen_.reset();
}

} // namespace push::core
