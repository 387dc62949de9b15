// A small synchronous HTTP/1.1 client for the harness (plain TCP or TLS with system CA
// verification). Its interface is plain values so that only http_client.cpp includes Beast.
#pragma once

#include "conformance/result.hpp"
#include "conformance/target/endpoint.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace push::conformance {

using header_list = std::vector<std::pair<std::string, std::string>>;

/// Case-insensitive ASCII comparison, for header names.
bool same_name(std::string_view a, std::string_view b) noexcept;

/// The value of the first header named `name` (case-insensitive), or nullptr.
std::string const* find_header(header_list const& headers, std::string_view name);

struct outgoing_request {
    std::string method = "POST";
    std::string target; // path (+ query) appended to the endpoint base
    header_list headers;
    std::optional<std::string> body;
};

struct incoming_response {
    int status = 0;
    header_list headers;
    std::string body;
};

/// The outcome of one exchange: a response, or the problem of why none arrived (its `cause` is
/// the reason alone, without the URL or stage: "Connection refused", "read timed out ...").
struct exchange_result {
    result<incoming_response> response;
    std::int64_t duration_ms = 0;
    /// How the server ended an exchange without a whole answer: "closed" (an orderly close
    /// before any byte of one), "reset" (a TCP reset) or "truncated" (an answer cut short);
    /// "" otherwise.
    std::string ended;
};

/// Sends one request on a fresh connection and reads the response. `timeout` bounds the whole
/// exchange (connect, TLS handshake, write, read); when it runs out the problem says so. HTTPS
/// verifies the certificate against the system CAs and `to.ca_file`, and the host name.
exchange_result send_request(endpoint const& to, outgoing_request const& req,
                             std::chrono::milliseconds timeout);

} // namespace push::conformance
