#include "transport/listener.hpp"

#include <sys/resource.h>

namespace push::transport {

namespace {
constexpr auto token = net::as_tuple(net::use_awaitable);
/// Files the server keeps besides its connections: stdio, the listener, the event loop, logs.
constexpr std::size_t reserved_files = 32;
} // namespace

std::size_t fit_open_file_limit(std::size_t wanted, logger& log) {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return wanted;
    if (lim.rlim_cur < lim.rlim_max) {
        rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            lim = raised;
    }
    if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= wanted + reserved_files)
        return wanted;
    auto const fits = lim.rlim_cur > reserved_files + 1 ? lim.rlim_cur - reserved_files : 1;
    log.write(log_level::warn, "--max-connections " + std::to_string(wanted) + " is more than " +
                                   std::to_string(lim.rlim_cur) +
                                   " open files allow: serving at most " + std::to_string(fits));
    return fits;
}

boost::system::result<tcp::acceptor> open_acceptor(net::io_context& ioc,
                                                   tcp::endpoint const& endpoint) {
    tcp::acceptor acceptor(ioc);
    beast::error_code ec;
    // Open the acceptor
    acceptor.open(endpoint.protocol(), ec);
    if (ec)
        return ec;
    // Allow address reuse, so a restart does not wait for TIME_WAIT
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (ec)
        return ec;
    // Bind to the server address
    acceptor.bind(endpoint, ec);
    if (ec)
        return ec;
    // Start listening for connections
    acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return ec;
    return acceptor;
}

net::awaitable<void> accept_loop(tcp::acceptor acceptor, session_context& ctx, listener_info where,
                                 ssl::context* tls) {
    net::steady_timer pause(acceptor.get_executor());
    for (;;) {
        // At --max-connections, make room by closing the connection idle the longest; when every
        // connection is working, leave new ones in the listen queue for a moment
        if (ctx.connections.full() && !ctx.connections.close_oldest_idle()) {
            pause.expires_after(std::chrono::milliseconds(10));
            co_await pause.async_wait(token);
            continue;
        }
        // Accept a connection (one I/O thread: sessions need no strand of their own)
        auto [ec, socket] = co_await acceptor.async_accept(token);
        if (ec == net::error::operation_aborted)
            co_return;
        if (ec) {
            // Out of descriptors, for instance: wait a little instead of spinning
            ctx.log.write(log_level::warn, "accept failed: " + ec.message());
            pause.expires_after(std::chrono::milliseconds(100));
            co_await pause.async_wait(token);
            continue;
        }
        auto executor = socket.get_executor();
        auto on_end = [&log = ctx.log](std::exception_ptr e) {
            if (e)
                log.write(log_level::error, "connection ended by an exception");
        };
        // Serve it in its own coroutine; run_session logs its own failures
        if (tls)
            net::co_spawn(
                executor,
                run_session(tls_stream(beast::tcp_stream(std::move(socket)), *tls), ctx, where),
                on_end);
        else
            net::co_spawn(executor, run_session(beast::tcp_stream(std::move(socket)), ctx, where),
                          on_end);
    }
}

} // namespace push::transport
