#include "core/model/message.hpp"

#include "core/model/text.hpp"

namespace push::core {

std::string const* api_request::find_header(std::string_view name) const {
    for (auto const& h : headers)
        if (iequals(h.name, name))
            return &h.value;
    return nullptr;
}

api_response error_response(api_error e) {
    api_response r;
    r.result = std::move(e);
    return r;
}

api_result<json::value> parse_json_body(std::string_view body, json::storage_ptr storage) {
    // body/non-empty: "no POST data" (JSON's white space only)
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return errors::empty_body();
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = max_json_depth;
    json::value v = json::parse(body, ec, std::move(storage), opts);
    // body/json: bytes that are not UTF-8 are a syntax error to the parser; say which byte.
    if (ec) {
        if (auto const bad = first_invalid_utf8(body); bad != std::string_view::npos)
            return errors::malformed_json("not valid UTF-8 at byte " + std::to_string(bad));
        return errors::malformed_json(ec.message());
    }
    return v;
}

// http/path-normalization [D-12]: "//push.json?x=1" is "/push.json".
std::string normalize_path(std::string_view target) {
    // RFC 9112 §3.2.2: a server accepts the absolute form "http://host/path"; the host is
    // ignored (FACTS §8).
    if (auto const scheme = target.find("://");
        scheme != std::string_view::npos && target.find_first_of("/?#") > scheme) {
        auto const path = target.find_first_of("/?#", scheme + 3);
        target = path == std::string_view::npos ? std::string_view("/") : target.substr(path);
    }
    auto const q = target.find_first_of("?#");
    if (q != std::string_view::npos)
        target = target.substr(0, q);
    std::string out;
    out.reserve(target.size() + 1);
    for (char c : target) {
        if (c == '/' && !out.empty() && out.back() == '/')
            continue;
        out.push_back(c);
    }
    if (out.empty() || out.front() != '/')
        out.insert(out.begin(), '/');
    return out;
}

std::string_view query_of(std::string_view target) {
    auto const q = target.find('?');
    if (q == std::string_view::npos)
        return {};
    auto rest = target.substr(q + 1);
    auto const h = rest.find('#');
    return h == std::string_view::npos ? rest : rest.substr(0, h);
}

} // namespace push::core
