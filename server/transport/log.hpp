// Request and diagnostic logging to one stream (stderr in the server): one line per request,
// never a secret or a signature.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace push::transport {

enum class log_level { off, error, warn, info, debug };

/// "error", "warn", "info", "debug" or "off"; nullopt for anything else.
std::optional<log_level> parse_log_level(std::string_view s) noexcept;
std::string_view to_string(log_level l) noexcept;

/// What one request line reports. `app_key` and `rule` are empty when unknown.
struct request_record {
    std::string_view method;
    std::string_view target;
    int status = 0;
    int code = 0;
    std::string_view app_key;
    std::string_view rule;
    std::chrono::microseconds duration{0};
    std::string_view hint{}; // what to change (api_error::hint), or empty
};

/// `<ISO time> <method> <target> <status> code=<code> app=<App-Key or -> rule=<rule or ->
/// <duration>ms`, then ` hint="<hint>"` when there is one. `now` is the wall-clock time the line is
/// written at.
std::string format_request_line(request_record const& r, std::chrono::system_clock::time_point now);

/// ISO 8601 UTC with milliseconds: 2024-05-01T12:34:56.789Z.
std::string iso_time(std::chrono::system_clock::time_point t);

/// Writes whole lines at or above a level. Single-threaded like the rest of the server.
class logger {
public:
    logger(log_level level, std::ostream& out) : level_(level), out_(&out) {}

    bool enabled(log_level l) const noexcept { return l != log_level::off && l <= level_; }
    /// `<ISO time> <level> <message>`, when `l` is enabled.
    void write(log_level l, std::string_view message);
    /// The request line (format_request_line), at level info.
    void request(request_record const& r);

private:
    void emit(std::string_view line);

    log_level level_;
    std::ostream* out_;
};

} // namespace push::transport
