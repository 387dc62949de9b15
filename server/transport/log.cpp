#include "transport/log.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace push::transport {

namespace {
constexpr std::array<std::pair<std::string_view, log_level>, 5> level_names{{
    {"off", log_level::off},
    {"error", log_level::error},
    {"warn", log_level::warn},
    {"info", log_level::info},
    {"debug", log_level::debug},
}};

std::string_view or_dash(std::string_view s) {
    return s.empty() ? std::string_view("-") : s;
}
} // namespace

std::optional<log_level> parse_log_level(std::string_view s) noexcept {
    for (auto const& [name, level] : level_names)
        if (name == s)
            return level;
    return std::nullopt;
}

std::string_view to_string(log_level l) noexcept {
    for (auto const& [name, level] : level_names)
        if (level == l)
            return name;
    return "?";
}

std::string iso_time(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    auto const ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
    std::time_t const secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms % 1000));
    return buf;
}

std::string format_request_line(request_record const& r,
                                std::chrono::system_clock::time_point now) {
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.3fms",
                  static_cast<double>(r.duration.count()) / 1000.0);
    std::string line = iso_time(now);
    line.append(" ").append(or_dash(r.method));
    line.append(" ").append(or_dash(r.target));
    line.append(" ").append(std::to_string(r.status));
    line.append(" code=").append(std::to_string(r.code));
    line.append(" app=").append(or_dash(r.app_key));
    line.append(" rule=").append(or_dash(r.rule));
    line.append(" ").append(duration);
    if (!r.hint.empty())
        line.append(" hint=\"").append(r.hint).append("\"");
    return line;
}

void logger::emit(std::string_view line) {
    *out_ << line << '\n';
    out_->flush();
}

void logger::write(log_level l, std::string_view message) {
    if (!enabled(l))
        return;
    std::string line = iso_time(std::chrono::system_clock::now());
    line.append(" ").append(to_string(l)).append(" ").append(message);
    emit(line);
}

void logger::request(request_record const& r) {
    if (enabled(log_level::info))
        emit(format_request_line(r, std::chrono::system_clock::now()));
}

} // namespace push::transport
