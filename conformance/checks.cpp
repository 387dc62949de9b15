#include "conformance/checks.hpp"

#include <cmath>

namespace push::conformance {

json::value const* at_pointer(json::value const& doc, std::string_view pointer) {
    if (pointer.empty()) return &doc;
    if (pointer.front() != '/') return nullptr;
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
            auto i = std::stoull(token);
            auto const& a = cur->get_array();
            cur = i < a.size() ? &a[i] : nullptr;
        } else {
            return nullptr;
        }
        if (!cur || end == std::string_view::npos) return cur;
        pos = end + 1;
    }
}

std::string brief(json::value const& v, std::size_t limit) {
    auto s = json::serialize(v);
    if (s.size() > limit) s = s.substr(0, limit) + "...";
    return s;
}

namespace {

bool same_json(json::value const& a, json::value const& b) {
    if (a.is_number() && b.is_number()) {
        if (!a.is_double() && !b.is_double()) {
            if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
            if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
            auto const& neg = a.is_int64() ? a : b;
            auto const& pos = a.is_int64() ? b : a;
            return neg.get_int64() >= 0 &&
                   static_cast<std::uint64_t>(neg.get_int64()) == pos.get_uint64();
        }
        return a.to_number<double>() == b.to_number<double>();
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_array()) {
        auto const &x = a.get_array(), &y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!same_json(x[i], y[i])) return false;
        return true;
    }
    if (a.is_object()) {
        auto const &x = a.get_object(), &y = b.get_object();
        if (x.size() != y.size()) return false;
        for (auto const& [k, v] : x) {
            auto const* w = y.if_contains(k);
            if (!w || !same_json(v, *w)) return false;
        }
        return true;
    }
    return a == b;
}

std::string_view type_of(json::value const& v) {
    switch (v.kind()) {
    case json::kind::string: return "string";
    case json::kind::int64:
    case json::kind::uint64: return "integer";
    case json::kind::double_: return "number";
    case json::kind::bool_: return "boolean";
    case json::kind::object: return "object";
    case json::kind::array: return "array";
    case json::kind::null: return "null";
    }
    return "null";
}

} // namespace

std::string matcher::describe() const {
    switch (what) {
    case kind::equals: return "equals " + brief(arg);
    case kind::regex: return "matches /" + std::string(arg.get_string()) + "/";
    case kind::type: return "of type " + std::string(arg.get_string());
    case kind::absent: return "absent";
    case kind::present: return "present";
    case kind::one_of: return "one of " + brief(arg);
    case kind::length: return "of length " + std::to_string(arg.get_int64());
    }
    return "?";
}

std::optional<std::string> match(matcher const& m, json::value const* actual) {
    auto shown = [&] { return actual ? brief(*actual) : std::string("(absent)"); };
    if (m.what == matcher::kind::absent) {
        if (!actual) return std::nullopt;
        return shown();
    }
    if (!actual) return std::string("(absent)");
    switch (m.what) {
    case matcher::kind::present: return std::nullopt;
    case matcher::kind::equals:
        if (same_json(m.arg, *actual)) return std::nullopt;
        break;
    case matcher::kind::regex:
        if (actual->is_string() &&
            std::regex_search(std::string(actual->get_string()), m.pattern))
            return std::nullopt;
        break;
    case matcher::kind::type: {
        auto t = type_of(*actual);
        auto want = m.arg.get_string();
        if (t == want || (want == "number" && actual->is_number())) return std::nullopt;
        return shown() + " (" + std::string(t) + ")";
    }
    case matcher::kind::one_of:
        for (auto const& v : m.arg.get_array())
            if (same_json(v, *actual)) return std::nullopt;
        break;
    case matcher::kind::length: {
        std::int64_t n = -1;
        if (actual->is_string()) n = static_cast<std::int64_t>(actual->get_string().size());
        if (actual->is_array()) n = static_cast<std::int64_t>(actual->get_array().size());
        if (actual->is_object()) n = static_cast<std::int64_t>(actual->get_object().size());
        if (n == m.arg.get_int64()) return std::nullopt;
        return shown() + " (length " + std::to_string(n) + ")";
    }
    case matcher::kind::absent: break;
    }
    return shown();
}

namespace {

void run_checks(std::vector<field_check> const& checks, json::value const* doc,
                std::string const& label, std::vector<check_failure>& out) {
    for (auto const& c : checks) {
        json::value const* v = doc ? at_pointer(*doc, c.where) : nullptr;
        for (auto const& m : c.matchers)
            if (auto bad = match(m, v)) out.push_back({label + " " + c.where, m.describe(), *bad});
    }
}

} // namespace

std::vector<check_failure> check_expectation(expectation const& e, observed const& o) {
    std::vector<check_failure> out;
    if (e.status && *e.status != o.status)
        out.push_back({"status", std::to_string(*e.status), std::to_string(o.status)});
    if (e.code) {
        json::value const* code = o.body ? at_pointer(*o.body, "/code") : nullptr;
        if (!code || !code->is_number() || !same_json(*code, json::value(*e.code)))
            out.push_back({"code", std::to_string(*e.code),
                           code ? brief(*code) : o.body ? "(no numeric code)"
                                                        : "(body is not JSON: " +
                                                              o.raw_body.substr(0, 80) + ")"});
    }
    json::value const* body = o.body ? &*o.body : nullptr;
    run_checks(e.body, body, "body", out);
    for (auto const& c : e.headers) {
        std::optional<json::value> v;
        for (auto const& [n, val] : o.headers)
            if (same_name(n, c.where)) {
                v = json::value(val);
                break;
            }
        for (auto const& m : c.matchers)
            if (auto bad = match(m, v ? &*v : nullptr))
                out.push_back({"header " + c.where, m.describe(), *bad});
    }
    if (!o.journal) return out;
    if (!o.journal_error.empty() && (!e.journal.empty() || e.path || e.rule)) {
        out.push_back({"journal", "a readable entry", o.journal_error});
        return out;
    }
    run_checks(e.journal, &*o.journal, "journal", out);
    for (auto [field, want] : {std::pair{"/path", &e.path}, std::pair{"/rule", &e.rule}}) {
        if (!*want) continue;
        auto const* v = at_pointer(*o.journal, field);
        if (!v || !v->is_string() || v->get_string() != **want)
            out.push_back({std::string("journal ") + field, "\"" + **want + "\"",
                           v ? brief(*v) : "(absent)"});
    }
    return out;
}

} // namespace push::conformance
