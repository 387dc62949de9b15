#include "core/model/json_reader.hpp"

#include "core/model/text.hpp"

#include <algorithm>

namespace push::core {

bool is_unset(json::value const& v) noexcept {
    // body/unset-values [D-11]: null, "" and [] mean "not set".
    return v.is_null() || (v.is_string() && v.get_string().empty()) ||
           (v.is_array() && v.get_array().empty());
}

std::string member_path(std::string_view parent, std::string_view key) {
    std::string p(parent);
    if (!p.empty())
        p += '.';
    return p.append(key);
}

std::string element_path(std::string_view array_path, std::size_t index) {
    return std::string(array_path).append("[").append(std::to_string(index)).append("]");
}

std::optional<std::int64_t> as_int64(json::value const& v) noexcept {
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        return std::int64_t(v.get_uint64());
    return std::nullopt;
}

bool is_https_url(std::string_view s) noexcept {
    constexpr std::string_view scheme = "https://";
    return s.size() > scheme.size() && istarts_with(s, scheme);
}

object_reader::object_reader(json::object const& object, std::string_view root, read_context& ctx)
    : object_(object), name_(root), ctx_(ctx) {}

object_reader::object_reader(json::object const& object, object_reader& parent,
                             std::string_view key)
    : object_(object), parent_(&parent), name_(key), ctx_(parent.ctx_) {}

std::string object_reader::path() const {
    return parent_ ? member_path(parent_->path(), name_) : std::string(name_);
}

void object_reader::fail(api_error e) {
    if (!error_)
        error_ = std::move(e);
}

void object_reader::fail_member(std::string_view key, std::string_view what, std::string_view rule,
                                bool over_limit) {
    std::string path = path_of(key);
    std::string message = path + " " + std::string(what);
    if (ctx_.mode == read_mode::exact)
        return fail(errors::bad_control_request(std::move(path), std::move(message)));
    if (over_limit)
        return fail(errors::over_limit(std::move(path), std::move(message), rule));
    fail(errors::bad_request(std::move(path), std::move(message), rule));
}

json::value const* object_reader::raw(std::string_view key) {
    known_.push_back(key);
    return object_.if_contains(key);
}

json::value const* object_reader::find(std::string_view key) {
    json::value const* v = raw(key);
    if (!ok() || !v)
        return nullptr;
    bool const unset = ctx_.mode == read_mode::tolerant ? is_unset(*v) : v->is_null();
    ctx_.saw_unset = ctx_.saw_unset || unset;
    return unset ? nullptr : v;
}

void object_reader::read_string(std::string_view key, std::optional<std::string>& out,
                                std::string_view rule, std::size_t max_bytes) {
    json::value const* v = find(key);
    if (!v)
        return;
    if (!v->is_string())
        return fail_member(key, "must be a string", rule);
    if (v->get_string().size() > max_bytes)
        return fail_member(key, "is longer than " + std::to_string(max_bytes) + " bytes", rule,
                           true);
    out = std::string(v->get_string());
}

void object_reader::require_string(std::string_view key, std::string& out, std::string_view rule,
                                   std::size_t max_bytes) {
    json::value const* v = find(key);
    if (!ok())
        return;
    if (!v)
        return fail_member(key, "is required", rule);
    if (!v->is_string() || v->get_string().empty())
        return fail_member(key, "must be a non-empty string", rule);
    std::optional<std::string> s;
    read_string(key, s, rule, max_bytes);
    if (s)
        out = std::move(*s);
}

void object_reader::read_string_in(std::string_view key, std::optional<std::string>& out,
                                   std::initializer_list<std::string_view> allowed,
                                   std::string_view rule) {
    std::optional<std::string> s;
    read_string(key, s, rule);
    if (!s)
        return;
    if (std::find(allowed.begin(), allowed.end(), *s) == allowed.end())
        return fail_member(key, "must be one of " + join_values(allowed), rule);
    out = std::move(s);
}

void object_reader::read_https_url(std::string_view key, std::optional<std::string>& out,
                                   std::string_view rule) {
    std::optional<std::string> s;
    read_string(key, s, rule);
    if (!s)
        return;
    if (!is_https_url(*s))
        return fail_member(key, "must be an https:// URL", rule);
    out = std::move(s);
}

void object_reader::read_bool(std::string_view key, std::optional<bool>& out,
                              std::string_view rule) {
    json::value const* v = find(key);
    if (!v)
        return;
    if (!v->is_bool())
        return fail_member(key, "must be true or false", rule);
    out = v->get_bool();
}

void object_reader::read_int(std::string_view key, std::optional<std::int64_t>& out,
                             std::string_view type_rule, std::string_view range_rule) {
    json::value const* v = find(key);
    if (!v)
        return;
    if (v->is_uint64() && !as_int64(*v))
        return fail_member(key, "is out of range", range_rule);
    std::optional<std::int64_t> n = as_int64(*v);
    if (!n)
        return fail_member(key, "must be an integer", type_rule);
    out = n;
}

void object_reader::read_int_range(std::string_view key, std::optional<std::int64_t>& out,
                                   std::int64_t min, std::int64_t max, std::string_view rule) {
    json::value const* v = find(key);
    if (!v)
        return;
    std::optional<std::int64_t> n = as_int64(*v);
    if (!n || *n < min || *n > max)
        return fail_member(
            key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
            rule);
    out = n;
}

void object_reader::read_int_in(std::string_view key, std::optional<int>& out,
                                std::initializer_list<int> allowed, std::string_view rule) {
    std::optional<std::int64_t> n;
    read_int(key, n, rule, rule);
    if (!n)
        return;
    if (std::find(allowed.begin(), allowed.end(), *n) == allowed.end())
        return fail_member(key, "must be one of " + join_values(allowed), rule);
    out = int(*n);
}

void object_reader::read_strings(std::string_view key, std::vector<std::string>& out,
                                 std::size_t max_count, std::string_view type_rule,
                                 std::string_view count_rule) {
    json::value const* v = find(key);
    if (!v)
        return;
    if (!v->is_array())
        return fail_member(key, "must be an array of strings", type_rule);
    json::array const& a = v->get_array();
    if (a.size() > max_count)
        return fail_member(key, "has more than " + std::to_string(max_count) + " entries",
                           count_rule, true);
    std::vector<std::string> values;
    values.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_string() || a[i].get_string().empty()) {
            std::string const path = element_path(path_of(key), i);
            return fail(
                ctx_.mode == read_mode::exact
                    ? errors::bad_control_request(path, path + " must be a non-empty string")
                    : errors::wrong_type(path, "a non-empty string", type_rule));
        }
        values.emplace_back(a[i].get_string());
    }
    out = std::move(values);
}

