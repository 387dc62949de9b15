#include "core/model/tags.hpp"

#include "core/model/json_reader.hpp"

namespace push::core {

api_result<std::vector<std::string>> parse_tag_list(json::value const* v, std::string const& path,
                                                    std::string_view body_rule) {
    if (!v || v->is_null())
        return errors::missing_field(path, body_rule);
    if (!v->is_array())
        return errors::wrong_type(path, "an array of strings", body_rule);
    auto const& a = v->get_array();
    // tags.set/max-tags: ≤ 20 tags
    if (a.size() > max_tags_per_user)
        return errors::too_many(path, max_tags_per_user, "tags.set/max-tags");
    std::vector<std::string> out;
    out.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::string const at = element_path(path, i);
        if (!a[i].is_string())
            return errors::wrong_type(at, "a string", body_rule);
        auto const& tag = a[i].get_string();
        // tags.set/tag-length: each tag 1–40 bytes (an empty tag is a parameter error).
        if (tag.empty())
            return errors::bad_request(at, at + " must not be empty", body_rule);
        if (tag.size() > max_tag_bytes)
            return errors::too_long(at, max_tag_bytes, "bytes", "tags.set/tag-length");
        out.emplace_back(tag);
    }
    return out;
}

} // namespace push::core
