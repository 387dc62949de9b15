#include "core/json_read.hpp"

#include <algorithm>
#include <limits>
#include <type_traits>

namespace push::core {

bool is_unset(json::value const& v) noexcept {
    // body/unset-values [D-11]: null, "" and [] mean "not set".
    return v.is_null() || (v.is_string() && v.get_string().empty()) ||
           (v.is_array() && v.get_array().empty());
}

std::string member_path(std::string_view parent, std::string_view key) {
    if (parent.empty())
        return std::string(key);
    std::string p(parent);
    p += '.';
    p += key;
    return p;
}

std::string element_path(std::string_view array_path, std::size_t index) {
    return std::string(array_path) + "[" + std::to_string(index) + "]";
}

std::optional<std::int64_t> as_int64(json::value const& v) noexcept {
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        return std::int64_t(v.get_uint64());
    return std::nullopt;
}

std::size_t code_points(std::string_view utf8) noexcept {
    // Count every byte that does not continue a multi-byte sequence (10xxxxxx).
    return std::size_t(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool is_blank(std::string_view s) noexcept {
    return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

bool is_https_url(std::string_view s) noexcept {
    constexpr std::string_view scheme = "https://";
    if (s.size() <= scheme.size())
        return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != scheme[i])
            return false;
    }
    return true;
}

namespace {

template <class T> std::string join_values(std::initializer_list<T> values) {
    std::string out;
    for (auto const& v : values) {
        if (!out.empty())
            out += ", ";
        if constexpr (std::is_same_v<T, std::string_view>)
            out += v;
        else
            out += std::to_string(v);
    }
    return out;
}

} // namespace

object_reader::object_reader(json::object const& object, std::string path, read_context& ctx)
    : object_(object), path_(std::move(path)), ctx_(ctx) {}

void object_reader::fail(api_error e) {
    if (!error_)
        error_ = std::move(e);
}

json::value const* object_reader::raw(std::string_view key) {
    known_.push_back(key);
    return object_.if_contains(key);
}

json::value const* object_reader::find(std::string_view key) {
    json::value const* v = raw(key);
    if (!ok() || !v || is_unset(*v))
        return nullptr;
    return v;
}

void object_reader::read_string(std::string_view key, std::optional<std::string>& out,
                                std::string_view rule) {
    json::value const* v = find(key);
    if (!v)
        return;
    if (!v->is_string())
        return fail(errors::wrong_type(path_of(key), "a string", rule));
    out = std::string(v->get_string());
}

void object_reader::read_string_in(std::string_view key, std::optional<std::string>& out,
                                   std::initializer_list<std::string_view> allowed,
                                   std::string_view rule) {
    std::optional<std::string> s;
    read_string(key, s, rule);
    if (!s)
        return;
    if (std::find(allowed.begin(), allowed.end(), *s) == allowed.end())
        return fail(errors::bad_request(
            path_of(key), path_of(key) + " must be one of " + join_values(allowed), rule));
    out = std::move(s);
}

void object_reader::read_https_url(std::string_view key, std::optional<std::string>& out,
                                   std::string_view rule) {
    std::optional<std::string> s;
    read_string(key, s, rule);
    if (!s)
        return;
    if (!is_https_url(*s))
        return fail(
            errors::bad_request(path_of(key), path_of(key) + " must be an https:// URL", rule));
    out = std::move(s);
}

void object_reader::read_int(std::string_view key, std::optional<std::int64_t>& out,
                             std::string_view type_rule, std::string_view range_rule) {
    json::value const* v = find(key);
    if (!v)
        return;
    if (v->is_uint64() && !as_int64(*v))
        return fail(
            errors::bad_request(path_of(key), path_of(key) + " is out of range", range_rule));
    std::optional<std::int64_t> n = as_int64(*v);
    if (!n)
        return fail(errors::wrong_type(path_of(key), "an integer", type_rule));
    out = n;
}

void object_reader::read_int_in(std::string_view key, std::optional<int>& out,
                                std::initializer_list<int> allowed, std::string_view rule) {
    std::optional<std::int64_t> n;
    read_int(key, n, rule, rule);
    if (!n)
        return;
    if (std::find(allowed.begin(), allowed.end(), *n) == allowed.end())
        return fail(errors::bad_request(
            path_of(key), path_of(key) + " must be one of " + join_values(allowed), rule));
    out = int(*n);
}

void object_reader::read_strings(std::string_view key, std::vector<std::string>& out,
                                 std::size_t max_count, std::string_view type_rule,
                                 std::string_view count_rule) {
    json::value const* v = find(key);
    if (!v)
        return;
    std::string const path = path_of(key);
    if (!v->is_array())
        return fail(errors::wrong_type(path, "an array of strings", type_rule));
    json::array const& a = v->get_array();
    if (a.size() > max_count)
        return fail(errors::too_many(path, max_count, count_rule));
    std::vector<std::string> values;
    values.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_string() || a[i].get_string().empty())
            return fail(errors::wrong_type(element_path(path, i), "a non-empty string", type_rule));
        values.emplace_back(a[i].get_string());
    }
    out = std::move(values);
}

json::object const* object_reader::find_object(std::string_view key, std::string_view type_rule) {
    json::value const* v = raw(key);
    if (!ok() || !v)
        return nullptr;
    // body/unset-values [D-11]: PHP sends [] for an empty object; strict rejects it.
    if (v->is_array() && v->get_array().empty() && ctx_.profile == profile::strict) {
        fail(errors::bad_request(path_of(key),
                                 path_of(key) + " must be an object ([] is accepted only in the "
                                                "lenient profile)",
                                 "body/unset-values"));
        return nullptr;
    }
    if (is_unset(*v))
        return nullptr;
    if (!v->is_object()) {
        fail(errors::wrong_type(path_of(key), "an object", type_rule));
        return nullptr;
    }
    return &v->get_object();
}

void object_reader::read_extras(std::string_view key, std::optional<json::object>& out,
                                std::string_view type_rule) {
    if (json::object const* o = find_object(key, type_rule))
        out = *o;
}

api_result<void> object_reader::finish() {
    if (error_)
        return *error_;
    // body/unknown-fields [D-11]: ignored, and listed for X-Emulator-Warnings.
    for (auto const& member : object_) {
        if (std::find(known_.begin(), known_.end(), member.key()) == known_.end())
            ctx_.ignored_fields.push_back(path_of(member.key()));
    }
    return {};
}

} // namespace push::core
