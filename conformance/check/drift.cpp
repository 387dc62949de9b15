#include "conformance/check/drift.hpp"

#include "conformance/check/match.hpp"
#include "conformance/text/json_pointer.hpp"

#include <regex>

namespace push::conformance {

namespace {

bool is_time_key(std::string_view k) {
    return k == "time" || k == "timestamp" || (k.size() > 3 && k.substr(k.size() - 3) == "_ms");
}

bool looks_like_id(std::string_view s) {
    static std::regex const shape("^[0-9A-Za-z]{22}$");
    return std::regex_match(s.begin(), s.end(), shape);
}

std::optional<int> code_of(std::optional<json::value> const& body) {
    auto const* c = body ? at_pointer(*body, "/code") : nullptr;
    if (c && c->is_int64())
        return static_cast<int>(c->get_int64());
    return std::nullopt;
}

constexpr std::string_view compared_headers[] = {"Content-Type", "Allow", "Retry-After"};

// The value of header `name` in `h`, or "(absent)".
std::string header_or_absent(header_list const& h, std::string_view name) {
    auto const* v = find_header(h, name);
    return v ? *v : "(absent)";
}

// The body as drift compares it: normalised, without `code` (compared on its own).
json::value comparable_body(std::optional<json::value> const& body) {
    if (!body)
        return json::value("(not JSON)");
    auto out = normalize_body(*body);
    if (out.is_object())
        out.get_object().erase("code");
    return out;
}

} // namespace

bool header_matters(std::string_view name) noexcept {
    for (auto h : compared_headers)
        if (same_name(h, name))
            return true;
    return false;
}

json::value normalize_body(json::value const& body) {
    if (body.is_array()) {
        json::array out;
        for (auto const& v : body.get_array())
            out.push_back(normalize_body(v));
        return out;
    }
    if (body.is_string() && looks_like_id(body.get_string()))
        return "<id>";
    if (!body.is_object())
        return body;
    json::object out;
    for (auto const& [k, v] : body.get_object()) {
        if (k == "errorMessage" && v.is_string())
            out[k] = "<text>";
        else if (k == "id" && v.is_string())
            out[k] = "<id>";
        else if (is_time_key(k) && v.is_number())
            out[k] = "<time>";
        else
            out[k] = normalize_body(v);
    }
    return out;
}

std::vector<drift_entry> compare_runs(case_result const& left, case_result const& right) {
    std::vector<drift_entry> out;
    auto ran = [](case_result const& r) {
        return r.outcome != verdict::skip && r.outcome != verdict::error;
    };
    if (!ran(left) || !ran(right))
        return out;
    if (left.steps.size() != right.steps.size()) {
        out.push_back({left.id, "steps", std::to_string(left.steps.size()),
                       std::to_string(right.steps.size())});
        return out;
    }
    for (std::size_t i = 0; i < left.steps.size(); ++i) {
        auto const& a = left.steps[i];
        auto const& b = right.steps[i];
        auto label = [&](std::string what) {
            return left.steps.size() > 1 ? "request " + std::to_string(i + 1) + " " + what : what;
        };
        if (a.status != b.status)
            out.push_back(
                {left.id, label("status"), std::to_string(a.status), std::to_string(b.status)});
        auto ca = code_of(a.body), cb = code_of(b.body);
        if (ca != cb)
            out.push_back({left.id, label("code"), ca ? std::to_string(*ca) : "(none)",
                           cb ? std::to_string(*cb) : "(none)"});
        for (auto name : compared_headers) {
            auto ha = header_or_absent(a.headers, name), hb = header_or_absent(b.headers, name);
            if (ha != hb)
                out.push_back({left.id, label("header " + std::string(name)), ha, hb});
        }
        auto na = comparable_body(a.body), nb = comparable_body(b.body);
        if (na != nb)
            out.push_back({left.id, label("body"), brief(na), brief(nb)});
    }
    return out;
}

std::vector<drift_entry> compare_targets(target_run const& left, target_run const& right) {
    std::vector<drift_entry> out;
    for (std::size_t i = 0; i < left.results.size() && i < right.results.size(); ++i)
        for (auto& e : compare_runs(left.results[i], right.results[i]))
            out.push_back(std::move(e));
    return out;
}

} // namespace push::conformance
