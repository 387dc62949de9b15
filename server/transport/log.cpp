#include "transport/log.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
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

namespace {

/// "YYYY-MM-DDTHH:MM:SS" of a second since the epoch; the last one is kept, as a server logs
/// many lines in the same second.
std::string_view second_text(std::int64_t secs) {
    thread_local std::int64_t cached = -1;
    thread_local char text[64];
    if (secs != cached) {
        std::time_t const t = static_cast<std::time_t>(secs);
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                      tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        cached = secs;
    }
    return text;
}

/// `n` with at least `width` digits, zero-padded.
void append_padded(std::string& out, std::int64_t n, int width) {
    if (n < 0) {
        out += '-';
        n = -n; // never INT64_MIN here: statuses, codes and milliseconds
    }
    char digits[24];
    int len = 0;
    do {
        digits[len++] = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n > 0 || len < width);
    while (len > 0)
        out += digits[--len];
}

void append_field(std::string& out, std::string_view s) {
    append_escaped(out, or_dash(s));
}

} // namespace

void append_escaped(std::string& out, std::string_view s) {
    constexpr char hex[] = "0123456789abcdef";
    for (char c : s) {
        auto const b = static_cast<unsigned char>(c);
        if (b > ' ' && b < 0x7f && c != '\\') {
            out += c;
            continue;
        }
        out.append("\\x").append(1, hex[b >> 4]).append(1, hex[b & 0xf]);
    }
}

std::string iso_time(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    auto const ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
    std::string out(second_text(ms / 1000));
    out += '.';
    append_padded(out, ms % 1000, 3);
    out += 'Z';
    return out;
}

std::string format_request_line(request_record const& r,
                                std::chrono::system_clock::time_point now) {
    std::string line = iso_time(now);
    line.reserve(line.size() + 96 + r.target.size());
    line += ' ';
    append_field(line, r.method);
    line += ' ';
    append_field(line, r.target);
    line += ' ';
    append_padded(line, r.status, 1);
    line.append(" code=");
    append_padded(line, r.code, 1);
    line.append(" app=");
    append_field(line, r.app_key);
    line.append(" rule=");
    append_field(line, r.rule);
    // The duration in milliseconds with three decimals: "1.500ms".
    auto const us = std::max<std::int64_t>(r.duration.count(), 0);
    line += ' ';
    append_padded(line, us / 1000, 1);
    line += '.';
    append_padded(line, us % 1000, 3);
    line.append("ms");
    if (!r.host.empty())
        line.append(" host=").append(r.host);
    // A hint is our own text (how to fix a refusal); quoted, it may hold spaces.
    if (!r.hint.empty())
        line.append(" hint=\"").append(r.hint).append("\"");
    return line;
}

void logger::emit(std::string_view line) {
    if (!post_) {
        *out_ << line << '\n';
        out_->flush();
        return;
    }
    // Gather; the first line of a batch asks for a flush once the loop has run what is ready.
    bool const first = pending_.empty();
    pending_.append(line).append(1, '\n');
    if (first)
        post_([this] { flush(); });
}

void logger::flush() {
    if (pending_.empty())
        return;
    out_->write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
    out_->flush();
    pending_.clear();
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
