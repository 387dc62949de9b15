#include "conformance/fixture_reader.hpp"

namespace push::conformance::detail {

namespace {

std::string escape_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

} // namespace

std::string child(std::string const& ptr, std::string_view key) {
    return ptr + "/" + escape_token(key);
}
std::string child(std::string const& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

bool is_push_path(std::string const& path) {
    std::string norm;
    for (char c : path.substr(0, path.find('?'))) {
        if (c == '/' && !norm.empty() && norm.back() == '/') continue;
        norm += c;
    }
    return norm == "/push.json";
}

load_error reader::fail(std::string pointer, std::string message) const {
    return {file_, std::move(pointer), std::move(message)};
}

load_result<json::object const*> reader::object(json::value const& v, std::string const& p) const {
    if (!v.is_object()) return fail(p, "must be an object");
    return &v.get_object();
}

load_result<std::string> reader::string(json::value const& v, std::string const& p) const {
    if (!v.is_string()) return fail(p, "must be a string");
    return std::string(v.get_string());
}

load_result<bool> reader::boolean(json::value const& v, std::string const& p) const {
    if (!v.is_bool()) return fail(p, "must be true or false");
    return v.get_bool();
}

load_result<int> reader::integer(json::value const& v, std::string const& p) const {
    if (v.is_int64()) return static_cast<int>(v.get_int64());
    if (v.is_uint64()) return static_cast<int>(v.get_uint64());
    return fail(p, "must be an integer");
}

} // namespace push::conformance::detail
