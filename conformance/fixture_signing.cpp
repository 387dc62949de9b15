// Reading a request's "signing": "auto", "none", or an object of overrides (credentials, nonce,
// timestamp, signature, header prefix and case, omitted headers).
#include "conformance/fixture_reader.hpp"

#include <algorithm>

namespace push::conformance::detail {

namespace {

constexpr char const* signing_shape = "must be \"auto\", \"none\" or an object of overrides";

// "omit": the signing headers (named without prefix) not to send.
load_result<void> omitted_headers(reader const& rd, signing_spec& s, json::value const& val,
                                  std::string const& p) {
    static constexpr std::string_view names[] = {"App-Key", "Nonce", "Timestamp", "Signature"};
    if (!val.is_array()) return rd.fail(p, "must be an array of header names");
    for (std::size_t i = 0; i < val.get_array().size(); ++i) {
        auto const& n = val.get_array()[i];
        if (!n.is_string() ||
            std::find(std::begin(names), std::end(names), n.get_string()) == std::end(names))
            return rd.fail(child(p, i), "must be App-Key, Nonce, Timestamp or Signature");
        s.omit.emplace_back(n.get_string());
    }
    return {};
}

} // namespace

load_result<signing_spec> reader::signing(json::value const& v, std::string const& p) const {
    signing_spec s;
    if (v.is_string()) {
        if (v.get_string() == "auto") return s;
        if (v.get_string() == "none") {
            s.enabled = false;
            return s;
        }
        return fail(p, signing_shape);
    }
    auto obj = object(v, p);
    if (!obj) return fail(p, signing_shape);
    for (auto const& [key, val] : **obj) {
        auto r = signing_override(s, key, val, child(p, key));
        if (!r) return r.error();
    }
    return s;
}

load_result<void> reader::signing_override(signing_spec& s, std::string_view key,
                                           json::value const& val, std::string const& p) const {
    auto text = [&](std::optional<std::string>& out) -> load_result<void> {
        auto r = string(val, p);
        if (!r) return r.error();
        out = std::move(*r);
        return {};
    };
    if (key == "app_key") return text(s.app_key);
    if (key == "nonce") return text(s.nonce);
    if (key == "timestamp") return text(s.timestamp);
    if (key == "signature") return text(s.signature);
    if (key == "secret") return text(s.secret);
    if (key == "prefix") {
        auto t = string(val, p);
        if (!t) return t.error();
        s.prefix = *t;
    } else if (key == "uppercase") {
        auto b = boolean(val, p);
        if (!b) return b.error();
        s.uppercase = *b;
    } else if (key == "timestamp_unit") {
        if (val != json::value("s") && val != json::value("ms"))
            return fail(p, "must be \"s\" or \"ms\"");
        s.seconds = val == json::value("s");
    } else if (key == "timestamp_offset") {
        auto d = parse_duration_ms(val);
        if (!d) return fail(p, "must be a duration such as \"-301s\" or an integer of ms");
        s.timestamp_offset_ms = *d;
    } else if (key == "omit") {
        return omitted_headers(*this, s, val, p);
    } else {
        return fail(p, "unknown signing override '" + std::string(key) + "'");
    }
    return {};
}

} // namespace push::conformance::detail
