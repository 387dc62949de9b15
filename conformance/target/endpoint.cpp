#include "conformance/target/endpoint.hpp"

#include <string_view>

namespace push::conformance {

std::string endpoint::url() const {
    std::string u = tls ? "https://" : "http://";
    u += host;
    if (port != (tls ? "443" : "80"))
        u += ":" + port;
    return u + base;
}

result<endpoint> parse_endpoint(std::string const& url) {
    endpoint e;
    std::string_view rest = url;
    if (rest.rfind("https://", 0) == 0) {
        e.tls = true;
        rest.remove_prefix(8);
    } else if (rest.rfind("http://", 0) == 0) {
        rest.remove_prefix(7);
    } else {
        return fail("the URL must start with http:// or https://");
    }
    auto slash = rest.find('/');
    auto authority = rest.substr(0, slash);
    e.base = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
    while (!e.base.empty() && e.base.back() == '/')
        e.base.pop_back();
    auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        e.host = std::string(authority.substr(0, colon));
        e.port = std::string(authority.substr(colon + 1));
    } else {
        e.host = std::string(authority);
        e.port = e.tls ? "443" : "80";
    }
    if (e.host.size() > 2 && e.host.front() == '[' && e.host.back() == ']')
        e.host = e.host.substr(1, e.host.size() - 2);
    bool digits = !e.port.empty() && e.port.size() <= 5 &&
                  e.port.find_first_not_of("0123456789") == std::string::npos;
    if (e.host.empty() || !digits)
        return fail("the URL needs a host and a numeric port");
    return e;
}

} // namespace push::conformance
