#include "core/model/form.hpp"

namespace push::core {
namespace {

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::optional<std::string> url_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= s.size())
                return std::nullopt;
            int const hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::optional<form_fields> parse_form(std::string_view body) {
    form_fields out;
    while (!body.empty()) {
        auto const amp = body.find('&');
        auto piece = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        // Tolerate the line break some clients leave at the end of a form body.
        while (!piece.empty() && (piece.back() == '\r' || piece.back() == '\n'))
            piece.remove_suffix(1);
        if (piece.empty())
            continue;
        auto const eq = piece.find('=');
        auto key = url_decode(piece.substr(0, eq));
        auto value =
            url_decode(eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1));
        if (!key || !value)
            return std::nullopt;
        out.emplace_back(std::move(*key), std::move(*value));
    }
    return out;
}

std::string const* find_field(form_fields const& f, std::string_view key) {
    for (auto const& [k, v] : f)
        if (k == key)
            return &v;
    return nullptr;
}

} // namespace push::core
