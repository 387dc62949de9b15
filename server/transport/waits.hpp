// Long polls (GET /_emulator/journal/wait) in progress: each sleeps until its deadline and is
// woken when a request that may have added to the journal has been answered, so no waiter asks
// the core again on a timer. Their number is capped (--max-waits).
#pragma once

#include "core/model/state.hpp"
#include "transport/net.hpp"

#include <cstddef>
#include <list>

namespace push::transport {

class wait_list {
public:
    /// A list of at most `max_waits`, keeping `stats` up to date.
    wait_list(core::transport_stats& stats, std::size_t max_waits)
        : stats_(stats), max_(max_waits) {}
    wait_list(wait_list const&) = delete;
    wait_list& operator=(wait_list const&) = delete;

    /// One waiter's registration, for as long as it waits: its timer is cancelled on wake.
    class entry {
    public:
        entry(wait_list& list, net::steady_timer& timer)
            : list_(list), pos_(list.timers_.insert(list.timers_.end(), &timer)) {
            list_.stats_.waits = list_.timers_.size();
        }
        ~entry() {
            list_.timers_.erase(pos_);
            list_.stats_.waits = list_.timers_.size();
        }
        entry(entry const&) = delete;
        entry& operator=(entry const&) = delete;

    private:
        wait_list& list_;
        std::list<net::steady_timer*>::iterator pos_;
    };

    bool full() const noexcept { return timers_.size() >= max_; }
    std::size_t size() const noexcept { return timers_.size(); }
    std::size_t max() const noexcept { return max_; }
    /// Wakes every waiter: each asks the core again whether what it waits for happened.
    void wake_all() {
        for (auto* t : timers_)
            t->cancel();
    }

private:
    core::transport_stats& stats_;
    std::size_t max_;
    std::list<net::steady_timer*> timers_;
};

} // namespace push::transport
