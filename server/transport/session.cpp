#include "transport/session.hpp"

#include "core/model/text.hpp"
#include "core/public_api/admission.hpp"
#include "core/router.hpp"
#include "transport/adapt.hpp"
#include "transport/tls.hpp"

#include <boost/beast/_experimental/test/stream.hpp>

#include <type_traits>

namespace push::transport {

namespace {

using namespace std::chrono_literals;
using request_parser = http::request_parser<http::string_body>;
constexpr auto token = net::as_tuple(net::use_awaitable);
/// The first read of a request takes up to this many bytes (a header and a small body).
constexpr std::size_t first_read = 8192;
/// A connection closed with request bytes still unread is drained for at most this long, so the
/// peer sees our answer instead of a reset.
constexpr auto linger_time = 2s;

// Timeouts and closing differ between a TCP stream and a test stream (which has no timer).
void arm_timeout(beast::tcp_stream& s, std::chrono::steady_clock::duration d) {
    s.expires_after(d);
}
void arm_timeout(beast::test::stream&, std::chrono::steady_clock::duration) {}

/// Aborts the connection with a TCP RST (a `reset` fault): linger on, with no time.
void reset_now(beast::tcp_stream& s) {
    beast::error_code ec;
    s.socket().set_option(net::socket_base::linger(true, 0), ec);
    s.socket().close(ec);
}
void reset_now(beast::test::stream& s) {
    s.close();
}

/// Closes the socket at once (the table makes room, or the server stops).
void close_now(beast::tcp_stream& s) {
    s.close();
}
void close_now(beast::test::stream& s) {
    s.close();
}

// An HTTPS connection does each of these on its TCP stream.
void arm_timeout(tls_stream& s, std::chrono::steady_clock::duration d) {
    arm_timeout(beast::get_lowest_layer(s), d);
}
void reset_now(tls_stream& s) {
    reset_now(beast::get_lowest_layer(s));
}
void close_now(tls_stream& s) {
    close_now(beast::get_lowest_layer(s));
}

/// Whether the peer of a long poll left, watched while the session waits without reading.
struct peer_watch {
    bool gone = false;
    bool done = false; // the wait is over: the handler must not touch the stream or the timer
};

/// Starts watching the socket for the peer's close or reset: then `gone` is set and `timer`
/// cancelled. Bytes that arrive (a pipelined request) end the watch without `gone`.
std::shared_ptr<peer_watch> watch_peer(beast::tcp_stream& s, net::steady_timer& timer) {
    auto w = std::make_shared<peer_watch>();
    s.socket().async_wait(tcp::socket::wait_read, [w, &s, &timer](beast::error_code ec) {
        if (w->done || ec == net::error::operation_aborted)
            return;
        beast::error_code aec;
        if (ec || s.socket().available(aec) == 0 || aec) {
            w->gone = true;
            timer.cancel();
        }
    });
    return w;
}
std::shared_ptr<peer_watch> watch_peer(tls_stream& s, net::steady_timer& timer) {
    return watch_peer(beast::get_lowest_layer(s), timer);
}
std::shared_ptr<peer_watch> watch_peer(beast::test::stream&, net::steady_timer&) {
    return std::make_shared<peer_watch>();
}
void stop_watching(beast::tcp_stream& s, peer_watch& w) {
    w.done = true;
    beast::error_code ec;
    s.socket().cancel(ec);
}
void stop_watching(tls_stream& s, peer_watch& w) {
    stop_watching(beast::get_lowest_layer(s), w);
}
void stop_watching(beast::test::stream&, peer_watch& w) {
    w.done = true;
}

/// Sends FIN, then reads and discards what the peer still sends (for at most linger_time), so
/// that closing with unread bytes does not reset the connection before the answer is read.
net::awaitable<void> close_stream(beast::tcp_stream& s) {
    beast::error_code ec;
    s.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec)
        co_return;
    s.expires_after(linger_time);
    char sink[16 * 1024];
    for (;;) {
        // Drain the peer's remaining bytes until it closes or the linger time is up
        auto [rec, n] = co_await s.async_read_some(net::buffer(sink), token);
        if (rec)
            co_return;
    }
}
net::awaitable<void> close_stream(beast::test::stream& s) {
    s.close();
    co_return;
}
/// Ends TLS with a close_notify (waiting at most a second for the peer's), then closes the
/// socket.
net::awaitable<void> close_stream(tls_stream& s) {
    auto& tcp = beast::get_lowest_layer(s);
    if (!tcp.socket().is_open())
        co_return;
    tcp.expires_after(std::chrono::seconds(1));
    auto [ec] = co_await s.async_shutdown(token);
    (void)ec; // a peer that just closes is fine
    tcp.close();
}

/// The TLS handshake of an HTTPS connection, within the idle time. A failed one is logged at
/// debug and ends only this connection.
net::awaitable<bool> handshake(tls_stream& s, session_context& ctx) {
    beast::get_lowest_layer(s).expires_after(ctx.idle_timeout);
    // Perform the TLS handshake
    auto [ec] = co_await s.async_handshake(ssl::stream_base::server, token);
    if (!ec)
        co_return true;
    ctx.log.write(log_level::debug, "TLS handshake failed: " + ec.message());
    co_return false;
}

/// The client's port, for the journal; 0 for a test stream or a socket already gone.
std::uint16_t remote_port(beast::tcp_stream& s) {
    beast::error_code ec;
    auto const peer = s.socket().remote_endpoint(ec);
    return ec ? 0 : peer.port();
}
std::uint16_t remote_port(tls_stream& s) {
    return remote_port(beast::get_lowest_layer(s));
}
std::uint16_t remote_port(beast::test::stream&) {
    return 0;
}

bool is_expect_continue(http::request_header<> const& h) {
    return h.version() >= 11 && core::iequals(h[http::field::expect], "100-continue");
}

/// body/max-size [D-5]: a declared Content-Length over the limit is refused before any body
/// byte is read (by the core's own rule); a chunked body is stopped by the parser's body limit
/// as it arrives.
core::api_result<void> check_declared_size(request_parser const& parser, session_context& ctx) {
    auto const length = parser.content_length();
    if (!length)
        return {};
    return core::check_body_size(static_cast<std::size_t>(*length), ctx.state.settings);
}

/// The first answer of the core, then, while it asks for a long poll (retry_until, in emulator
/// time), the next ones each time a request that may have added to the journal was answered
/// (wait_list::wake_all), without blocking other sessions. The wait ends at the real time asked
/// at the first answer (even if the emulator clock is frozen), or as soon as the peer leaves.
template <class Stream>
net::awaitable<core::api_response> ask_core(Stream& stream, core::route const& route,
                                            core::api_request const& req, session_context& ctx) {
    auto const first_real = wall_clock_ms();
    auto res = core::handle_routed(route, req, ctx.state, first_real);
    if (!res.retry_until)
        co_return res;
    if (ctx.waits.full())
        co_return core::error_response(
            core::errors::busy("too many long polls in progress (--max-waits " +
                               std::to_string(ctx.waits.max()) + ")"));
    auto const deadline =
        std::chrono::steady_clock::now() +
        std::chrono::milliseconds(*res.retry_until - ctx.state.clock.now(first_real));
    net::steady_timer timer(co_await net::this_coro::executor);
    wait_list::entry entry(ctx.waits, timer);
    auto watch = watch_peer(stream, timer);
    while (res.retry_until && !watch->gone && std::chrono::steady_clock::now() < deadline) {
        // Sleep until the deadline, a wake-up or the peer's leaving; then ask again
        timer.expires_at(deadline);
        co_await timer.async_wait(token);
        if (!watch->gone)
            res = core::handle_routed(route, req, ctx.state, wall_clock_ms());
    }
    stop_watching(stream, *watch);
    co_return res;
}

/// One request in flight: what was read of it, and whether the connection can carry another.
struct exchange {
    core::api_request request;
    core::api_response response;
    unsigned version = 11;
    bool keep_alive = false;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::size_t endpoint_slot = core::unknown_slot; // for the metrics
};

/// Counts an answered exchange in the metrics: by endpoint, status, code and app, and its time.
void count_exchange(session_context& ctx, exchange const& x) {
    auto const [status, code] = status_and_code(x.response);
    auto const elapsed = std::chrono::steady_clock::now() - x.started;
    ctx.state.metrics.count_answer(
        x.response.coverage.requests, x.endpoint_slot, status, code,
        static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()));
}

