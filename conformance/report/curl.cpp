#include "conformance/report/curl.hpp"

#include "conformance/text/base64.hpp"
#include "conformance/text/utf8.hpp"

namespace push::conformance {

namespace {

std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

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

// `-H` for one header as sent; with `fresh`, the nonce, timestamp and signature the shell
// computes stand in for the values the case sent.
std::string header_option(std::string const& n, std::string const& v, curl_signing const& how,
                          bool fresh) {
    auto const* sig = how.sent;
    bool signed_value = sig && sig->computed && named(n, "Signature") && v == sig->signature;
    bool upper = v.find_first_of("ABCDEF") != std::string::npos;
    if (fresh && named(n, "Nonce") && v == sig->nonce)
        return " -H \"" + n + ": $N\"";
    if (fresh && named(n, "Timestamp") && v == sig->timestamp)
        return " -H \"" + n + ": $T\"";
    if (fresh && signed_value)
        return " -H \"" + n + ": " + shell_signature(how, "\"$N\"", "\"$T\"", upper) + "\"";
    if (signed_value && !how.secret) {
        // Recompute a user-secret signature in the shell, never store it.
        auto computed =
            shell_signature(how, shell_quote(sig->nonce), shell_quote(sig->timestamp), upper);
        return " -H \"" + n + ": " + computed + "\"";
    }
    if (same_name(n, "X-Emulator-Token"))
        return " -H \"" + n + ": $PUSH_ADMIN_TOKEN\""; // user-provided: from the environment
    return header_arg(n, v);
}

// The shell words that set N (a fresh nonce) and T (the timestamp, skewed as the case's was).
std::string fresh_values(curl_signing const& how) {
    auto now = how.seconds ? std::string("$(date +%s)") : std::string("$(date +%s)000");
    auto skew = how.seconds ? how.skew_ms / 1000 : how.skew_ms;
    return "N=$(od -An -N4 -tu4 /dev/urandom | tr -d ' \\n'); T=$((" + now +
           (skew < 0 ? " - " : " + ") + std::to_string(skew < 0 ? -skew : skew) + ")); ";
}

} // namespace

std::string curl_command(exchange_record const& r, curl_signing const& how) {
    bool fresh = how.fresh && how.sent && how.sent->computed;
    std::string cmd = "curl -sS -i -X " + shell_quote(r.method) + " " + shell_quote(r.url);
    bool has_type = false;
    for (auto const& [n, v] : r.request_headers) {
        has_type = has_type || same_name(n, "Content-Type");
        cmd += header_option(n, v, how, fresh);
    }
    if (fresh)
        cmd = fresh_values(how) + cmd;
    if (!r.request_body)
        return cmd;
    if (!has_type)
        cmd += " -H 'Content-Type:'";
    if (valid_utf8(*r.request_body))
        return cmd + " --data-binary " + shell_quote(*r.request_body);
    // Bytes that are not text go through base64, after the N and T assignments.
    auto at = fresh ? cmd.find("curl ") : 0;
    return cmd.substr(0, at) + "printf '%s' " + shell_quote(encode_base64(*r.request_body)) +
           " | base64 -d | " + cmd.substr(at) + " --data-binary @-";
}

} // namespace push::conformance
