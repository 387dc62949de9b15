// The one error type of the emulator and the catalogue of every business code it answers.
//
// Adding a code? Also add a requirements row (fixtures/requirements.md) and a fixture.
#pragma once

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace push::core {

/// An HTTP status, a business code and a message for the client, plus the JSON path of the
/// offending field and the rule ID (fixtures/requirements.md) for logs and X-Emulator-* headers.
class api_error {
public:
    api_error() = default;
    api_error(int status, int code, std::string message, std::string path, std::string_view rule);

    int status() const noexcept { return status_; }
    int code() const noexcept { return code_; }
    std::string const& message() const noexcept { return message_; }
    std::string const& path() const noexcept { return path_; }
    std::string const& rule() const noexcept { return rule_; }
    /// What the user can change when a setting of the emulator explains the error (the strict
    /// profile); empty otherwise. The message already ends with it; logs show it too.
    std::string_view hint() const noexcept { return hint_; }
    /// This error with "; <hint>" appended to its message.
    api_error with_hint(std::string_view hint) &&;

private:
    int status_ = 500;
    int code_ = 1000;
    std::string message_;
    std::string path_;
    std::string rule_;
    std::string_view hint_; // a string literal
};

/// Thrown by api_result<T>::value() on an error; only startup code may rely on it.
struct api_exception : std::exception {
    explicit api_exception(api_error e) : error(std::move(e)) {}
    char const* what() const noexcept override { return error.message().c_str(); }
    api_error error;
};

[[noreturn]] void throw_exception_from_error(api_error const& e, boost::source_location const& loc);

/// Prints `status/code rule path: message` (for test failure output and logs).
std::ostream& operator<<(std::ostream& os, api_error const& e);

template <class T> using api_result = boost::system::result<T, api_error>;

/// The catalogue: every error the emulator can answer comes from one of these functions.
namespace errors {
// 400 / 1002: parameter error.
api_error bad_request(std::string path, std::string message, std::string_view rule);
api_error missing_field(std::string path, std::string_view rule);
api_error wrong_type(std::string path, std::string_view expected, std::string_view rule);
api_error malformed_json(std::string message);
// 400 / 1003: no POST data.
api_error empty_body();
// 400 / 1005 [D-4]: a length or a count over its limit.
api_error over_limit(std::string path, std::string message, std::string_view rule);
api_error too_long(std::string path, std::size_t limit, std::string_view unit,
                   std::string_view rule);
api_error too_many(std::string path, std::size_t limit, std::string_view rule);
// 401 / 1004 [D-2]: every authentication failure; the message says which.
api_error unauthorized(std::string message, std::string_view rule);
// 429 / 1008: quota or rate limit.
api_error rate_limited(std::string message, std::string_view rule);
// 430 / 1009: push service not enabled for the App Key.
api_error not_enabled();
// 413 / 1508 [D-5]: body over the limit.
api_error body_too_large(std::size_t limit);
// 404 / 405 [D-6].
api_error not_found(std::string_view target);
api_error method_not_allowed(std::string_view method, std::string_view allowed);
// 500 / 1000 and 504 / 1050: only ever injected on purpose.
api_error injected(int status, int code, std::string message);
// 400 / 1002 for the control API (/_emulator/...), same shape as the public API.
api_error bad_control_request(std::string path, std::string message);
// 401 for the control API when --admin-token is set.
api_error admin_unauthorized();
// 503 when a bounded control resource is in use (the long polls of --max-waits).
api_error busy(std::string message);
// 403 for a control request a browser was tricked into (emulator/host, emulator/origin).
api_error forbidden(std::string message, std::string_view rule);
// 404 for a control-API object that does not exist (app, push id, device).
api_error not_found_object(std::string what, std::string id);
} // namespace errors

} // namespace push::core