void log_exchange(session_context& ctx, exchange const& x) {
    if (!ctx.log.enabled(log_level::info))
        return;
    auto const s = summarize(x.response);
    auto const elapsed = std::chrono::steady_clock::now() - x.started;
    ctx.log.request({x.request.method, x.request.target, s.status, s.code, x.response.app_key,
                     s.rule, std::chrono::duration_cast<std::chrono::microseconds>(elapsed), s.hint,
                     core::name_of(x.request.origin.host)});
}

/// The log line of a request a fault met in front of the service: its status (0 when no answer
/// was sent) and the kind.
void log_fault(session_context& ctx, exchange const& x, core::fault_action const& f, int status) {
    if (!ctx.log.enabled(log_level::info))
        return;
    auto const elapsed = std::chrono::steady_clock::now() - x.started;
    auto const* key = x.request.find_header("App-Key");
    ctx.log.request({x.request.method, x.request.target, status, 0, key ? *key : "",
                     "emulator/fault",
                     std::chrono::duration_cast<std::chrono::microseconds>(elapsed),
                     core::name_of(f.kind), core::name_of(x.request.origin.host)});
}

/// What a failed read means for the connection: nothing to answer (the peer left, the idle time
/// ran out, the socket failed) or an error answer before closing.
std::optional<core::api_error> answer_for_read_error(beast::error_code ec, session_context& ctx) {
    if (ec == http::error::end_of_stream)
        return std::nullopt;
    // body/max-size [D-5]: a declared or received body over --max-body.
    if (ec == http::error::body_limit)
        return core::errors::body_too_large(ctx.state.settings.max_body);
    // http/malformed: bytes that are not an HTTP/1.x request.
    if (ec.category() == http::make_error_code(http::error::bad_method).category())
        return malformed_http(ec.message());
    if (ec == beast::error::timeout)
        ctx.log.write(log_level::debug, "connection idle or slow: closing (" + ec.message() + ")");
    else if (ec == net::error::operation_aborted)
        ctx.log.write(log_level::debug, "connection closed to make room");
    else
        ctx.log.write(log_level::debug, "read failed: " + ec.message());
    return std::nullopt;
}

