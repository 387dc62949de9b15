// The border between HTTP messages and the core's plain values. This is the one place where an
// api_error becomes the body {"code":N,"errorMessage":"..."} the client sees; its rule and path
// go to X-Emulator-* headers [D-7] and to the log, never into the body.
#pragma once

#include "core/model/message.hpp"
#include "transport/net.hpp"

#include <string>
#include <utility>

namespace push::transport {

/// The api_request for a received header (method, raw target, headers in order) and body, which
/// came in as `origin` says (listener, client port).
core::api_request to_api_request(http::request_header<> const& header, std::string body,
                                 core::request_origin origin = {});

/// The bytes of the HTTP response for an api_response, in the request's HTTP version (10 or
/// 11), with `Content-Type: application/json; charset=utf-8`, Content-Length and the given
/// keep-alive choice; without the body for a HEAD request. Written in one piece: a response is
/// small, and one buffer is far cheaper to send than a sequence of fields.
std::string to_wire(core::api_response const& r, unsigned version, bool keep_alive, bool head_only);

/// The bytes of the answer a reverse proxy in front of the service gives when the service fails
/// (a `gateway` fault): `status` (502, 503 or 504), an HTML page, `Connection: close`.
std::string gateway_page(int status, unsigned version);

/// The reason phrase of a status: the standard one, "Service Not Enabled" for the vendor's 430
/// (FACTS §2), or "Client Error" / "Server Error" for any other status outside RFC 9110.
std::string_view reason_phrase(int status);

/// 400/1002 for bytes that are not a valid HTTP/1.x request (http/malformed).
core::api_error malformed_http(std::string_view what);

/// The HTTP status and business code an api_response carries, and its rule ("" on success),
/// for the request log.
struct response_summary {
    int status = 0;
    int code = 0;
    std::string rule;
    std::string_view hint{}; // a string literal (api_error::hint)
};
response_summary summarize(core::api_response const& r);
/// The HTTP status and business code of an answer (what summarize says, without copying).
std::pair<int, int> status_and_code(core::api_response const& r);

} // namespace push::transport
