// What the core sees of an HTTP exchange: plain values, filled and serialized by transport/adapt.
#pragma once

#include "core/model/coverage.hpp"
#include "core/model/error.hpp"
#include "core/model/fault_action.hpp"
#include "core/model/json.hpp"
#include "core/model/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace push::core {

struct header {
    std::string name;
    std::string value;
};

/// Where a request came in, as transport saw it: plain values, so the core needs no sockets.
struct request_origin {
    /// The name of the listener that accepted the connection ("primary", "backup-tls").
    std::string listener;
    /// The client's TCP port; 0 when there is no socket (tests that call the core directly).
    std::uint16_t remote_port = 0;
    /// 10 for HTTP/1.0, 11 for HTTP/1.1.
    unsigned http_version = 11;
    /// The request's place on its connection: 1 for the first (http/keep-alive counts the
    /// others).
    std::uint32_t on_connection = 1;
    /// The host of the service the listener stands for.
    service_host host = service_host::primary;
};

/// One HTTP request as received: method, raw request-target, headers in order, body bytes, and
/// the connection it came on.
struct api_request {
    std::string method;
    std::string target;
    std::vector<header> headers;
    std::string body;
    request_origin origin = {};

    /// The first header with this name (case-insensitive), or nullptr.
    std::string const* find_header(std::string_view name) const;
};

/// A body that is not JSON (the console's files, the metrics), sent as it is.
struct raw_body {
    std::string_view content_type; // a literal or a compiled-in string
    std::string bytes;
};

/// One answer: a success body (which carries "code") or an api_error, plus extra headers.
/// transport/adapt turns it into bytes; an error becomes {"code":N,"errorMessage":"..."} there.
struct api_response {
    api_result<json::object> result = json::object{{"code", 200}};
    std::vector<header> headers;
    int success_status = 200;
    /// The App-Key the request named, for the request log; "" when none.
    std::string app_key;
    /// Set by handlers whose request is a long poll: transport calls again until it is false or
    /// the deadline passes (see the control API's journal wait).
    std::optional<time_ms> retry_until;
    /// Set by the public API's handlers: the app the request counts for in the error-path
    /// coverage, and the rules it exercised beside the one that refused it (router counts it).
    coverage_marks coverage = {};
    /// When set, the body sent instead of `result` (which stays a success).
    std::optional<raw_body> raw;
    /// Set when an armed fault acts on the request after authentication: transport delays or
    /// cuts the answer as it says.
    std::optional<fault_action> fault;
};

/// An answer that carries only an error.
api_response error_response(api_error e);

/// JSON bodies nest at most this deep; deeper ones are malformed (body/json).
constexpr int max_json_depth = 64;

/// Parses a request body as JSON into `storage` (the default heap, or an arena for a value
/// that dies with the request): only white space → 1003 (body/non-empty), not JSON → 1002
/// (body/json).
api_result<json::value> parse_json_body(std::string_view body, json::storage_ptr storage = {});

/// The path of a request-target [D-12]: query string dropped, repeated slashes merged.
std::string normalize_path(std::string_view target);

/// The query string of a request-target (without '?'), or "".
std::string_view query_of(std::string_view target);

} // namespace push::core
