// The client against local sockets that misbehave: one that accepts and never answers (the
// request timeout must end the exchange), one that refuses, one that answers but is not the
// emulator.
#include "conformance/harness_test_support.hpp"
#include "conformance/run/runner.hpp"
#include "conformance/target/http_client.hpp"
#include "conformance/target/probe.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

using namespace push::conformance;

namespace {

constexpr std::chrono::milliseconds short_timeout{200};

// A TCP socket bound to 127.0.0.1 on a free port; listening (the kernel completes connections,
// nothing is ever read or written) unless `listen` is false, when connections are refused.
class local_socket {
public:
    explicit local_socket(bool listen) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        if (listen)
            REQUIRE(::listen(fd_, 8) == 0);
        socklen_t len = sizeof a;
        REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        port_ = ntohs(a.sin_port);
    }
    ~local_socket() {
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
    }
    local_socket(local_socket const&) = delete;
    local_socket& operator=(local_socket const&) = delete;
    int fd() const noexcept { return fd_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    endpoint at() const {
        auto e = parse_endpoint(url());
        REQUIRE(e.has_value());
        return *e;
    }

private:
    int fd_ = -1;
    unsigned short port_ = 0;
};

// Accepts one connection, reads the request head and answers 404 with an HTML body.
void answer_not_found(int listen_fd) {
    int c = ::accept(listen_fd, nullptr, nullptr);
    if (c < 0)
        return;
    std::string data;
    char buf[4096];
    while (data.find("\r\n\r\n") == std::string::npos) {
        auto n = ::read(c, buf, sizeof buf);
        if (n <= 0)
            break;
        data.append(buf, static_cast<std::size_t>(n));
    }
    std::string res = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nConnection: close\r\n"
                      "Content-Length: 9\r\n\r\nnot found";
    (void)!::write(c, res.data(), res.size());
    ::close(c);
}

} // namespace

TEST_CASE("client: a target that accepts and never answers ends in a timeout error") {
    local_socket silent(true);
    outgoing_request req;
    req.target = "/push.json";
    req.body = "{}";
    auto started = std::chrono::steady_clock::now();
    auto r = send_request(silent.at(), req, short_timeout);
    auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(r.response.has_value());
    CHECK(r.response.error().message == "read timed out after 200 ms (the request timeout)");
    CHECK(r.response.error().cause == r.response.error().message);
    CHECK(took >= short_timeout);
    CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("client: a refused connection names the URL and the cause") {
    local_socket closed(false);
    outgoing_request req;
    req.method = "GET";
    req.target = "/_emulator/health";
    auto r = send_request(closed.at(), req, short_timeout).response;
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().cause == "Connection refused");
    CHECK(r.error().message == "cannot connect to " + closed.url() + ": Connection refused");
}

TEST_CASE("health probe: unreachable, timed out, or answering but not the emulator") {
    SUBCASE("refused") {
        local_socket closed(false);
        auto p = probe_emulator(closed.at(), std::nullopt, short_timeout);
        REQUIRE_FALSE(p.has_value()); // unreachable
        CHECK(p.error().message == "cannot reach " + closed.url() + ": Connection refused");
    }
    SUBCASE("never answers") {
        local_socket silent(true);
        auto p = probe_emulator(silent.at(), std::nullopt, short_timeout);
        REQUIRE_FALSE(p.has_value()); // unreachable
        CHECK(p.error().message == "cannot reach " + silent.url() +
                                       ": read timed out after 200 ms (the request timeout)");
    }
    SUBCASE("answers 404") {
        local_socket server(true);
        std::thread answer([&] { answer_not_found(server.fd()); });
        auto p = probe_emulator(server.at(), std::nullopt, std::chrono::milliseconds(5000));
        answer.join();
        REQUIRE(p.has_value()); // reachable
        CHECK(*p == probe_answer::other);
    }
}

TEST_CASE("runner: a request that times out gives the case an error verdict naming the timeout") {
    local_socket silent(true);
    auto f = test_support::fixture_from(R"({"id":"timeout/001","rule":"auth/signature",
        "description":"a target that never answers","request":{"path":"/push.json","body":{},
        "signing":{"secret":"wrong"}},"expect":{"status":401,"code":1004}})",
                                        "timeout.json");
    target t{silent.at(), target_kind::real, credentials{"key", "secret"}, std::nullopt};
    run_options opts;
    opts.live = true;
    opts.timeout = short_timeout;
    runner r(t, opts, [] { return std::int64_t{1704074400000}; });
    auto res = r.run_case(f);
    CHECK(res.outcome == verdict::error);
    CHECK(res.reason == "POST /push.json: read timed out after 200 ms (the request timeout)");
    REQUIRE(res.exchanges.size() == 1);
    CHECK(res.exchanges[0].error == "read timed out after 200 ms (the request timeout)");
}
