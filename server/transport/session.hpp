// One HTTP/1.x connection, served by one coroutine (Beast's http_server_awaitable, with Boost 1.81
// completion tokens): keep-alive, Connection: close, HTTP/1.0, pipelining, chunked bodies and
// Expect: 100-continue all work (http/keep-alive).
#pragma once

#include "core/model/state.hpp"
#include "transport/connections.hpp"
#include "transport/log.hpp"
#include "transport/net.hpp"
#include "transport/waits.hpp"

#include <chrono>
#include <string>

namespace push::transport {

/// What every session shares: the state owned by main (one I/O thread, so no locks), the log,
/// the timeouts, the table of open connections and the long polls in progress.
struct session_context {
    core::emulator_state& state;
    logger& log;
    /// Limit for reading the rest of a request once it has begun, and for writing one answer.
    std::chrono::steady_clock::duration read_timeout = std::chrono::seconds(30);
    /// How long a connection may wait for the first byte of its next request.
    std::chrono::steady_clock::duration idle_timeout = std::chrono::seconds(10);
    connection_table connections{state.transport, 512};
    wait_list waits{state.transport, 128};
};

/// Which listener a connection came in on: its name, recorded with every request it accepts
/// (the journal's origin), and the host of the service it stands for.
struct listener_info {
    std::string name = "primary";
    core::service_host host = core::service_host::primary;
};

/// The wall clock in milliseconds since the Unix epoch: the one clock the server reads, once per
/// request (the core turns it into emulator time).
core::time_ms wall_clock_ms();

/// Serves requests on `stream` until the peer closes, a request asks to close, a timeout expires
/// or an I/O error happens. Never throws: an exception is logged and ends only this connection.
/// Instantiated for beast::tcp_stream (the server) and beast::test::stream (session tests).
template <class Stream>
net::awaitable<void> run_session(Stream stream, session_context& ctx, listener_info where = {});

} // namespace push::transport
