// Request bodies in fixtures: expanding the body macros.
#include "conformance/fixture_reader.hpp"

namespace push::conformance::detail {

// Expands the body macros {"$array":{"count":N,"item":…}} and
// {"$string":{"repeat":"x","count":N}} so that large bodies (1001 user ids, 100 KiB) stay
// readable in the fixture.
load_result<json::value> reader::expand(json::value const& v, std::string const& p) const {
    if (v.is_array()) {
        json::array out;
        for (std::size_t i = 0; i < v.get_array().size(); ++i) {
            auto e = expand(v.get_array()[i], child(p, i));
            if (!e) return e.error();
            out.push_back(std::move(*e));
        }
        return json::value(std::move(out));
    }
    if (!v.is_object()) return v;
    auto const& o = v.get_object();
    if (o.size() == 1 && (o.contains("$array") || o.contains("$string"))) return generate(o, p);
    json::object out;
    for (auto const& [key, val] : o) {
        auto e = expand(val, child(p, key));
        if (!e) return e.error();
        out[key] = std::move(*e);
    }
    return json::value(std::move(out));
}

// One macro: N copies of "repeat" joined, or N items with "{i}" counting from 1.
load_result<json::value> reader::generate(json::object const& o, std::string const& p) const {
    bool arr = o.contains("$array");
    auto mp = child(p, arr ? "$array" : "$string");
    auto spec = object(o.begin()->value(), mp);
    if (!spec) return spec.error();
    auto const* count = (*spec)->if_contains("count");
    if (!count || !count->is_int64() || count->get_int64() < 0 ||
        count->get_int64() > 10'000'000)
        return fail(child(mp, "count"), "must be an integer from 0 to 10000000");
    auto n = static_cast<std::size_t>(count->get_int64());
    if (!arr) {
        auto const* rep = (*spec)->if_contains("repeat");
        if (!rep || !rep->is_string()) return fail(child(mp, "repeat"), "must be a string");
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += rep->get_string();
        return json::value(std::move(s));
    }
    auto const* item = (*spec)->if_contains("item");
    if (!item) return fail(child(mp, "item"), "is required");
    json::array out;
    out.reserve(n);
    for (std::size_t i = 1; i <= n; ++i) {
        if (!item->is_string()) {
            out.push_back(*item);
            continue;
        }
        std::string s(item->get_string());
        if (auto at = s.find("{i}"); at != std::string::npos) s.replace(at, 3, std::to_string(i));
        out.push_back(json::value(std::move(s)));
    }
    return json::value(std::move(out));
}

} // namespace push::conformance::detail
