// A small synchronous HTTP/1.1 client for the harness (plain TCP or TLS with system CA
// verification). Its interface is plain values so that only client.cpp includes Beast.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace push::conformance {

using header_list = std::vector<std::pair<std::string, std::string>>;

/// A target base URL: http://127.0.0.1:8080 or https://api.rong-api.com[/base].
struct endpoint {
    bool tls = false;
    std::string host;
    std::string port;
    std::string base; // path prefix without a trailing slash, usually ""
    /// scheme://host[:port][base], as given.
    std::string url() const;
};

/// Parses an http:// or https:// URL; nullopt (with `why` set) when it is not one.
std::optional<endpoint> parse_endpoint(std::string const& url, std::string& why);

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
    /// The first header with this name (case-insensitive), or nullptr.
    std::string const* header(std::string_view name) const;
};

/// The outcome of one exchange: a response, or `error` describing why none arrived.
struct exchange_result {
    std::optional<incoming_response> response;
    std::string error;
    /// The cause alone, without the URL or stage ("Connection refused", "read timed out ...").
    std::string cause;
    std::int64_t duration_ms = 0;
};

/// Sends one request on a fresh connection and reads the response. `timeout` bounds the whole
/// exchange (connect, TLS handshake, write, read); when it runs out the error says so.
exchange_result send_request(endpoint const& to, outgoing_request const& req,
                             std::chrono::milliseconds timeout);

/// Case-insensitive ASCII comparison, for header names.
bool same_name(std::string_view a, std::string_view b) noexcept;

} // namespace push::conformance
