#include "core/faults.hpp"

#include "core/router.hpp"

namespace push::core {
namespace {

api_result<std::int64_t> int_member(json::object const& o, std::string_view key,
                                    std::int64_t fallback, std::int64_t min, std::int64_t max) {
    auto const* v = o.if_contains(key);
    if (!v)
        return fallback;
    if (!v->is_int64() || v->get_int64() < min || v->get_int64() > max)
        return errors::bad_control_request(std::string(key),
                                           std::string(key) + " must be an integer from " +
                                               std::to_string(min) + " to " + std::to_string(max));
    return v->get_int64();
}

} // namespace

api_result<fault> parse_fault(json::value const& body) {
    if (!body.is_object())
        return errors::bad_control_request("", "the body must be a JSON object");
    auto const& o = body.get_object();
    for (auto const& [key, value] : o) {
        (void)value;
        if (key != "path" && key != "status" && key != "code" && key != "message" &&
            key != "count")
            return errors::bad_control_request(std::string(key),
                                               "unknown field " + std::string(key));
    }
    fault f;
    auto const* path = o.if_contains("path");
    if (!path || !path->is_string() || !is_public_path(normalize_path(path->get_string())))
        return errors::bad_control_request(
            "path", "path must be a signed endpoint such as \"/push.json\" or \"/user/tag/set.json\"");
    f.path = normalize_path(path->get_string());
    auto status = int_member(o, "status", 500, 400, 599);
    if (!status)
        return status.error();
    auto code = int_member(o, "code", 1000, 0, INT32_MAX);
    if (!code)
        return code.error();
    auto count = int_member(o, "count", 1, 1, 1'000'000);
    if (!count)
        return count.error();
    if (auto const* m = o.if_contains("message")) {
        if (!m->is_string())
            return errors::bad_control_request("message", "message must be a string");
        f.message = m->get_string();
    }
    f.status = static_cast<int>(*status);
    f.code = static_cast<int>(*code);
    f.remaining = static_cast<std::uint32_t>(*count);
    return f;
}

std::optional<api_error> fault_list::take(std::string_view path) {
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (it->path != path)
            continue;
        auto e = errors::injected(it->status, it->code, it->message);
        if (--it->remaining == 0)
            faults_.erase(it);
        return e;
    }
    return std::nullopt;
}

json::array fault_list::to_json() const {
    json::array out;
    for (auto const& f : faults_)
        out.push_back(json::object{{"path", f.path},
                                   {"status", f.status},
                                   {"code", f.code},
                                   {"message", f.message},
                                   {"count", f.remaining}});
    return out;
}

} // namespace push::core
