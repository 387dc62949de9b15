// HTTPS: the server's TLS context (TLS 1.2 and 1.3) from a certificate and key in PEM files, or
// from a self-signed certificate made at start, in memory, for localhost, 127.0.0.1 and ::1. The
// stream type of an HTTPS connection is Beast's SSL stream over the same tcp_stream.
#pragma once

#include "transport/net.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <memory>
#include <optional>
#include <string>

namespace push::transport {

namespace ssl = boost::asio::ssl;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

/// Where the certificate comes from: both files, or neither (then a self-signed one is made).
struct tls_options {
    std::optional<std::string> cert_file; // --tls-cert: PEM certificate (chain)
    std::optional<std::string> key_file;  // --tls-key: PEM private key
};

/// A server context, and the PEM of the certificate it presents (for --tls-cert-out).
struct tls_setup {
    std::unique_ptr<ssl::context> context;
    std::string certificate_pem;
    bool self_signed = false;
};

/// Builds the context from `options`. On failure, `error` is one line naming the flag at fault
/// ("--tls-key: key.pem does not match the certificate of --tls-cert") and the result is empty.
std::optional<tls_setup> make_tls_setup(tls_options const& options, std::string& error);

} // namespace push::transport
