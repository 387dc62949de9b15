// The skeleton shared by the reference servers of `scripts/bench --compare`: a single-threaded
// Boost.Beast HTTP/1.1 server (Beast's http_server_awaitable, with Boost 1.81 completion tokens)
// with keep-alive, on 127.0.0.1 and the port given on the command line. Each reference supplies
// only the function that turns a request into a response, so the two differ by exactly the work
// they do per request.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string_view>

namespace push::bench {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

inline constexpr auto token = net::as_tuple(net::use_awaitable);
inline constexpr std::string_view json_content_type = "application/json; charset=utf-8";

/// A JSON answer with the version and keep-alive of the request it answers.
inline response json_response(request const& req, http::status status, std::string_view body) {
    response res{status, req.version()};
    res.set(http::field::content_type, json_content_type);
    res.body() = body;
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    return res;
}

/// Serves requests on one connection until the peer closes, asks to close or an error happens.
template <class Handler>
net::awaitable<void> run_session(beast::tcp_stream stream, Handler& handle) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        stream.expires_after(std::chrono::seconds(30));
        // Read a request
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, token);
        if (ec)
            break; // end_of_stream, a timeout or a reset: nothing to answer
        auto res = handle(parser.get());
        // Send the response
        auto [wec, wn] = co_await http::async_write(stream, res, token);
        if (wec || !res.keep_alive())
            break;
    }
    // Close the connection
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

template <class Handler> net::awaitable<void> accept_loop(tcp::acceptor acceptor, Handler& handle) {
    for (;;) {
        // Accept a connection
        auto [ec, socket] = co_await acceptor.async_accept(token);
        if (ec == net::error::operation_aborted)
            co_return;
        if (ec)
            continue;
        // Serve it in its own coroutine
        net::co_spawn(acceptor.get_executor(),
                      run_session(beast::tcp_stream(std::move(socket)), handle), net::detached);
    }
}

/// Listens on 127.0.0.1:`port_arg` (0 picks a free port), prints "listening on
/// http://127.0.0.1:PORT", then serves with `handle` on one thread until killed.
template <class Handler> int serve(std::string_view port_arg, Handler handle) {
    unsigned short port = 0;
    auto [end, perr] = std::from_chars(port_arg.data(), port_arg.data() + port_arg.size(), port);
    if (perr != std::errc{} || end != port_arg.data() + port_arg.size()) {
        std::cerr << "invalid port: " << port_arg << '\n';
        return 2;
    }
    try {
        net::io_context ioc(1);
        tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), port});
        std::cout << "listening on http://127.0.0.1:" << acceptor.local_endpoint().port()
                  << std::endl;
        net::co_spawn(ioc, accept_loop(std::move(acceptor), handle), net::detached);
        ioc.run();
    } catch (std::exception const& e) {
        std::cerr << "cannot serve: " << e.what() << '\n';
        return 1;
    }
    return EXIT_SUCCESS;
}

} // namespace push::bench
