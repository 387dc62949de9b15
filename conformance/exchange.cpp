// Exchanges as reports show them: UTF-8 detection, user secrets redacted from bodies, and curl
// commands that reproduce a request without holding a user secret or a reusable signature.
#include "conformance/base64.hpp"
#include "conformance/fixture_curl.hpp"
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

namespace {

bool named(std::string_view header, std::string_view name) {
    return same_name(header, name) || same_name(header, "RC-" + std::string(name));
}

// `-H` for one header as sent: an empty value needs `Name;` (curl drops `Name:` headers).
std::string header_arg(std::string const& n, std::string const& v) {
    return " -H " + shell_quote(v.empty() ? n + ";" : n + ": " + v);
}

// $(...) computing the signature in the shell from the secret, nonce and timestamp words.
std::string shell_signature(curl_signing const& how, std::string const& nonce,
                            std::string const& timestamp, bool upper) {
    auto secret = how.secret ? shell_quote(*how.secret) : std::string("\"$PUSH_APP_SECRET\"");
    return "$(printf '%s' " + secret + nonce + timestamp + " | sha1sum | cut -c1-40" +
           (upper ? " | tr a-f A-F" : "") + ")";
}

} // namespace

std::string curl_command(exchange_record const& r, curl_signing const& how) {
    auto const* sig = how.sent;
    bool fresh = how.fresh && sig && sig->computed;
    std::string cmd = "curl -sS -i -X " + shell_quote(r.method) + " " + shell_quote(r.url);
    bool has_type = false;
    for (auto const& [n, v] : r.request_headers) {
        has_type = has_type || same_name(n, "Content-Type");
        bool signed_value = sig && sig->computed && named(n, "Signature") && v == sig->signature;
        bool upper = v.find_first_of("ABCDEF") != std::string::npos;
        if (fresh && named(n, "Nonce") && v == sig->nonce) {
            cmd += " -H \"" + n + ": $N\"";
        } else if (fresh && named(n, "Timestamp") && v == sig->timestamp) {
            cmd += " -H \"" + n + ": $T\"";
        } else if (fresh && signed_value) {
            cmd += " -H \"" + n + ": " + shell_signature(how, "\"$N\"", "\"$T\"", upper) + "\"";
        } else if (signed_value && !how.secret) {
            // Recompute a user-secret signature in the shell, never store it.
            cmd += " -H \"" + n + ": " +
                   shell_signature(how, shell_quote(sig->nonce), shell_quote(sig->timestamp),
                                   upper) +
                   "\"";
        } else if (same_name(n, "X-Emulator-Token")) {
            cmd += " -H \"" + n + ": $PUSH_ADMIN_TOKEN\""; // user-provided: from the environment
        } else {
            cmd += header_arg(n, v);
        }
    }
    if (fresh) {
        auto now = how.seconds ? std::string("$(date +%s)") : std::string("$(date +%s)000");
        auto skew = how.seconds ? how.skew_ms / 1000 : how.skew_ms;
        cmd = "N=$(od -An -N4 -tu4 /dev/urandom | tr -d ' \\n'); T=$((" + now +
              (skew < 0 ? " - " : " + ") + std::to_string(skew < 0 ? -skew : skew) + ")); " +
              cmd;
    }
    if (!r.request_body) return cmd;
    if (!has_type) cmd += " -H 'Content-Type:'";
    if (valid_utf8(*r.request_body))
        return cmd + " --data-binary " + shell_quote(*r.request_body);
    auto at = fresh ? cmd.find("curl ") : 0;
    return cmd.substr(0, at) + "printf '%s' " + shell_quote(encode_base64(*r.request_body)) +
           " | base64 -d | " + cmd.substr(at) + " --data-binary @-";
}

} // namespace push::conformance