/// Waits `ms` without blocking other sessions (a `delay` fault).
net::awaitable<void> sleep_for(std::uint32_t ms) {
    net::steady_timer timer(co_await net::this_coro::executor);
    timer.expires_after(std::chrono::milliseconds(ms));
    co_await timer.async_wait(token);
}

/// A `truncate` fault: the status line, the headers and half of the body, then the connection
/// closes (Content-Length still announces the whole body).
template <class Stream>
net::awaitable<bool> send_truncated(Stream& stream, exchange& x, std::string const& bytes,
                                    session_context& ctx) {
    auto const head = bytes.find("\r\n\r\n");
    auto const cut =
        head == std::string::npos ? bytes.size() / 2 : head + 4 + (bytes.size() - head - 4) / 2;
    // Send the first part of the response
    auto [ec, n] = co_await net::async_write(stream, net::buffer(bytes.data(), cut), token);
    log_exchange(ctx, x);
    if (ec)
        ctx.log.write(log_level::debug, "write failed: " + ec.message());
    co_return false;
}

template <class Stream>
net::awaitable<bool> send_response(Stream& stream, exchange& x, session_context& ctx) {
    if (x.response.fault && x.response.fault->kind == core::fault_kind::delay)
        co_await sleep_for(x.response.fault->wait_ms);
    auto const bytes = to_wire(x.response, x.version, x.keep_alive, x.request.method == "HEAD");
    arm_timeout(stream, ctx.read_timeout);
    if (x.response.fault && x.response.fault->kind == core::fault_kind::truncate)
        co_return co_await send_truncated(stream, x, bytes, ctx);
    // Send the response
    auto [ec, n] = co_await net::async_write(stream, net::buffer(bytes), token);
    count_exchange(ctx, x);
    log_exchange(ctx, x);
    if (ec) {
        ctx.log.write(log_level::debug, "write failed: " + ec.message());
        co_return false;
    }
    co_return x.keep_alive;
}

