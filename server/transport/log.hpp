// Request and diagnostic logging to one stream (stderr in the server): one line per request,
// never a secret or a signature. Fields that come from the request are escaped, so a line is
// always one line of space-separated fields.
#pragma once

#include <chrono>
#include <functional>
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
    std::string_view host{}; // the service host it came to ("primary", "backup"), or empty
};

/// `<ISO time> <method> <target> <status> code=<code> app=<App-Key or -> rule=<rule or ->
/// <duration>ms`, then ` host=<host>` and ` hint="<hint>"` when there are. `now` is the wall-clock
/// time the line is written at. Bytes of the method, target and App-Key outside printable ASCII
/// (and spaces and backslashes) appear as \xHH.
std::string format_request_line(request_record const& r, std::chrono::system_clock::time_point now);

/// Appends `s` to `out` with every byte outside '!'..'~' and every backslash written as \xHH.
void append_escaped(std::string& out, std::string_view s);

/// ISO 8601 UTC with milliseconds: 2024-05-01T12:34:56.789Z.
std::string iso_time(std::chrono::system_clock::time_point t);

/// Writes whole lines at or above a level. Single-threaded like the rest of the server. Lines
/// are written at once, or, once `defer_flush` has been given a way to run work later, gathered
/// and written together when the I/O loop gets to it: one write for all the requests answered
/// in one turn of the loop, instead of one per request.
class logger {
public:
    logger(log_level level, std::ostream& out) : level_(level), out_(&out) {}
    ~logger() { flush(); }
    logger(logger const&) = delete;
    logger& operator=(logger const&) = delete;

    bool enabled(log_level l) const noexcept { return l != log_level::off && l <= level_; }
    /// `<ISO time> <level> <message>`, when `l` is enabled.
    void write(log_level l, std::string_view message);
    /// The request line (format_request_line), at level info.
    void request(request_record const& r);
    /// From now on, lines are gathered and `post(flush)` is called for the first line of each
    /// batch; `post` must run what it is given later, on the logging thread.
    void defer_flush(std::function<void(std::function<void()>)> post) { post_ = std::move(post); }
    /// Writes the gathered lines.
    void flush();

private:
    void emit(std::string_view line);

    log_level level_;
    std::ostream* out_;
    std::string pending_;
    std::function<void(std::function<void()>)> post_;
};

} // namespace push::transport
