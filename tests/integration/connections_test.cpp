// Connections and long polls under clients that stay idle, pile up or leave: the connection cap,
// the idle timeout, and journal waits that end with their client (real sockets).
#include "support/emulator_process.hpp"
#include "support/http_client.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

namespace {

using namespace push::test_support;
using clock_type = std::chrono::steady_clock;

constexpr char to_all[] =
    R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";

/// A connected socket that sends what it is given and nothing else.
class raw_socket {
public:
    explicit raw_socket(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        REQUIRE(fd_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    }
    ~raw_socket() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    raw_socket(raw_socket&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    raw_socket(raw_socket const&) = delete;
    raw_socket& operator=(raw_socket const&) = delete;

    void send_text(std::string_view s) {
        REQUIRE(::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size()));
    }
    /// Closes with a TCP RST, as a client killed mid-request does.
    void reset() {
        linger l{1, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        ::close(fd_);
        fd_ = -1;
    }
    /// What arrives within `timeout` (until the peer stops sending).
    std::string receive(std::chrono::milliseconds timeout) {
        timeval tv{static_cast<time_t>(timeout.count() / 1000),
                   static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char buf[4096];
        auto const n = ::recv(fd_, buf, sizeof buf, 0);
        return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    }
    /// True when the server has closed this connection (a read returns end of stream or an
    /// error at once).
    bool closed_by_server() {
        char c;
        timeval tv{0, 200'000};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        return ::recv(fd_, &c, 1, 0) <= 0 && errno != EAGAIN;
    }

private:
    int fd_;
};

boost::json::value health(unsigned short port) {
    http_client c(port);
    return c.send("GET", "/_emulator/health", {}).json;
}

/// Polls health until `ok(health)` or `limit` passes; the time it took.
template <class Ok>
std::chrono::milliseconds until(unsigned short port, Ok ok, std::chrono::milliseconds limit) {
    auto const t0 = clock_type::now();
    while (!ok(health(port)) && clock_type::now() - t0 < limit)
        std::this_thread::sleep_for(20ms);
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - t0);
}

std::uint64_t count(boost::json::value const& health, char const* key) {
    return health.at(key).to_number<std::uint64_t>();
}

void raise_own_file_limit() {
    rlimit lim{};
    getrlimit(RLIMIT_NOFILE, &lim);
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
}

} // namespace

TEST_CASE("http/keep-alive: --idle-timeout closes a connection waiting for its next request; "
          "a request begun has --read-timeout") {
    emulator_process emu({"--idle-timeout", "1", "--read-timeout", "4"});
    raw_socket idle(emu.port());
    raw_socket started(emu.port());
    started.send_text("POST /push.json HTTP/1.1\r\nHost: x\r\n"); // a header begun, not ended
    std::this_thread::sleep_for(1500ms);
    CHECK(idle.closed_by_server());
    CHECK(!started.closed_by_server()); // still within its --read-timeout
    http_client c(emu.port());
    CHECK(c.send("GET", "/_emulator/health", {}).status == 200);
}

TEST_CASE("connections: at --max-connections the connection idle the longest makes room and a "
          "new client is answered") {
    emulator_process emu({"--max-connections", "16", "--app", "k:s"});
    std::vector<raw_socket> idle;
    for (int i = 0; i < 40; ++i)
        idle.emplace_back(emu.port());
    // A client arriving now is served: the oldest idle connections were closed for it.
    auto const t0 = clock_type::now();
    http_client c(emu.port(), 3000ms);
    auto r = c.post("/push.json", signed_headers("k", "s"), to_all);
    CHECK(r.status == 200);
    CHECK(clock_type::now() - t0 < 2000ms);
    CHECK(idle.front().closed_by_server());
    auto h = health(emu.port());
    CHECK(count(h, "connections") <= 16);
}

TEST_CASE("connections: 600 idle sockets under the default cap do not keep a client waiting") {
    raise_own_file_limit();
    emulator_process emu({"--app", "k:s"});
    std::vector<raw_socket> idle;
    for (int i = 0; i < 600; ++i)
        idle.emplace_back(emu.port());
    http_client c(emu.port(), 3000ms);
    CHECK(c.post("/push.json", signed_headers("k", "s"), to_all).status == 200);
    CHECK(count(health(emu.port()), "connections") <= 512);
}

TEST_CASE("journal/wait: a long poll ends when its client leaves, and frees its connection") {
    emulator_process emu({"--app", "w:s"});
    std::vector<raw_socket> waiters;
    for (int i = 0; i < 50; ++i) {
        waiters.emplace_back(emu.port());
        waiters.back().send_text("GET /_emulator/journal/wait?app=w&count=1&timeout_ms=600000 "
                                 "HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }
    auto const all_waiting = until(
        emu.port(), [](boost::json::value const& h) { return count(h, "waits") == 50; }, 3000ms);
    REQUIRE(all_waiting < 3000ms);
    for (auto& w : waiters)
        w.reset();
    auto const gone = until(
        emu.port(),
        [](boost::json::value const& h) {
            return count(h, "waits") == 0 && count(h, "connections") == 1;
        },
        3000ms);
    CHECK(gone < 1000ms);
}

TEST_CASE("journal/wait: waiters are woken by the push they wait for; --max-waits bounds them") {
    emulator_process emu({"--app", "w:s", "--max-waits", "2"});
    std::vector<raw_socket> waiters;
    for (int i = 0; i < 2; ++i) {
        waiters.emplace_back(emu.port());
        waiters.back().send_text("GET /_emulator/journal/wait?app=w&count=1&timeout_ms=60000 "
                                 "HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }
    REQUIRE(until(
                emu.port(), [](boost::json::value const& h) { return count(h, "waits") == 2; },
                3000ms) < 3000ms);
    http_client third(emu.port());
    auto busy = third.send("GET", "/_emulator/journal/wait?app=w&count=1&timeout_ms=60000", {});
    CHECK(busy.status == 503);
    CHECK(busy.code() == 503);
    // One push wakes both, long before their minute is up.
    auto const t0 = clock_type::now();
    http_client p(emu.port());
    CHECK(p.post("/push.json", signed_headers("w", "s"), to_all).status == 200);
    for (auto& w : waiters) {
        auto const answer = w.receive(3000ms);
        CHECK(answer.starts_with("HTTP/1.1 200 "));
        CHECK(answer.find(R"("timed_out":false)") != std::string::npos);
    }
    CHECK(clock_type::now() - t0 < 2000ms);
}
