#include "transport/adapt.hpp"

namespace push::transport {

namespace {
constexpr std::string_view json_content_type = "application/json; charset=utf-8";

/// response/json-code: the one serialization of an error.
std::string error_body(core::api_error const& e) {
    return json::serialize(json::object{{"code", e.code()}, {"errorMessage", e.message()}});
}

/// The numeric "code" of a success body; the HTTP status when the body has none.
int success_code(json::object const& body, int status) {
    auto const* c = body.if_contains("code");
    if (c && c->is_int64())
        return static_cast<int>(c->get_int64());
    if (c && c->is_uint64())
        return static_cast<int>(c->get_uint64());
    return status;
}

} // namespace

core::api_request to_api_request(http::request_header<> const& header, std::string body,
                                 core::request_origin origin) {
    core::api_request req;
    req.method = std::string(header.method_string());
    req.target = std::string(header.target());
    req.headers.reserve(static_cast<std::size_t>(std::distance(header.begin(), header.end())));
    for (auto const& field : header)
        req.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    req.body = std::move(body);
    req.origin = std::move(origin);
    return req;
}

namespace {

/// Appends "Name: value\r\n". A value may carry text from the request (the JSON path of a
/// refused member): control bytes become spaces, so no value can end the field early.
void append_field(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ");
    for (char c : value) {
        auto const b = static_cast<unsigned char>(c);
        out += (b < 0x20 && c != '\t') || b == 0x7f ? ' ' : c;
    }
    out.append("\r\n");
}

} // namespace

std::string_view reason_phrase(int status) {
    // response/status-430: the vendor's code table answers 1009 with HTTP 430, which no
    // standard names; a reason phrase is still sent, as HTTP/1.1 asks for one.
    if (status == 430)
        return "Service Not Enabled";
    auto const reason = http::obsolete_reason(static_cast<http::status>(status));
    if (reason != "<unknown-status>")
        return std::string_view(reason);
    // Beast names only the codes of RFC 9110; an injected 499 still gets a phrase.
    return status < 500 ? "Client Error" : "Server Error";
}

std::string to_wire(core::api_response const& r, unsigned version, bool keep_alive,
                    bool head_only) {
    int const status = r.result ? r.success_status : r.result.error().status();
    // The console's files and the metrics are sent as they are; everything else is JSON.
    std::string const json_body = r.raw      ? std::string()
                                  : r.result ? json::serialize(*r.result)
                                             : error_body(r.result.error());
    std::string_view const body = r.raw ? std::string_view(r.raw->bytes) : json_body;
    std::string out;
    out.reserve(256 + body.size());
    out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
        .append(std::to_string(status))
        .append(" ")
        .append(reason_phrase(status))
        .append("\r\n");
    append_field(out, "Content-Type", r.raw ? r.raw->content_type : json_content_type);
    if (!r.result) {
        auto const& e = r.result.error();
        // [D-7] debugging aids go in X-Emulator-* headers, never in the body.
        append_field(out, "X-Emulator-Rule", e.rule());
        if (!e.path().empty())
            append_field(out, "X-Emulator-Path", e.path());
    }
    for (auto const& h : r.headers)
        append_field(out, h.name, h.value);
    if (version == 10 && keep_alive)
        append_field(out, "Connection", "keep-alive");
    else if (version != 10 && !keep_alive)
        append_field(out, "Connection", "close");
    // Content-Length stays for HEAD: it describes the body a GET would carry.
    append_field(out, "Content-Length", std::to_string(body.size()));
    out.append("\r\n");
    if (!head_only)
        out.append(body);
    return out;
}

std::string gateway_page(int status, unsigned version) {
    auto const title = std::to_string(status) + " " + std::string(reason_phrase(status));
    // The page nginx gives, which is what clients of a proxied service meet.
    std::string const body = "<html>\r\n<head><title>" + title +
                             "</title></head>\r\n<body>\r\n<center><h1>" + title +
                             "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n"
                             "</html>\r\n";
    std::string out(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    out.append(title).append("\r\n");
    append_field(out, "Server", "nginx");
    append_field(out, "Content-Type", "text/html");
    append_field(out, "Content-Length", std::to_string(body.size()));
    append_field(out, "Connection", "close");
    return out.append("\r\n").append(body);
}

core::api_error malformed_http(std::string_view what) {
    return core::errors::bad_request("", "malformed HTTP request: " + std::string(what),
                                     "http/malformed");
}

std::pair<int, int> status_and_code(core::api_response const& r) {
    // A body that is not JSON has no code: its status stands for it.
    if (r.raw)
        return {r.success_status, r.success_status};
    if (r.result)
        return {r.success_status, success_code(*r.result, r.success_status)};
    return {r.result.error().status(), r.result.error().code()};
}

response_summary summarize(core::api_response const& r) {
    if (r.result)
        return {r.success_status, success_code(*r.result, r.success_status), {}};
    auto const& e = r.result.error();
    return {e.status(), e.code(), e.rule(), e.hint()};
}

} // namespace push::transport
