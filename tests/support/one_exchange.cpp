#include "support/one_exchange.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace push::test_support {

exchange_outcome send_once(unsigned short port, std::string_view bytes,
                           std::chrono::milliseconds timeout) {
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        if (fd >= 0)
            ::close(fd);
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    exchange_outcome out;
    auto const t0 = std::chrono::steady_clock::now();
    auto const deadline = t0 + timeout;
    if (::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(bytes.size()))
        out.end = connection_end::reset;
    for (bool done = out.end == connection_end::reset; !done;) {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{fd, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0) {
            out.end = connection_end::timed_out;
            break;
        }
        char buf[16 * 1024];
        auto const n = ::recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            out.received.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        out.end = n == 0 ? connection_end::closed : connection_end::reset;
        if (n < 0 && errno != ECONNRESET)
            throw std::runtime_error("recv failed: errno " + std::to_string(errno));
        done = true;
    }
    out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - t0);
    ::close(fd);
    return out;
}

std::string signed_post(std::string_view target, std::string_view key, std::string_view secret,
                        std::string_view body) {
    // Connection: close, so that an answer also ends the exchange.
    std::string out =
        "POST " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (auto const& [name, value] : signed_headers(key, secret))
        out += name + ": " + value + "\r\n";
    out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n";
    return out.append(body);
}

} // namespace push::test_support