/// Reads and discards what the peer sends until it leaves or `d` has passed: a client that
/// gives up is seen at once, whatever it sends before closing (a TLS alert, say).
net::awaitable<void> discard_until_gone(beast::tcp_stream& s, std::chrono::milliseconds d) {
    s.expires_after(d);
    char sink[4096];
    for (;;) {
        // Discard the peer's bytes until it closes or the time is up
        auto [ec, n] = co_await s.async_read_some(net::buffer(sink), token);
        if (ec)
            co_return;
    }
}
net::awaitable<void> discard_until_gone(beast::test::stream&, std::chrono::milliseconds) {
    co_return;
}

/// A `hang` fault: nothing is sent until `wait_ms` has passed (0: until the peer leaves), while
/// other sessions go on; then the connection closes.
template <class Stream> net::awaitable<void> hang(Stream& stream, std::uint32_t wait_ms) {
    using std::chrono::milliseconds;
    co_await discard_until_gone(beast::get_lowest_layer(stream),
                                wait_ms ? milliseconds(wait_ms)
                                        : milliseconds(std::chrono::hours(24)));
}

/// Carries out a fault that acts in front of the service (hang, drop, reset, gateway) on a
/// request that was read whole; the connection serves no other (run_session closes it, with a
/// FIN, unless a reset closed it already).
template <class Stream>
net::awaitable<void> act_before_service(Stream& stream, exchange& x, core::fault_action const& f,
                                        session_context& ctx) {
    switch (f.kind) {
    case core::fault_kind::hang:
        co_await hang(stream, f.wait_ms);
        break;
    case core::fault_kind::reset:
        log_fault(ctx, x, f, 0);
        reset_now(stream);
        co_return;
    case core::fault_kind::gateway: {
        auto const page = gateway_page(f.status, x.version);
        arm_timeout(stream, ctx.read_timeout);
        // Send the proxy's error page
        auto [ec, n] = co_await net::async_write(stream, net::buffer(page), token);
        if (ec)
            ctx.log.write(log_level::debug, "write failed: " + ec.message());
        log_fault(ctx, x, f, f.status);
        co_return;
    }
    default:
        break;
    }
    log_fault(ctx, x, f, 0);
}

/// Answers a failed read (if it deserves an answer) and closes.
template <class Stream>
net::awaitable<bool> fail_read(Stream& stream, exchange& x, request_parser& parser,
                               beast::error_code ec, session_context& ctx) {
    auto error = answer_for_read_error(ec, ctx);
    if (!error)
        co_return false;
    x.request = to_api_request(parser.get().base(), {});
    x.response = core::refuse_unrouted(ctx.state, x.request, std::move(*error));
    x.keep_alive = false;
    co_await send_response(stream, x, ctx);
    co_return false;
}

/// Reads the body of a request whose header is in `parser`, honouring Expect: 100-continue.
template <class Stream>
net::awaitable<beast::error_code> read_body(Stream& stream, beast::flat_buffer& buffer,
                                            request_parser& parser) {
    if (parser.is_done())
        co_return beast::error_code{};
    if (is_expect_continue(parser.get().base())) {
        // Tell the client to send the body
        http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
        auto [ec, n] = co_await http::async_write(stream, go_on, token);
        if (ec)
            co_return ec;
    }
    // Read the body
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, token);
    co_return ec;
}

