#include "conformance/run/redaction.hpp"

#include "conformance/target/http_client.hpp"

#include <boost/json.hpp>

namespace push::conformance {

namespace {

void redact_value(boost::json::value& v) {
    if (v.is_array())
        for (auto& e : v.get_array())
            redact_value(e);
    if (!v.is_object())
        return;
    for (auto& [k, e] : v.get_object()) {
        if (k == "secret" || k == "app_secret")
            e = "<redacted>";
        else
            redact_value(e);
    }
}

} // namespace

std::string redact_secrets(std::string const& body) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec || !(v.is_object() || v.is_array()))
        return body;
    redact_value(v);
    return boost::json::serialize(v);
}

bool is_signature_header(std::string_view name) {
    return same_name(name, "Signature") || same_name(name, "RC-Signature");
}

} // namespace push::conformance
