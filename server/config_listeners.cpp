// The listeners beside --port: the backup host and HTTPS, with their certificate. Flags only
// (like --ready-fd): a port or a key file belongs to one run, not to a shared config file.
#include "config_options.hpp"

#include <charconv>

namespace push::config_detail {

namespace {

problem port_into(std::optional<std::uint16_t>& out, std::string_view text) {
    unsigned v = 0;
    auto const* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || p != end || v > 65535)
        return "expected an integer from 0 to 65535, got " + quoted(text);
    out = static_cast<std::uint16_t>(v);
    return std::nullopt;
}

problem file_into(std::optional<std::string>& out, std::string_view text) {
    if (text.empty())
        return "must not be empty";
    out = std::string(text);
    return std::nullopt;
}

} // namespace

std::vector<option> listener_options() {
    using k = json_kind;
    return {
        {"--backup-port", "", k::integer, "N",
         "TCP port of the backup host (api-b): the same service, apps, quota and journal; 0 "
         "picks a free port (default none)",
         [](emulator_config& c, std::string_view t) {
             return port_into(c.listeners.backup_port, t);
         }},
        {"--tls-port", "", k::integer, "N",
         "HTTPS port serving the same API and state; 0 picks a free port (default none)",
         [](emulator_config& c, std::string_view t) { return port_into(c.listeners.tls_port, t); }},
        {"--backup-tls-port", "", k::integer, "N",
         "HTTPS port of the backup host; 0 picks a free port (default none)",
         [](emulator_config& c, std::string_view t) {
             return port_into(c.listeners.backup_tls_port, t);
         }},
        {"--tls-cert", "", k::string, "FILE",
         "PEM certificate (chain) for HTTPS, with --tls-key (default: a self-signed certificate "
         "for localhost, 127.0.0.1 and ::1, made at start)",
         [](emulator_config& c, std::string_view t) { return file_into(c.listeners.tls_cert, t); }},
        {"--tls-key", "", k::string, "FILE", "PEM private key of --tls-cert (default none)",
         [](emulator_config& c, std::string_view t) { return file_into(c.listeners.tls_key, t); }},
        {"--tls-cert-out", "", k::string, "FILE",
         "write the HTTPS certificate as PEM to FILE at start, for clients to trust "
         "(default none)",
         [](emulator_config& c, std::string_view t) {
             return file_into(c.listeners.tls_cert_out, t);
         }},
    };
}

problem check_listeners(emulator_config const& config) {
    auto const& l = config.listeners;
    if (l.tls_cert && !l.tls_key)
        return std::string("--tls-cert: needs --tls-key");
    if (l.tls_key && !l.tls_cert)
        return std::string("--tls-key: needs --tls-cert");
    if (!l.any_tls()) {
        if (l.tls_cert)
            return std::string("--tls-cert: needs --tls-port or --backup-tls-port");
        if (l.tls_cert_out)
            return std::string("--tls-cert-out: needs --tls-port or --backup-tls-port");
    }
    // Two listeners on one fixed port: the second could never bind.
    std::pair<std::string_view, std::optional<std::uint16_t>> const ports[] = {
        {"--port", config.port},
        {"--backup-port", l.backup_port},
        {"--tls-port", l.tls_port},
        {"--backup-tls-port", l.backup_tls_port}};
    for (std::size_t i = 0; i < std::size(ports); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (ports[i].second && ports[j].second && *ports[i].second != 0 &&
                *ports[i].second == *ports[j].second)
                return std::string(ports[i].first) + ": port " + std::to_string(*ports[i].second) +
                       " is " + std::string(ports[j].first) + "'s already";
    return std::nullopt;
}

} // namespace push::config_detail
