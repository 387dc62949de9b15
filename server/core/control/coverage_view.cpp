#include "core/control/coverage_view.hpp"

#include <algorithm>

namespace push::core {
namespace {

// The control API's own rules: its requests are test set-up, not traffic to the service, so
// the coverage neither counts nor lists them.
bool is_counted(rule_info const& r) {
    return r.id != "emulator/control" && r.id != "emulator/admin-token";
}

json::array flags_of(std::string_view flags) {
    json::array out;
    while (!flags.empty()) {
        auto const comma = flags.find(',');
        auto item = flags.substr(0, comma);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        if (!item.empty())
            out.push_back(json::string(item));
        flags = comma == std::string_view::npos ? std::string_view() : flags.substr(comma + 1);
    }
    return out;
}

/// A rule answers `code`: one of its Expect pairs names it, or, for 200, its Expect starts so.
bool answers(rule_info const& r, int code) {
    if (code == 200)
        return r.expect.starts_with("200");
    for (std::size_t i = 0; i < r.answer_count; ++i)
        if (r.answers[i].code == code)
            return true;
    return false;
}

} // namespace

json::object coverage_json(coverage_counts const& c, std::string_view app) {
    json::array rules, never_rules;
    std::size_t listed = 0, exercised = 0;
    for (rule_index i = 0; i < rule_count(); ++i) {
        auto const& r = rule_at(i);
        if (!is_counted(r))
            continue;
        ++listed;
        exercised += c.rules[i] != 0;
        if (c.rules[i] == 0)
            never_rules.push_back(json::string(r.id));
        rules.push_back({{"rule", r.id},
                         {"section", r.section},
                         {"expect", r.expect},
                         {"flags", flags_of(r.flags)},
                         {"hits", c.rules[i]}});
    }
    json::array codes, never_codes;
    std::size_t codes_seen = 0;
    for (std::size_t k = 0; k < business_codes.size(); ++k) {
        auto const [status, code] = business_codes[k];
        codes_seen += c.codes[k] != 0;
        if (c.codes[k] == 0)
            never_codes.push_back(code);
        json::array by_rule, unseen;
        for (rule_index i = 0; i < rule_count(); ++i) {
            auto const& r = rule_at(i);
            if (!is_counted(r) || !answers(r, code))
                continue;
            by_rule.push_back({{"rule", r.id}, {"hits", c.rules[i]}});
            if (c.rules[i] == 0)
                unseen.push_back(json::string(r.id));
        }
        codes.push_back({{"code", code},
                         {"status", status},
                         {"hits", c.codes[k]},
                         {"rules", std::move(by_rule)},
                         {"never", std::move(unseen)}});
    }
    return {{"code", 200},
            {"app", app.empty() ? json::value(nullptr) : json::value(json::string(app))},
            {"requests", c.requests},
            {"other_codes", c.codes.back()},
            {"summary",
             {{"rules", listed},
              {"rules_exercised", exercised},
              {"codes", business_codes.size()},
              {"codes_exercised", codes_seen}}},
            {"rules", std::move(rules)},
            {"codes", std::move(codes)},
            {"never", {{"rules", std::move(never_rules)}, {"codes", std::move(never_codes)}}}};
}

namespace {

std::string text(json::value const& v) {
    if (v.is_string())
        return std::string(v.get_string());
    return json::serialize(v);
}

std::string joined(json::array const& items) {
    std::string out;
    for (auto const& i : items)
        out.append(out.empty() ? "" : ", ").append("`" + text(i) + "`");
    return out.empty() ? "—" : out;
}

} // namespace

std::string coverage_markdown(json::object const& cov) {
    auto const& s = cov.at("summary").as_object();
    std::string out = "# Error-path coverage\n\n";
    bool const one = cov.at("requests") == 1;
    out +=
        (cov.at("app").is_null() ? std::string("All apps") : "App `" + text(cov.at("app")) + "`");
    out += ": " + text(cov.at("requests")) + (one ? " request; " : " requests; ");
    out += text(s.at("rules_exercised")) + " of " + text(s.at("rules")) + " rules and " +
           text(s.at("codes_exercised")) + " of " + text(s.at("codes")) +
           " business codes exercised.\n\n";
    out += "| code | HTTP | hits | rules that answer it, never seen |\n|---:|---:|---:|---|\n";
    for (auto const& c : cov.at("codes").as_array()) {
        auto const& o = c.as_object();
        out += "| " + text(o.at("code")) + " | " + text(o.at("status")) + " | " +
               text(o.at("hits")) + " | " + joined(o.at("never").as_array()) + " |\n";
    }
    auto const& never = cov.at("never").at("rules").as_array();
    out += "\n## Rules never exercised (" + std::to_string(never.size()) + ")\n\n";
    if (never.empty())
        return out + "None.\n";
    out += "| rule | expect | flags |\n|---|---|---|\n";
    for (auto const& r : cov.at("rules").as_array()) {
        auto const& o = r.as_object();
        if (o.at("hits") != 0)
            continue;
        out += "| `" + text(o.at("rule")) + "` | " + text(o.at("expect")) + " | " +
               joined(o.at("flags").as_array()) + " |\n";
    }
    return out;
}

} // namespace push::core
