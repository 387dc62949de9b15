#include "conformance/text/json_pointer.hpp"

#include <charconv>

namespace push::conformance {

json::value const* at_pointer(json::value const& doc, std::string_view pointer) {
    if (pointer.empty())
        return &doc;
    if (pointer.front() != '/')
        return nullptr;
    json::value const* cur = &doc;
    std::size_t pos = 1;
    while (true) {
        auto end = pointer.find('/', pos);
        std::string token(pointer.substr(pos, end == std::string_view::npos ? end : end - pos));
        for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i)
            token.replace(i, 2, token.compare(i, 2, "~1") == 0 ? "/" : "~");
        if (cur->is_object()) {
            cur = cur->get_object().if_contains(token);
        } else if (cur->is_array()) {
            if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos)
                return nullptr;
            std::size_t i = 0;
            auto [end_of_number, ec] =
                std::from_chars(token.data(), token.data() + token.size(), i);
            (void)end_of_number;
            auto const& a = cur->get_array();
            cur = ec == std::errc() && i < a.size() ? &a[i] : nullptr;
        } else {
            return nullptr;
        }
        if (!cur || end == std::string_view::npos)
            return cur;
        pos = end + 1;
    }
}

std::string child_pointer(std::string const& pointer, std::string_view key) {
    std::string out = pointer + "/";
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string child_pointer(std::string const& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
}

} // namespace push::conformance