json::object const* object_reader::find_object(std::string_view key, std::string_view type_rule) {
    json::value const* v = raw(key);
    if (!ok() || !v)
        return nullptr;
    // body/unset-values [D-11]: PHP sends [] for an empty object; strict rejects it.
    if (v->is_array() && v->get_array().empty() && ctx_.profile == profile::strict &&
        ctx_.mode == read_mode::tolerant) {
        fail_member(key, "must be an object ([] is accepted only in the lenient profile)",
                    "body/unset-values");
        return nullptr;
    }
    if (ctx_.mode == read_mode::tolerant ? is_unset(*v) : v->is_null()) {
        ctx_.saw_unset = true;
        return nullptr;
    }
    if (!v->is_object()) {
        fail_member(key, "must be an object", type_rule);
        return nullptr;
    }
    return &v->get_object();
}

void object_reader::read_extras(std::string_view key, std::optional<std::string>& out,
                                std::string_view type_rule) {
    if (json::object const* o = find_object(key, type_rule))
        out = json::serialize(*o);
}

api_result<void> object_reader::finish() {
    if (error_)
        return *error_;
    for (auto const& member : object_) {
        if (std::find(known_.begin(), known_.end(), member.key()) != known_.end())
            continue;
        std::string path = path_of(member.key());
        if (ctx_.mode == read_mode::exact)
            return errors::bad_control_request(path, "unknown field " + path);
        // body/unknown-fields [D-11]: ignored, and listed for X-Emulator-Warnings.
        ctx_.ignored_fields.push_back(std::move(path));
    }
    return {};
}

} // namespace push::core
