#include "core/control/console.hpp"

namespace push::core {
namespace {

constexpr std::string_view console_root = "/_emulator/ui";

api_response with_headers(api_response res, std::initializer_list<header> headers) {
    for (auto const& h : headers)
        res.headers.push_back(h);
    return res;
}

} // namespace

bool is_console_path(std::string_view p) noexcept {
    return p.substr(0, console_root.size()) == console_root &&
           (p.size() == console_root.size() || p[console_root.size()] == '/');
}

api_response serve_console(api_request const& req, std::string_view path) {
    // http/method [D-6]: the console's files are read only.
    if (req.method != "GET" && req.method != "HEAD")
        return with_headers(error_response(errors::method_not_allowed(req.method, "GET, HEAD")),
                            {{"Allow", "GET, HEAD"}});
    api_response res;
    if (path == console_root) {
        // The page's relative links need the trailing slash.
        res.success_status = 308;
        res.raw = raw_body{"text/plain; charset=utf-8", ""};
        return with_headers(std::move(res), {{"Location", "/_emulator/ui/"}});
    }
    auto name = path.substr(console_root.size() + 1);
    if (name.empty())
        name = "index.html";
    for (auto const& asset : console_assets()) {
        if (asset.name != name)
            continue;
        // The files change only with the binary: a browser may keep them, but asks again
        // (If-None-Match) before each use, so a new build is never hidden by the cache.
        auto const* seen = req.find_header("If-None-Match");
        bool const fresh = seen && *seen == asset.etag;
        res.success_status = fresh ? 304 : 200;
        res.raw = raw_body{asset.content_type, fresh ? std::string() : std::string(asset.bytes)};
        return with_headers(
            std::move(res),
            {{"ETag", std::string(asset.etag)},
             {"Cache-Control", "no-cache"},
             {"X-Content-Type-Options", "nosniff"},
             {"Content-Security-Policy", "default-src 'self'; img-src 'self' data: http: https:; "
                                         "frame-ancestors 'none'"},
             {"Referrer-Policy", "no-referrer"}});
    }
    // http/route [D-6]
    return error_response(errors::not_found(path));
}

} // namespace push::core
