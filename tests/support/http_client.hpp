// Test helpers that speak HTTP to a running emulator over real sockets, with deadlines (a test
// fails with an exception instead of hanging):
//
//   raw_exchange(port, bytes)  sends raw bytes, half-closes, returns every byte the server sent
//                              back (garbage, HTTP-version and framing tests); parse_replies
//                              splits them into responses;
//   http_client                one kept-alive connection: send(method, target, headers, body)
//                              returns status, headers and the parsed JSON body; write_raw and
//                              read_reply for pipelining and Expect: 100-continue;
//   signed_headers(key, secret) the four signature headers, for any signed endpoint.
//
// (raw_exchange is not called `exchange`: with a std::string argument, ADL would pick
// std::exchange.)
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace push::test_support {

using namespace std::chrono_literals;

using header_list = std::vector<std::pair<std::string, std::string>>;

/// One HTTP response as received.
struct http_reply {
    int status = 0;
    unsigned version = 11;
    header_list headers;
    std::string body;
    boost::json::value json; // null when the body is not JSON

    /// The first header with this name (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
    bool has_header(std::string_view name) const;
    /// The body's numeric "code", or -1 when there is none.
    long long code() const;
    /// The body's "errorMessage", or "".
    std::string error_message() const;
};

/// Connects to 127.0.0.1:port, sends `bytes`, shuts down its sending side and returns everything
/// the server sends until it closes. Throws when the server is silent for `timeout`.
std::string raw_exchange(unsigned short port, std::string_view bytes,
                         std::chrono::milliseconds timeout = 5000ms);

/// Parses every response in `raw` (as returned by raw_exchange), 1xx ones included.
std::vector<http_reply> parse_replies(std::string_view raw);

class http_client {
public:
    /// Connects to 127.0.0.1:port; every later read waits at most `timeout`.
    explicit http_client(unsigned short port, std::chrono::milliseconds timeout = 5000ms);
    ~http_client();
    http_client(http_client const&) = delete;
    http_client& operator=(http_client const&) = delete;

    /// Sends one request (Host and Content-Length are added) and reads its final response.
    http_reply send(std::string_view method, std::string_view target, header_list const& headers,
                    std::string_view body = {}, unsigned version = 11);
    http_reply post(std::string_view target, header_list const& headers, std::string_view body) {
        return send("POST", target, headers, body);
    }

    /// Sends bytes as they are (a partial request, several pipelined ones).
    void write_raw(std::string_view bytes);
    /// Reads the next response; 1xx responses are skipped unless `informational` is true.
    http_reply read_reply(bool informational = false);
    /// True when the server closes the connection (within the timeout) without sending more.
    bool closed_by_server();
    /// The client side's TCP port (what the server sees as the remote port).
    unsigned short local_port() const;

private:
    /// Receives more bytes into pending_; false on end of stream.
    bool receive();

    int fd_ = -1;
    std::chrono::milliseconds timeout_;
    std::string pending_;
};

/// The four signed headers (App-Key, Nonce, Timestamp, Signature) for `secret`, computed with
/// the core's expected_signature.
header_list signed_headers(std::string_view app_key, std::string_view secret,
                           std::string_view nonce = "14314",
                           std::string_view timestamp = "1408710653000");

} // namespace push::test_support
