// The listening socket and the loop that gives each accepted connection its own session.
#pragma once

#include "transport/net.hpp"
#include "transport/session.hpp"
#include "transport/tls.hpp"

#include <boost/system/result.hpp>

namespace push::transport {

/// Opens, binds (with SO_REUSEADDR) and listens on `endpoint`; the error of the step that failed.
/// Port 0 binds a free port: read it from local_endpoint().
boost::system::result<tcp::acceptor> open_acceptor(net::io_context& ioc,
                                                   tcp::endpoint const& endpoint);

/// Raises the soft limit of open files to the hard one, and answers how many connections fit in
/// it with room for the server's own files: `wanted`, or fewer (then `log` says so).
std::size_t fit_open_file_limit(std::size_t wanted, logger& log);

/// Accepts connections until the acceptor is closed and co_spawns one run_session per socket,
/// over TLS with `tls` when it is given. One I/O thread runs them all (CppCon2018's implicit
/// strand), so they need no strand each. Every listener shares `ctx`: one state, one table of
/// connections.
net::awaitable<void> accept_loop(tcp::acceptor acceptor, session_context& ctx,
                                 listener_info where = {}, ssl::context* tls = nullptr);

} // namespace push::transport
