#include "core/model/error.hpp"

#include "core/model/text.hpp"

#include <ostream>

namespace push::core {

api_error::api_error(int status, int code, std::string message, std::string path,
                     std::string_view rule)
    : status_(status), code_(code), message_(std::move(message)), path_(std::move(path)),
      rule_(rule) {}

api_error api_error::with_hint(std::string_view hint) && {
    message_.append("; ").append(hint);
    hint_ = hint;
    return std::move(*this);
}

void throw_exception_from_error(api_error const& e, boost::source_location const&) {
    throw api_exception(e);
}

std::ostream& operator<<(std::ostream& os, api_error const& e) {
    return os << e.status() << '/' << e.code() << ' ' << e.rule() << ' ' << e.path() << ": "
              << e.message();
}

namespace errors {

api_error bad_request(std::string path, std::string message, std::string_view rule) {
    return {400, 1002, std::move(message), std::move(path), rule};
}

api_error missing_field(std::string path, std::string_view rule) {
    std::string msg = path + " is required";
    return {400, 1002, std::move(msg), std::move(path), rule};
}

api_error wrong_type(std::string path, std::string_view expected, std::string_view rule) {
    std::string msg = path + " must be " + std::string(expected);
    return {400, 1002, std::move(msg), std::move(path), rule};
}

api_error malformed_json(std::string message) {
    return {400, 1002, "malformed JSON body: " + message, "", "body/json"};
}

api_error empty_body() {
    return {400, 1003, "no POST data", "", "body/non-empty"};
}

api_error over_limit(std::string path, std::string message, std::string_view rule) {
    return {400, 1005, std::move(message), std::move(path), rule};
}

api_error too_long(std::string path, std::size_t limit, std::string_view unit,
                   std::string_view rule) {
    std::string msg = path + " is longer than " + std::to_string(limit) + " " + std::string(unit);
    return over_limit(std::move(path), std::move(msg), rule);
}

api_error too_many(std::string path, std::size_t limit, std::string_view rule) {
    std::string msg = path + " has more than " + std::to_string(limit) + " entries";
    return over_limit(std::move(path), std::move(msg), rule);
}

api_error unauthorized(std::string message, std::string_view rule) {
    return {401, 1004, std::move(message), "", rule};
}

api_error rate_limited(std::string message, std::string_view rule) {
    return {429, 1008, std::move(message), "", rule};
}

api_error not_enabled() {
    return {430, 1009, "push service is not enabled for this App Key", "", "service/enabled"};
}

api_error body_too_large(std::size_t limit) {
    return {413, 1508, "request body is larger than " + std::to_string(limit) + " bytes", "",
            "body/max-size"};
}

// The request's own text is repaired to UTF-8 before it goes into a JSON answer.
api_error not_found(std::string_view target) {
    bool replaced = false;
    return {404, 404, "no such endpoint: " + to_valid_utf8(target, replaced), "", "http/route"};
}

api_error method_not_allowed(std::string_view method, std::string_view allowed) {
    bool replaced = false;
    return {405, 405,
            "method " + to_valid_utf8(method, replaced) + " is not allowed here; use " +
                std::string(allowed),
            "", "http/method"};
}

api_error injected(int status, int code, std::string message) {
    return {status, code, std::move(message), "", "emulator/fault"};
}

api_error bad_control_request(std::string path, std::string message) {
    return {400, 1002, std::move(message), std::move(path), "emulator/control"};
}

api_error admin_unauthorized() {
    return {401, 401, "missing or wrong admin token (X-Emulator-Token or Authorization: Bearer)",
            "", "emulator/admin-token"};
}

api_error busy(std::string message) {
    return {503, 503, std::move(message), "", "emulator/control"};
}

api_error forbidden(std::string message, std::string_view rule) {
    return {403, 403, std::move(message), "", rule};
}

api_error not_found_object(std::string what, std::string id) {
    return {404, 404, "no " + what + " " + id, "", "emulator/control"};
}

} // namespace errors
} // namespace push::core
