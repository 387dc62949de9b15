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

/// The status with a reason phrase: Beast writes "<unknown-status>" for codes outside RFC 9110,
/// such as the vendor's 430 or an injected 499.
void set_status(http_response& res, int status) {
    res.result(static_cast<unsigned>(status));
    if (status == 430)
        res.reason("Service Not Enabled");
    else if (http::obsolete_reason(res.result()) == "<unknown-status>")
        res.reason(status < 500 ? "Client Error" : "Server Error");
}
} // namespace

core::api_request to_api_request(http::request_header<> const& header, std::string body) {
    core::api_request req;
    req.method = std::string(header.method_string());
    req.target = std::string(header.target());
    req.headers.reserve(static_cast<std::size_t>(std::distance(header.begin(), header.end())));
    for (auto const& field : header)
        req.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    req.body = std::move(body);
    return req;
}

http_response to_http_response(core::api_response const& r, unsigned version, bool keep_alive) {
    http_response res;
    res.version(version);
    res.set(http::field::content_type, json_content_type);
    if (r.result) {
        set_status(res, r.success_status);
        res.body() = json::serialize(*r.result);
    } else {
        auto const& e = r.result.error();
        set_status(res, e.status());
        res.body() = error_body(e);
        // [D-7] debugging aids go in X-Emulator-* headers, never in the body.
        res.set("X-Emulator-Rule", e.rule());
        if (!e.path().empty())
            res.set("X-Emulator-Path", e.path());
    }
    for (auto const& h : r.headers)
        res.insert(h.name, h.value);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
}

core::api_error malformed_http(std::string_view what) {
    return core::errors::bad_request("", "malformed HTTP request: " + std::string(what),
                                     "http/malformed");
}

response_summary summarize(core::api_response const& r) {
    if (r.result)
        return {r.success_status, success_code(*r.result, r.success_status), {}};
    auto const& e = r.result.error();
    return {e.status(), e.code(), e.rule(), e.hint()};
}

} // namespace push::transport
