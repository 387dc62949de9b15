#include "conformance/check/match.hpp"

#include <cstdint>

namespace push::conformance {

std::string brief(json::value const& v, std::size_t limit) {
    auto s = json::serialize(v);
    if (s.size() > limit)
        s = s.substr(0, limit) + "...";
    return s;
}

namespace {

bool same_number(json::value const& a, json::value const& b) {
    if (a.is_double() || b.is_double())
        return a.to_number<double>() == b.to_number<double>();
    if (a.is_int64() && b.is_int64())
        return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64())
        return a.get_uint64() == b.get_uint64();
    auto const& neg = a.is_int64() ? a : b;
    auto const& pos = a.is_int64() ? b : a;
    return neg.get_int64() >= 0 && static_cast<std::uint64_t>(neg.get_int64()) == pos.get_uint64();
}

std::string_view type_of(json::value const& v) {
    switch (v.kind()) {
    case json::kind::string:
        return "string";
    case json::kind::int64:
    case json::kind::uint64:
        return "integer";
    case json::kind::double_:
        return "number";
    case json::kind::bool_:
        return "boolean";
    case json::kind::object:
        return "object";
    case json::kind::array:
        return "array";
    case json::kind::null:
        return "null";
    }
    return "null";
}

// The size a length matcher compares: characters, elements or members; -1 for other values.
std::int64_t length_of(json::value const& v) {
    if (v.is_string())
        return static_cast<std::int64_t>(v.get_string().size());
    if (v.is_array())
        return static_cast<std::int64_t>(v.get_array().size());
    if (v.is_object())
        return static_cast<std::int64_t>(v.get_object().size());
    return -1;
}

// Whether a matcher other than absent/present, type and length holds for a present value.
bool holds(matcher const& m, json::value const& actual) {
    switch (m.what) {
    case matcher::kind::equals:
        return same_json(m.arg, actual);
    case matcher::kind::regex:
        return actual.is_string() && std::regex_search(std::string(actual.get_string()), m.pattern);
    case matcher::kind::one_of:
        for (auto const& v : m.arg.get_array())
            if (same_json(v, actual))
                return true;
        return false;
    default:
        return true;
    }
}

} // namespace

bool same_json(json::value const& a, json::value const& b) {
    if (a.is_number() && b.is_number())
        return same_number(a, b);
    if (a.kind() != b.kind())
        return false;
    if (a.is_array()) {
        auto const &x = a.get_array(), &y = b.get_array();
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!same_json(x[i], y[i]))
                return false;
        return true;
    }
    if (a.is_object()) {
        auto const &x = a.get_object(), &y = b.get_object();
        if (x.size() != y.size())
            return false;
        for (auto const& [k, v] : x) {
            auto const* w = y.if_contains(k);
            if (!w || !same_json(v, *w))
                return false;
        }
        return true;
    }
    return a == b;
}

std::string describe(matcher const& m) {
    switch (m.what) {
    case matcher::kind::equals:
        return "equals " + brief(m.arg);
    case matcher::kind::regex:
        return "matches /" + std::string(m.arg.get_string()) + "/";
    case matcher::kind::type:
        return "of type " + std::string(m.arg.get_string());
    case matcher::kind::absent:
        return "absent";
    case matcher::kind::present:
        return "present";
    case matcher::kind::one_of:
        return "one of " + brief(m.arg);
    case matcher::kind::length:
        return "of length " + std::to_string(m.arg.get_int64());
    }
    return "?";
}

result<> match(matcher const& m, json::value const* actual) {
    if (m.what == matcher::kind::absent) {
        if (!actual)
            return {};
        return fail(brief(*actual));
    }
    if (!actual)
        return fail("(absent)");
    if (m.what == matcher::kind::type) {
        auto t = type_of(*actual);
        auto want = m.arg.get_string();
        if (t == want || (want == "number" && actual->is_number()))
            return {};
        return fail(brief(*actual) + " (" + std::string(t) + ")");
    }
    if (m.what == matcher::kind::length) {
        auto n = length_of(*actual);
        if (n == m.arg.get_int64())
            return {};
        return fail(brief(*actual) + " (length " + std::to_string(n) + ")");
    }
    if (holds(m, *actual))
        return {};
    return fail(brief(*actual));
}

} // namespace push::conformance
