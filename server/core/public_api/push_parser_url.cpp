#include "core/public_api/push_parser_url.hpp"

#include "core/model/text.hpp"

namespace push::core {
namespace {

/// "<scheme>" followed by at least one character, the scheme compared case-insensitively.
bool has_scheme(std::string_view url, std::string_view scheme) {
    return url.size() > scheme.size() && istarts_with(url, scheme);
}

} // namespace

void read_image_url(object_reader& r, std::string_view key, std::optional<std::string>& out,
                    std::string_view type_rule, std::string_view url_rule) {
    std::optional<std::string> s;
    r.read_string(key, s, type_rule);
    if (!s)
        return;
    if (has_scheme(*s, "https://")) {
        out = std::move(s);
        return;
    }
    bool const strict = r.context().profile == profile::strict;
    // [D-13] strict: the documentation's https:// only.
    if (strict)
        return r.fail_member(key, "must be an https:// URL", url_rule);
    // [D-13] lenient: any absolute http(s):// URL; http:// is accepted with a warning.
    if (!has_scheme(*s, "http://"))
        return r.fail_member(key, "must be an absolute http:// or https:// URL", url_rule);
    r.context().warnings.push_back(r.path_of(key) +
                                   " is an http:// URL: accepted in the lenient profile, "
                                   "the strict profile requires https:// [D-13]");
    out = std::move(s);
}

} // namespace push::core
