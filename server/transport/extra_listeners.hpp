// The listeners beside --port: the backup host (--backup-port, the emulator's api-b) and HTTPS
// on either host (--tls-port, --backup-tls-port), all serving one state through one session
// context. Opened before the banner, so a port that cannot be bound or a certificate that
// cannot be used stops the start with a message naming the flag.
#pragma once

#include "transport/listener.hpp"
#include "transport/tls.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace push::transport {

/// What the flags ask for; every port may be 0 (a free one).
struct extra_listener_options {
    std::optional<std::uint16_t> backup_port;
    std::optional<std::uint16_t> tls_port;
    std::optional<std::uint16_t> backup_tls_port;
    tls_options tls;
    std::optional<std::string> cert_out; // --tls-cert-out
};

/// Why the listeners could not start: 1 for a port that cannot be bound, 2 for a bad
/// certificate, key or --tls-cert-out file (as for any bad flag).
struct listener_failure {
    int exit_code = 1;
    std::string message;
};

class extra_listeners {
public:
    /// Opens every listener asked for on `address`, and makes the TLS context when one is
    /// HTTPS (writing --tls-cert-out). nullopt with `failure` set when something fails.
    static std::optional<extra_listeners> open(net::io_context& ioc,
                                               net::ip::address const& address,
                                               extra_listener_options const& options,
                                               listener_failure& failure);

    /// One banner line per listener: "backup: http://HOST:PORT", "https: https://HOST:PORT
    /// (self-signed certificate)".
    std::vector<std::string> banner_lines(std::string const& url_host) const;
    /// Starts an accept loop per listener; `ctx` must outlive the I/O context's run.
    void start(net::io_context& ioc, session_context& ctx);

private:
    struct bound {
        listener_info where;
        bool tls = false;
        tcp::acceptor acceptor;
    };
    std::vector<bound> listeners_;
    std::optional<tls_setup> tls_;
};

} // namespace push::transport
