#include "conformance/target/http_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
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

bool same_name(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string const* find_header(header_list const& headers, std::string_view name) {
    for (auto const& [n, v] : headers)
        if (same_name(n, name))
            return &v;
    return nullptr;
}

namespace {

using message = http::request<http::string_body>;
using answer = net::awaitable<result<incoming_response>>;

message build(endpoint const& to, outgoing_request const& req) {
    message r;
    r.version(11);
    r.method_string(req.method);
    r.target(to.base + req.target);
    bool has_host = false;
    for (auto const& [n, v] : req.headers)
        has_host = has_host || same_name(n, "Host");
    if (!has_host)
        r.set(http::field::host, to.host);
    r.set(http::field::user_agent, "push-conformance");
    for (auto const& [n, v] : req.headers)
        r.insert(n, v);
    if (req.body) {
        r.body() = *req.body;
        r.prepare_payload();
    }
    return r;
}

incoming_response convert(http::response<http::string_body>&& res) {
    incoming_response out;
    out.status = static_cast<int>(res.result_int());
    for (auto const& f : res)
        out.headers.emplace_back(f.name_string(), f.value());
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

// A problem that is its own cause (no URL or stage to add).
problem plain(std::string text) {
    auto cause = text;
    return fail(std::move(text), std::move(cause));
}

// Why the connection could not be opened: "cannot connect to <url>: <cause>".
problem connect_error(endpoint const& to, beast::error_code const& ec,
                      std::chrono::milliseconds timeout) {
    auto cause =
        ec == beast::error::timeout
            ? "timed out after " + std::to_string(timeout.count()) + " ms (the request timeout)"
            : ec.message();
    return fail("cannot connect to " + to.url() + ": " + cause, cause);
}

constexpr auto as_result = net::as_tuple(net::use_awaitable);

// The causes of a read that ended without a whole answer, and what exchange_result::ended
// calls them.
constexpr std::pair<std::string_view, std::string_view> endings[] = {
    {"connection closed without an answer", "closed"},
    {"connection reset", "reset"},
    {"answer cut short: the connection closed within it", "truncated"}};

// A read error that is one of `endings`, or a plain stage error.
problem read_error(beast::error_code const& ec, bool got_bytes, std::chrono::milliseconds timeout) {
    if (ec == http::error::end_of_stream || (ec == net::error::eof && !got_bytes))
        return plain(std::string(endings[0].first));
    if (ec == net::error::connection_reset)
        return plain(std::string(endings[1].first));
    if (ec == http::error::partial_message || ec == net::error::eof ||
        ec == net::ssl::error::stream_truncated)
        return plain(std::string(got_bytes ? endings[2].first : endings[0].first));
    return plain(stage_error("read", ec, timeout));
}

// Write the request and read the response on an open stream. The stream's deadline (set before
// connecting) bounds every operation.
template <class Stream>
answer exchange(Stream& stream, message const& req, std::chrono::milliseconds timeout) {
    auto [write_ec, written] = co_await http::async_write(stream, req, as_result);
    (void)written;
    if (write_ec)
        co_return plain(stage_error("write", write_ec, timeout));
    beast::flat_buffer buffer;
    // Read the response, skipping interim 1xx ones (100 Continue after Expect: 100-continue).
    for (int interim = 0; interim < 8; ++interim) {
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, as_result);
        if (read_ec)
            co_return read_error(read_ec, read > 0 || parser.got_some(), timeout);
        if (parser.get().result_int() / 100 == 1 && parser.get().result_int() != 101)
            continue;
        co_return convert(parser.release());
    }
    co_return plain("too many interim responses");
}

// Connect over plain TCP, then exchange one request and response.
answer exchange_plain(tcp::resolver::results_type results, endpoint const& to, message const& req,
                      std::chrono::milliseconds timeout) {
    beast::tcp_stream stream(co_await net::this_coro::executor);
    stream.expires_after(timeout);
    auto [connect_ec, peer] = co_await stream.async_connect(results, as_result);
    (void)peer;
    if (connect_ec)
        co_return connect_error(to, connect_ec, timeout);
    auto response = co_await exchange(stream, req, timeout);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return response;
}

// Connect, handshake with system CA verification, then exchange.
answer exchange_tls(tcp::resolver::results_type results, endpoint const& to, message const& req,
                    std::chrono::milliseconds timeout) {
    beast::error_code ec;
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_default_verify_paths(ec);
    if (!to.ca_file.empty()) {
        ctx.load_verify_file(to.ca_file, ec);
        if (ec)
            co_return plain("--cacert: cannot read " + to.ca_file + ": " + ec.message());
    }
    ctx.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(co_await net::this_coro::executor, ctx);
    // Name the server (SNI) and verify its certificate against the host name.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), to.host.c_str()))
        co_return plain("cannot set TLS server name");
    stream.set_verify_callback(ssl::host_name_verification(to.host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    auto [connect_ec, peer] =
        co_await beast::get_lowest_layer(stream).async_connect(results, as_result);
    (void)peer;
    if (connect_ec)
        co_return connect_error(to, connect_ec, timeout);
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::client, as_result);
    if (handshake_ec) {
        auto cause = stage_error("TLS handshake", handshake_ec, timeout);
        co_return fail("TLS handshake with " + to.host + ": " + cause, cause);
    }
    auto response = co_await exchange(stream, req, timeout);
    // A peer that just closes is fine; one that never answers the close costs at most a second.
    beast::get_lowest_layer(stream).expires_after(
        std::min(timeout, std::chrono::milliseconds(1000)));
    auto [shutdown_ec] = co_await stream.async_shutdown(as_result);
    (void)shutdown_ec;
    co_return response;
}

// Resolve the host, then run the exchange to its end on a private io_context.
result<incoming_response> resolve_and_exchange(endpoint const& to, outgoing_request const& req,
                                               std::chrono::milliseconds timeout) {
    net::io_context ioc;
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(to.host, to.port, ec);
    if (ec)
        return fail("cannot resolve " + to.host + ": " + ec.message(), ec.message());
    auto msg = build(to, req);
    result<incoming_response> out = plain("the exchange did not finish");
    // co_spawn reports an escaped exception as an exception_ptr; it becomes a problem here.
    auto done = [&](std::exception_ptr failure, result<incoming_response> response) {
        if (!failure) {
            out = std::move(response);
            return;
        }
        try {
            std::rethrow_exception(failure);
        } catch (std::exception const& e) {
            out = plain(std::string("exchange failed: ") + e.what());
        }
    };
    if (to.tls)
        net::co_spawn(ioc, exchange_tls(results, to, msg, timeout), done);
    else
        net::co_spawn(ioc, exchange_plain(results, to, msg, timeout), done);
    ioc.run();
    return out;
}

} // namespace

exchange_result send_request(endpoint const& to, outgoing_request const& req,
                             std::chrono::milliseconds timeout) {
    auto started = std::chrono::steady_clock::now();
    exchange_result out;
    out.response = resolve_and_exchange(to, req, timeout);
    if (!out.response)
        for (auto const& [cause, name] : endings)
            if (out.response.error().cause == cause)
                out.ended = name;
    out.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    return out;
}

} // namespace push::conformance
