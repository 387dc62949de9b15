// A target base URL: http://127.0.0.1:8080 or https://api.rong-api.com[/base].
#pragma once

#include "conformance/result.hpp"

#include <string>

namespace push::conformance {

struct endpoint {
    bool tls = false;
    std::string host;
    std::string port;
    std::string base; // path prefix without a trailing slash, usually ""
    /// HTTPS: a PEM file of certificates trusted besides the system's (--cacert), or "".
    std::string ca_file;
    /// scheme://host[:port][base], as given.
    std::string url() const;
};

/// Parses an http:// or https:// URL with a host and a numeric port (or the scheme's default).
result<endpoint> parse_endpoint(std::string const& url);

} // namespace push::conformance
