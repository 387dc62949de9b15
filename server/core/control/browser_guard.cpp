#include "core/control/browser_guard.hpp"

#include "core/model/text.hpp"

#include <algorithm>

namespace push::core {
namespace {

/// The host part of a Host header value: "[::1]:8080" → "::1", "a.b:80" → "a.b".
std::string_view host_name(std::string_view host) {
    if (host.starts_with('[')) {
        auto const end = host.find(']');
        return end == std::string_view::npos ? host : host.substr(1, end - 1);
    }
    return host.substr(0, host.find(':'));
}

/// Four decimal numbers of at most 255, dot-separated.
bool is_ipv4(std::string_view s) {
    int parts = 0;
    while (parts < 4) {
        std::size_t digits = 0;
        int value = 0;
        while (digits < s.size() && digits < 3 && s[digits] >= '0' && s[digits] <= '9')
            value = value * 10 + (s[digits++] - '0');
        if (digits == 0 || value > 255)
            return false;
        s.remove_prefix(digits);
        if (++parts < 4) {
            if (s.empty() || s.front() != '.')
                return false;
            s.remove_prefix(1);
        }
    }
    return s.empty();
}

/// Hex digits, colons and dots (an IPv4 tail): the inside of "[…]".
bool is_ipv6(std::string_view s) {
    return !s.empty() && s.find(':') != std::string_view::npos &&
           std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f') ||
                      c == ':' || c == '.';
           });
}

bool is_allowed_host(std::string_view host, server_settings const& settings) {
    auto const name = host_name(host);
    if (is_ipv4(name) || is_ipv6(name) || iequals(name, "localhost"))
        return true;
    constexpr std::string_view local_suffix = ".localhost";
    if (name.size() > local_suffix.size() &&
        iequals(name.substr(name.size() - local_suffix.size()), local_suffix))
        return true;
    return std::any_of(settings.allowed_hosts.begin(), settings.allowed_hosts.end(),
                       [&](std::string const& allowed) { return iequals(allowed, name); });
}

bool changes_state(std::string_view method) {
    return method != "GET" && method != "HEAD";
}

} // namespace

bool is_same_origin(api_request const& req) {
    if (auto const* site = req.find_header("Sec-Fetch-Site"); site && iequals(*site, "cross-site"))
        return false;
    auto const* origin = req.find_header("Origin");
    if (!origin)
        return true;
    auto const* host = req.find_header("Host");
    if (!host)
        return false;
    for (std::string_view scheme : {"http://", "https://"})
        if (istarts_with(*origin, scheme) && iequals(origin->substr(scheme.size()), *host))
            return true;
    return false;
}

api_result<void> check_browser(api_request const& req, server_settings const& settings) {
    // emulator/host: against DNS rebinding.
    if (auto const* host = req.find_header("Host"); host && !is_allowed_host(*host, settings)) {
        bool replaced = false;
        return errors::forbidden("Host " + to_valid_utf8(*host, replaced) +
                                     " is not allowed for the control API: it answers to "
                                     "localhost and IP addresses (add names with --allow-host)",
                                 "emulator/host");
    }
    // emulator/origin: a page of another origin cannot change the emulator's state.
    if (changes_state(req.method) && !is_same_origin(req))
        return errors::forbidden("a request from another origin cannot change the emulator "
                                 "(the Origin or Sec-Fetch-Site header says it comes from a web "
                                 "page elsewhere)",
                                 "emulator/origin");
    return {};
}

} // namespace push::core
