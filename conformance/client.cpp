#include "conformance/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <cctype>
#include <exception>

namespace push::conformance {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

std::string endpoint::url() const {
    std::string u = tls ? "https://" : "http://";
    u += host;
    if (port != (tls ? "443" : "80")) u += ":" + port;
    return u + base;
}

std::optional<endpoint> parse_endpoint(std::string const& url, std::string& why) {
    endpoint e;
    std::string_view rest = url;
    if (rest.rfind("https://", 0) == 0) {
        e.tls = true;
        rest.remove_prefix(8);
    } else if (rest.rfind("http://", 0) == 0) {
        rest.remove_prefix(7);
    } else {
        why = "the URL must start with http:// or https://";
        return std::nullopt;
    }
    auto slash = rest.find('/');
    auto authority = rest.substr(0, slash);
    e.base = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
    while (!e.base.empty() && e.base.back() == '/') e.base.pop_back();
    auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        e.host = std::string(authority.substr(0, colon));
        e.port = std::string(authority.substr(colon + 1));
    } else {
        e.host = std::string(authority);
        e.port = e.tls ? "443" : "80";
    }
    if (e.host.size() > 2 && e.host.front() == '[' && e.host.back() == ']')
        e.host = e.host.substr(1, e.host.size() - 2);
    bool digits = !e.port.empty() && e.port.size() <= 5 &&
                  e.port.find_first_not_of("0123456789") == std::string::npos;
    if (e.host.empty() || !digits) {
        why = "the URL needs a host and a numeric port";
        return std::nullopt;
    }
    return e;
}

