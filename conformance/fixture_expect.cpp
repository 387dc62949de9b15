// Reading a fixture's "expect": status, code, named matchers on body, headers and journal, and
// allowed alternatives.
#include "conformance/fixture_reader.hpp"

#include <algorithm>

namespace push::conformance::detail {

load_result<matcher> reader::one_matcher(std::string_view name, json::value const& arg,
                                         std::string const& p) const {
    static constexpr std::string_view types[] = {"string", "number", "integer", "boolean",
                                                 "object", "array",  "null"};
    matcher m;
    m.arg = arg;
    if (name == "equals") {
        m.what = matcher::kind::equals;
    } else if (name == "regex") {
        if (!arg.is_string()) return fail(p, "regex must be a string");
        try {
            m.pattern = std::regex(std::string(arg.get_string()), std::regex::ECMAScript);
        } catch (std::regex_error const& e) {
            return fail(p, std::string("invalid regex: ") + e.what());
        }
        m.what = matcher::kind::regex;
    } else if (name == "type") {
        if (!arg.is_string() ||
            std::find(std::begin(types), std::end(types), arg.get_string()) == std::end(types))
            return fail(p, "type must be one of string, number, integer, boolean, object, "
                           "array, null");
        m.what = matcher::kind::type;
    } else if (name == "absent" || name == "present") {
        if (!arg.is_bool() || !arg.get_bool()) return fail(p, std::string(name) + " must be true");
        m.what = name == "absent" ? matcher::kind::absent : matcher::kind::present;
    } else if (name == "one_of") {
        if (!arg.is_array() || arg.get_array().empty())
            return fail(p, "one_of must be a non-empty array");
        m.what = matcher::kind::one_of;
    } else if (name == "length") {
        if (!arg.is_int64() || arg.get_int64() < 0)
            return fail(p, "length must be a non-negative integer");
        m.what = matcher::kind::length;
    } else {
        return fail(p, "unknown matcher '" + std::string(name) +
                           "' (equals, regex, type, absent, present, one_of, length)");
    }
    return m;
}

load_result<std::vector<field_check>> reader::checks(json::value const& v, std::string const& p,
                                                     bool pointers) const {
    auto obj = object(v, p);
    if (!obj) return obj.error();
    std::vector<field_check> out;
    for (auto const& [key, spec] : **obj) {
        auto kp = child(p, key);
        if (pointers && !key.empty() && key.front() != '/')
            return fail(kp, "a body check is keyed by a JSON pointer starting with '/'");
        auto mo = object(spec, kp);
        if (!mo) return mo.error();
        if ((*mo)->empty()) return fail(kp, "needs at least one matcher");
        field_check fc{std::string(key), {}};
        for (auto const& [name, arg] : **mo) {
            auto m = one_matcher(name, arg, child(kp, name));
            if (!m) return m.error();
            fc.matchers.push_back(std::move(*m));
        }
        out.push_back(std::move(fc));
    }
    return out;
}

load_result<expectation> reader::expect(json::value const& v, std::string const& p) const {
    auto obj = object(v, p);
    if (!obj) return obj.error();
    expectation e;
    for (auto const& [key, val] : **obj) {
        auto kp = child(p, key);
        if (key == "status" || key == "code") {
            auto n = integer(val, kp);
            if (!n) return n.error();
            (key == "status" ? e.status : e.code) = *n;
        } else if (key == "body" || key == "headers" || key == "journal") {
            auto c = checks(val, kp, key != "headers");
            if (!c) return c.error();
            (key == "body" ? e.body : key == "headers" ? e.headers : e.journal) = std::move(*c);
        } else if (key == "path" || key == "rule") {
            auto s = string(val, kp);
            if (!s) return s.error();
            (key == "path" ? e.path : e.rule) = std::move(*s);
        } else if (key == "alternatives") {
            if (!val.is_array()) return fail(kp, "must be an array of expectations");
            for (std::size_t i = 0; i < val.get_array().size(); ++i) {
                auto alt = expect(val.get_array()[i], child(kp, i));
                if (!alt) return alt.error();
                e.alternatives.push_back(std::move(*alt));
            }
        } else {
            return fail(kp, "unknown expectation '" + std::string(key) + "'");
        }
    }
    return e;
}

} // namespace push::conformance::detail