/// Serves one request; true when the connection stays open for the next one.
template <class Stream>
net::awaitable<bool> serve_request(Stream& stream, beast::flat_buffer& buffer,
                                   core::request_origin origin, connection_table::slot& slot,
                                   session_context& ctx) {
    request_parser parser;
    // No limit while reading the header: route and method come first [D-8]; the body limit is
    // set once the request is known to need its body.
    parser.body_limit(boost::none);
    exchange x;
    if (buffer.size() == 0) {
        // Wait for a request: idle, the connection may be closed after --idle-timeout, or to
        // make room for a new one (--max-connections)
        arm_timeout(stream, ctx.idle_timeout);
        slot.idle();
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(first_read), token);
        slot.busy();
        if (slot.closed() || ec == net::error::eof)
            co_return false;
        if (ec)
            co_return co_await fail_read(stream, x, parser, ec, ctx);
        buffer.commit(n);
    }
    // Read the request header
    arm_timeout(stream, ctx.read_timeout);
    auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, token);
    x.started = std::chrono::steady_clock::now();
    if (ec)
        co_return co_await fail_read(stream, x, parser, ec, ctx);
    x.version = parser.get().version();
    origin.http_version = x.version;
    x.request = to_api_request(parser.get().base(), {}, std::move(origin));
    if (x.version != 10 && x.version != 11) {
        // http/malformed: only HTTP/1.0 and HTTP/1.1 are spoken here.
        x.response =
            core::refuse_unrouted(ctx.state, x.request, malformed_http("unsupported HTTP version"));
        x.version = 11;
        x.keep_alive = false;
        co_return co_await send_response(stream, x, ctx);
    }
    // Route and method first, from the header [D-6][D-8]: an unknown path (404) or a method
    // without a body (405, or a control GET) is answered without reading a body.
    auto const route = core::find_route(x.request.target);
    x.endpoint_slot = core::endpoint_slot(route);
    if (!core::reads_body(route, x.request.method)) {
        x.response = co_await ask_core(stream, route, x.request, ctx);
    } else if (auto size = check_declared_size(parser, ctx); !size) {
        x.response = core::refuse_unrouted(ctx.state, x.request, size.error());
    } else {
        parser.body_limit(ctx.state.settings.max_body);
        if (auto body_ec = co_await read_body(stream, buffer, parser))
            co_return co_await fail_read(stream, x, parser, body_ec, ctx);
        x.request.body = std::move(parser.get().body());
        // emulator/fault: hang, drop, reset and gateway act before anything is checked; the
        // count of armed ones keeps this one comparison when there are none.
        if (ctx.state.faults_before_service != 0 && route.kind == core::route_kind::public_api) {
            if (auto f = core::fault_before_service(route.endpoint, x.request, ctx.state)) {
                co_await act_before_service(stream, x, *f, ctx);
                co_return false;
            }
        }
        x.response = co_await ask_core(stream, route, x.request, ctx);
        // A push may be what a long poll waits for.
        if (route.kind == core::route_kind::public_api && route.endpoint == core::endpoint::push)
            ctx.waits.wake_all();
    }
    // A body left unread cannot be skipped reliably: close after answering.
    x.keep_alive = parser.get().keep_alive() && parser.is_done();
    co_return co_await send_response(stream, x, ctx);
}

template <class Stream>
net::awaitable<void> serve_connection(Stream& stream, connection_table::slot& slot,
                                      listener_info const& where, session_context& ctx) {
    beast::flat_buffer buffer;
    core::request_origin origin{where.name, remote_port(stream)};
    origin.host = where.host;
    while (co_await serve_request(stream, buffer, origin, slot, ctx))
        ++origin.on_connection;
}

} // namespace

core::time_ms wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

template <class Stream>
net::awaitable<void> run_session(Stream stream, session_context& ctx, listener_info where) {
    connection_table::slot slot(ctx.connections, [&stream] { close_now(stream); });
    try {
        // HTTPS starts with the handshake; plain HTTP has nothing to do here.
        if constexpr (std::is_same_v<Stream, tls_stream>) {
            if (!co_await handshake(stream, ctx)) {
                close_now(stream);
                co_return;
            }
        }
        co_await serve_connection(stream, slot, where, ctx);
    } catch (std::exception const& e) {
        ctx.log.write(log_level::error, std::string("connection failed: ") + e.what());
    }
    // Close the connection (one closed to make room is closed already)
    if (!slot.closed())
        co_await close_stream(stream);
}

template net::awaitable<void> run_session(beast::tcp_stream, session_context&, listener_info);
template net::awaitable<void> run_session(beast::test::stream, session_context&, listener_info);
template net::awaitable<void> run_session(tls_stream, session_context&, listener_info);

} // namespace push::transport
