#include "transport/extra_listeners.hpp"

#include <fstream>

namespace push::transport {

namespace {

struct wanted {
    char const* flag;
    char const* name;
    core::service_host host;
    bool tls;
    std::optional<std::uint16_t> port;
};

/// Writes the certificate's PEM for clients to trust; "" or the message naming the flag.
std::string write_cert_out(std::string const& path, std::string const& pem) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << pem;
    out.close();
    return out ? std::string() : "--tls-cert-out: cannot write " + path;
}

} // namespace

std::optional<extra_listeners> extra_listeners::open(net::io_context& ioc,
                                                     net::ip::address const& address,
                                                     extra_listener_options const& options,
                                                     listener_failure& failure) {
    extra_listeners out;
    wanted const all[] = {
        {"--backup-port", "backup", core::service_host::backup, false, options.backup_port},
        {"--tls-port", "primary-tls", core::service_host::primary, true, options.tls_port},
        {"--backup-tls-port", "backup-tls", core::service_host::backup, true,
         options.backup_tls_port}};
    for (auto const& w : all) {
        if (!w.port)
            continue;
        if (w.tls && !out.tls_) {
            std::string error;
            out.tls_ = make_tls_setup(options.tls, error);
            if (!out.tls_) {
                failure = {2, error};
                return std::nullopt;
            }
            if (options.cert_out)
                if (auto e = write_cert_out(*options.cert_out, out.tls_->certificate_pem);
                    !e.empty()) {
                    failure = {2, e};
                    return std::nullopt;
                }
        }
        // Open the listener
        auto acceptor = open_acceptor(ioc, tcp::endpoint(address, *w.port));
        if (!acceptor) {
            failure = {1, std::string(w.flag) + ": cannot listen on " + address.to_string() + ':' +
                              std::to_string(*w.port) + ": " + acceptor.error().message()};
            return std::nullopt;
        }
        out.listeners_.push_back({{w.name, w.host}, w.tls, std::move(*acceptor)});
    }
    return out;
}

std::vector<std::string> extra_listeners::banner_lines(std::string const& url_host) const {
    std::vector<std::string> lines;
    for (auto const& l : listeners_) {
        auto line = l.where.name + ": " + (l.tls ? "https://" : "http://") + url_host + ':' +
                    std::to_string(l.acceptor.local_endpoint().port());
        if (l.tls && tls_->self_signed)
            line += " (self-signed certificate for localhost, 127.0.0.1, ::1)";
        lines.push_back(std::move(line));
    }
    return lines;
}

void extra_listeners::start(net::io_context& ioc, session_context& ctx) {
    for (auto& l : listeners_)
        net::co_spawn(
            ioc,
            accept_loop(std::move(l.acceptor), ctx, l.where, l.tls ? tls_->context.get() : nullptr),
            net::detached);
}

} // namespace push::transport
