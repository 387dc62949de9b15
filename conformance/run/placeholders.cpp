#include "conformance/run/placeholders.hpp"

#include <string_view>

namespace push::conformance {

namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
    return s;
}

} // namespace

std::string fill_app(std::string text, std::string const& app_key) {
    return replace_all(std::move(text), "{app}", app_key);
}

std::string fill_header(std::string value, signature_values const& sig,
                        std::string const& app_key) {
    value = replace_all(std::move(value), "{app_key}", sig.app_key);
    value = replace_all(std::move(value), "{nonce}", sig.nonce);
    value = replace_all(std::move(value), "{timestamp}", sig.timestamp);
    value = replace_all(std::move(value), "{signature}", sig.signature);
    return fill_app(std::move(value), app_key);
}

} // namespace push::conformance