bool same_name(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string const* incoming_response::header(std::string_view name) const {
    for (auto const& [n, v] : headers)
        if (same_name(n, name)) return &v;
    return nullptr;
}

namespace {

http::request<http::string_body> build(endpoint const& to, outgoing_request const& req) {
    http::request<http::string_body> r;
    r.version(11);
    r.method_string(req.method);
    r.target(to.base + req.target);
    bool has_host = false;
    for (auto const& [n, v] : req.headers) has_host = has_host || same_name(n, "Host");
    if (!has_host) r.set(http::field::host, to.host);
    r.set(http::field::user_agent, "push-conformance");
    for (auto const& [n, v] : req.headers) r.insert(n, v);
    if (req.body) {
        r.body() = *req.body;
        r.prepare_payload();
    }
    return r;
}

incoming_response convert(http::response<http::string_body>&& res) {
    incoming_response out;
    out.status = static_cast<int>(res.result_int());
    for (auto const& f : res) out.headers.emplace_back(f.name_string(), f.value());
    out.body = std::move(res.body());
    return out;
}

// What went wrong in one stage of an exchange; a timeout names the limit that ran out.
std::string stage_error(std::string_view stage, beast::error_code const& ec,
                        std::chrono::milliseconds timeout) {
    if (ec == beast::error::timeout)
        return std::string(stage) + " timed out after " + std::to_string(timeout.count()) +
               " ms (the request timeout)";
    return std::string(stage) + " failed: " + ec.message();
}

constexpr auto as_result = net::as_tuple(net::use_awaitable);

// Write the request and read the response on an open stream; empty string on success. The
// stream's deadline (set before connecting) bounds every operation.
template <class Stream>
net::awaitable<std::string> exchange(Stream& stream, http::request<http::string_body> const& req,
                                     std::chrono::milliseconds timeout,
                                     incoming_response& out) {
    auto [write_ec, written] = co_await http::async_write(stream, req, as_result);
    (void)written;
    if (write_ec) co_return stage_error("write", write_ec, timeout);
    beast::flat_buffer buffer;
    // Read the response, skipping interim 1xx ones (100 Continue after Expect: 100-continue).
    for (int interim = 0; interim < 8; ++interim) {
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, as_result);
        (void)read;
        if (read_ec) co_return stage_error("read", read_ec, timeout);
        if (parser.get().result_int() / 100 == 1 && parser.get().result_int() != 101) continue;
        out = convert(parser.release());
        co_return std::string{};
    }
    co_return std::string("too many interim responses");
}

// Why the connection could not be opened: the cause alone ("Connection refused", "timed out
// after 200 ms") goes to `cause`, the full message is returned.
std::string connect_error(endpoint const& to, beast::error_code const& ec,
                          std::chrono::milliseconds timeout, std::string& cause) {
    cause = ec == beast::error::timeout
                ? "timed out after " + std::to_string(timeout.count()) + " ms (the request timeout)"
                : ec.message();
    return "cannot connect to " + to.url() + ": " + cause;
}

// Connect over plain TCP, then exchange one request and response; empty string on success.
net::awaitable<std::string> exchange_plain(tcp::resolver::results_type results,
                                           endpoint const& to,
                                           http::request<http::string_body> const& message,
                                           std::chrono::milliseconds timeout,
                                           incoming_response& response, std::string& cause) {
    beast::tcp_stream stream(co_await net::this_coro::executor);
    stream.expires_after(timeout);
    auto [connect_ec, peer] = co_await stream.async_connect(results, as_result);
    (void)peer;
    if (connect_ec) co_return connect_error(to, connect_ec, timeout, cause);
    auto error = co_await exchange(stream, message, timeout, response);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return error;
}

// Connect, handshake with system CA verification, then exchange; empty string on success.
net::awaitable<std::string> exchange_tls(tcp::resolver::results_type results, endpoint const& to,
                                         http::request<http::string_body> const& message,
                                         std::chrono::milliseconds timeout,
                                         incoming_response& response, std::string& cause) {
    beast::error_code ec;
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_default_verify_paths(ec);
    ctx.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(co_await net::this_coro::executor, ctx);
    // Name the server (SNI) and verify its certificate against the host name.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), to.host.c_str()))
        co_return std::string("cannot set TLS server name");
    stream.set_verify_callback(ssl::host_name_verification(to.host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    auto [connect_ec, peer] =
        co_await beast::get_lowest_layer(stream).async_connect(results, as_result);
    (void)peer;
    if (connect_ec) co_return connect_error(to, connect_ec, timeout, cause);
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::client, as_result);
    if (handshake_ec) {
        cause = stage_error("TLS handshake", handshake_ec, timeout);
        co_return "TLS handshake with " + to.host + ": " + cause;
    }
    auto error = co_await exchange(stream, message, timeout, response);
    // A peer that just closes is fine; one that never answers the close costs at most a second.
    beast::get_lowest_layer(stream).expires_after(std::min(timeout, std::chrono::milliseconds(1000)));
    auto [shutdown_ec] = co_await stream.async_shutdown(as_result);
    (void)shutdown_ec;
    co_return error;
}

} // namespace

exchange_result send_request(endpoint const& to, outgoing_request const& req,
                             std::chrono::milliseconds timeout) {
    exchange_result result;
    auto started = std::chrono::steady_clock::now();
    net::io_context ioc;
    beast::error_code ec;
    // Resolve the host.
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(to.host, to.port, ec);
    if (ec) {
        result.cause = ec.message();
        result.error = "cannot resolve " + to.host + ": " + result.cause;
    } else {
        auto message = build(to, req);
        incoming_response response;
        auto done = [&](std::exception_ptr failure, std::string error) {
            if (failure) {
                try {
                    std::rethrow_exception(failure);
                } catch (std::exception const& e) {
                    error = std::string("exchange failed: ") + e.what();
                }
            }
            result.error = std::move(error);
        };
        if (to.tls)
            net::co_spawn(ioc, exchange_tls(results, to, message, timeout, response, result.cause),
                          done);
        else
            net::co_spawn(ioc,
                          exchange_plain(results, to, message, timeout, response, result.cause),
                          done);
        ioc.run();
        if (result.error.empty()) result.response = std::move(response);
        else if (result.cause.empty()) result.cause = result.error;
    }
    result.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
    return result;
}

} // namespace push::conformance
