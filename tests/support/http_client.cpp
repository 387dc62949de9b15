#include "support/http_client.hpp"

#include "core/model/text.hpp"

#include "core/model/message.hpp"
#include "core/model/signature.hpp"

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace push::test_support {

namespace http = boost::beast::http;

namespace {

int connect_local(unsigned short port) {
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        throw std::runtime_error("socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/// Sends every byte; false when the peer stopped reading (reset or closed).
bool send_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        auto const n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

enum class recv_result { data, closed, timeout };

/// Waits at most `timeout` for bytes and appends them to `out`.
recv_result receive_some(int fd, std::string& out, std::chrono::milliseconds timeout) {
    pollfd p{fd, POLLIN, 0};
    int const ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (ready == 0)
        return recv_result::timeout;
    char buf[16 * 1024];
    auto const n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0)
        return recv_result::closed; // orderly close, or a reset: nothing more will come
    out.append(buf, static_cast<std::size_t>(n));
    return recv_result::data;
}

http_reply to_reply(http::response<http::string_body>&& res) {
    http_reply r;
    r.status = static_cast<int>(res.result_int());
    r.version = res.version();
    for (auto const& f : res)
        r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    r.body = std::move(res.body());
    boost::system::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    if (!ec)
        r.json = std::move(v);
    return r;
}

/// Parses the next response from `pending` (consuming it), calling `more` for more bytes; `more`
/// returns false at the end of the stream.
template <class More> http_reply parse_next(std::string& pending, More&& more) {
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.body_limit(64 * 1024 * 1024);
    boost::system::error_code ec;
    while (!parser.is_done()) {
        if (!pending.empty()) {
            auto const n = parser.put(boost::asio::buffer(pending), ec);
            pending.erase(0, n);
            if (ec && ec != http::error::need_more)
                throw std::runtime_error("unparsable response: " + ec.message());
            if (parser.is_done() || (n > 0 && !pending.empty()))
                continue;
        }
        if (!more()) {
            parser.put_eof(ec);
            if (ec)
                throw std::runtime_error("connection closed in the middle of a response");
        }
    }
    return to_reply(parser.release());
}

} // namespace

std::string http_reply::header(std::string_view name) const {
    for (auto const& [n, v] : headers)
        if (core::iequals(n, name))
            return v;
    return {};
}

bool http_reply::has_header(std::string_view name) const {
    for (auto const& h : headers)
        if (core::iequals(h.first, name))
            return true;
    return false;
}

long long http_reply::code() const {
    auto const* obj = json.if_object();
    auto const* c = obj ? obj->if_contains("code") : nullptr;
    return c && c->is_int64() ? c->get_int64() : -1;
}

std::string http_reply::error_message() const {
    auto const* obj = json.if_object();
    auto const* m = obj ? obj->if_contains("errorMessage") : nullptr;
    return m && m->is_string() ? std::string(m->get_string()) : std::string();
}

std::string raw_exchange(unsigned short port, std::string_view bytes,
                         std::chrono::milliseconds timeout) {
    int const fd = connect_local(port);
    send_all(fd, bytes); // a server that answers early may stop reading: keep what it sent
    ::shutdown(fd, SHUT_WR);
    std::string out;
    recv_result r;
    while ((r = receive_some(fd, out, timeout)) == recv_result::data) {
    }
    ::close(fd);
    if (r == recv_result::timeout)
        throw std::runtime_error("server neither answered nor closed within " +
                                 std::to_string(timeout.count()) + " ms; got: " + out);
    return out;
}

std::vector<http_reply> parse_replies(std::string_view raw) {
    std::string pending(raw);
    std::vector<http_reply> out;
    while (!pending.empty())
        out.push_back(parse_next(pending, [] { return false; }));
    return out;
}

http_client::http_client(unsigned short port, std::chrono::milliseconds timeout)
    : fd_(connect_local(port)), timeout_(timeout) {}

http_client::~http_client() {
    if (fd_ >= 0)
        ::close(fd_);
}

http_reply http_client::send(std::string_view method, std::string_view target,
                             header_list const& headers, std::string_view body, unsigned version) {
    std::string req = std::string(method) + " " + std::string(target) + " HTTP/" +
                      (version == 10 ? "1.0" : "1.1") + "\r\nHost: 127.0.0.1\r\n";
    for (auto const& [name, value] : headers)
        req += name + ": " + value + "\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    req += body;
    write_raw(req);
    return read_reply();
}

void http_client::write_raw(std::string_view bytes) {
    if (!send_all(fd_, bytes))
        throw std::runtime_error("the server closed the connection while we were sending");
}

bool http_client::receive() {
    auto const r = receive_some(fd_, pending_, timeout_);
    if (r == recv_result::timeout)
        throw std::runtime_error("no response within " + std::to_string(timeout_.count()) + " ms");
    return r == recv_result::data;
}

http_reply http_client::read_reply(bool informational) {
    for (;;) {
        auto reply = parse_next(pending_, [this] { return receive(); });
        if (informational || reply.status >= 200)
            return reply;
    }
}

unsigned short http_client::local_port() const {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("getsockname() failed");
    return ntohs(addr.sin_port);
}

bool http_client::closed_by_server() {
    return pending_.empty() && receive_some(fd_, pending_, timeout_) == recv_result::closed;
}

header_list signed_headers(std::string_view app_key, std::string_view secret,
                           std::string_view nonce, std::string_view timestamp) {
    return {{"App-Key", std::string(app_key)},
            {"Nonce", std::string(nonce)},
            {"Timestamp", std::string(timestamp)},
            {"Signature", core::expected_signature(secret, nonce, timestamp)}};
}

} // namespace push::test_support
