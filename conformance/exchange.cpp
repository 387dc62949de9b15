// Exchanges as reports show them: UTF-8 detection, secrets redacted from bodies, and curl
// commands that reproduce a request without holding a secret or a reusable signature.
#include "conformance/base64.hpp"
#include "conformance/runner_context.hpp"

namespace push::conformance {

bool valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        // Continuation bytes after the lead byte; 9 marks an invalid lead byte.
        std::size_t n = c < 0x80 ? 0
                      : (c >> 5) == 0x6 ? 1
                      : (c >> 4) == 0xE ? 2
                      : (c >> 3) == 0x1E ? 3
                      : 9;
        if (n == 9 || (n == 1 && c < 0xC2) || i + n >= s.size() + (n == 0)) return false;
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

bool detail::is_signature_header(std::string_view name) {
    return same_name(name, "Signature") || same_name(name, "RC-Signature");
}

namespace {

void redact_value(json::value& v) {
    if (v.is_array())
        for (auto& e : v.get_array()) redact_value(e);
    if (!v.is_object()) return;
    for (auto& [k, e] : v.get_object()) {
        if (k == "secret" || k == "app_secret") e = "<redacted>";
        else redact_value(e);
    }
}

std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

} // namespace

std::string redact_secrets(std::string const& body) {
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec || !(v.is_object() || v.is_array())) return body;
    redact_value(v);
    return json::serialize(v);
}

std::string curl_command(exchange_record const& r, bool real_target, signature_values const* sig) {
    std::string cmd = "curl -sS -i -X " + shell_quote(r.method) + " " + shell_quote(r.url);
    for (auto const& [n, v] : r.request_headers) {
        if (real_target && sig && sig->computed && detail::is_signature_header(n)) {
            // Recompute the signature from the secret in the environment, never store it.
            bool upper = !v.empty() && v.find_first_of("ABCDEF") != std::string::npos;
            cmd += " -H \"" + n + ": $(printf '%s' \"$PUSH_APP_SECRET\"" + shell_quote(sig->nonce) +
                   shell_quote(sig->timestamp) + " | sha1sum | cut -c1-40" +
                   (upper ? " | tr a-f A-F" : "") + ")\"";
            continue;
        }
        cmd += " -H " + shell_quote(n + ": " + v);
    }
    if (!r.request_body) return cmd;
    if (valid_utf8(*r.request_body))
        return cmd + " --data-binary " + shell_quote(*r.request_body);
    return "printf '%s' " + shell_quote(encode_base64(*r.request_body)) + " | base64 -d | " + cmd +
           " --data-binary @-";
}

} // namespace push::conformance
