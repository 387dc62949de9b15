#include "transport/listener.hpp"

namespace push::transport {

namespace {
constexpr auto token = net::as_tuple(net::use_awaitable);
} // namespace

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

net::awaitable<void> accept_loop(tcp::acceptor acceptor, session_context& ctx) {
    for (;;) {
        // Accept a connection (one I/O thread: sessions need no strand of their own)
        auto [ec, socket] = co_await acceptor.async_accept(token);
        if (ec == net::error::operation_aborted)
            co_return;
        if (ec) {
            // Out of descriptors, for instance: wait a little instead of spinning
            ctx.log.write(log_level::warn, "accept failed: " + ec.message());
            net::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(100));
            co_await pause.async_wait(token);
            continue;
        }
        auto executor = socket.get_executor();
        // Serve it in its own coroutine; run_session logs its own failures
        net::co_spawn(executor, run_session(beast::tcp_stream(tcp::socket(std::move(socket))), ctx),
                      [&log = ctx.log](std::exception_ptr e) {
                          if (e)
                              log.write(log_level::error, "connection ended by an exception");
                      });
    }
}

} // namespace push::transport
