// The server's open connections: how many there are, and which of them wait idle for a request,
// oldest first. When --max-connections is reached, the accept loop closes the connection that
// has been idle the longest, so clients that are working keep being served.
#pragma once

#include "core/model/state.hpp"

#include <cstddef>
#include <functional>
#include <list>

namespace push::transport {

class connection_table {
    struct record {
        std::function<void()> close;
        bool idle = false;
        bool closed = false;
        std::list<record*>::iterator idle_pos;
    };

public:
    /// A table of at most `max_connections`, keeping `stats` up to date.
    connection_table(core::transport_stats& stats, std::size_t max_connections)
        : stats_(stats), max_(max_connections) {}
    connection_table(connection_table const&) = delete;
    connection_table& operator=(connection_table const&) = delete;

    /// One connection's place in the table, for as long as its session runs.
    class slot {
    public:
        /// Registers a connection; `close` closes its socket (it must stay valid while the slot
        /// lives).
        slot(connection_table& table, std::function<void()> close);
        ~slot();
        slot(slot const&) = delete;
        slot& operator=(slot const&) = delete;

        /// The connection waits for the first byte of a request: it may be closed for room.
        void idle();
        /// The connection reads a request or answers one.
        void busy();
        /// True once the table closed the connection to make room.
        bool closed() const noexcept { return rec_.closed; }

    private:
        connection_table& table_;
        record rec_;
    };

    /// Connections that hold a socket (those closed for room no longer count).
    std::size_t open() const noexcept { return stats_.connections; }
    std::size_t idle() const noexcept { return idle_.size(); }
    std::size_t max() const noexcept { return max_; }
    bool full() const noexcept { return stats_.connections >= max_; }
    /// Closes the connection idle the longest; false when none is idle.
    bool close_oldest_idle();

private:
    void count_idle() noexcept { stats_.idle_connections = idle_.size(); }

    core::transport_stats& stats_;
    std::size_t max_;
    std::list<record*> idle_; // front: idle the longest
};

} // namespace push::transport
