#include "conformance/report/json.hpp"

#include "conformance/report/tally.hpp"
#include "conformance/text/base64.hpp"
#include "conformance/text/utf8.hpp"

namespace push::conformance {

namespace {

json::array headers_json(header_list const& h) {
    json::array out;
    for (auto const& [n, v] : h)
        out.push_back(json::object{{"name", n}, {"value", v}});
    return out;
}

// Text bodies as they are; other bytes as base64 under a "_base64" key.
void put_body(json::object& o, std::string const& key, std::string const& body) {
    if (valid_utf8(body)) {
        o[key] = body;
        return;
    }
    o[key + "_base64"] = encode_base64(body);
}

json::value exchange_json(exchange_record const& x) {
    json::object o{{"kind", x.kind},
                   {"method", x.method},
                   {"url", x.url},
                   {"request_headers", headers_json(x.request_headers)}};
    if (x.request_body)
        put_body(o, "request_body", *x.request_body);
    o["status"] = x.status;
    o["response_headers"] = headers_json(x.response_headers);
    put_body(o, "response_body", x.response_body);
    o["duration_ms"] = x.duration_ms;
    if (!x.error.empty())
        o["error"] = x.error;
    o["curl"] = x.curl;
    return o;
}

json::value optional_code(std::optional<int> c) {
    return c ? json::value(*c) : json::value(nullptr);
}

} // namespace

std::string case_file(std::string const& label, std::string const& id) {
    std::string name = id;
    for (auto& c : name)
        if (c == '/')
            c = '-';
    return label + "/" + name + ".json";
}

json::object case_document(case_result const& r, std::string const& target_url) {
    json::array rules, requirements, failures, exchanges;
    for (auto const& x : r.rules)
        rules.push_back(json::value(x));
    for (auto const& row : r.requirements) {
        json::object q{{"rule", row.id}, {"requirement", row.sentence()}};
        if (auto vendor = row.vendor_words(); !vendor.empty())
            q["vendor"] = vendor;
        requirements.push_back(std::move(q));
    }
    for (auto const& f : r.failures)
        failures.push_back(
            json::object{{"where", f.where}, {"expected", f.expected}, {"actual", f.actual}});
    for (auto const& x : r.exchanges)
        exchanges.push_back(exchange_json(x));
    json::object o{{"id", r.id},
                   {"target", target_url},
                   {"rules", std::move(rules)},
                   {"requirements", std::move(requirements)},
                   {"description", r.description},
                   {"fixture", r.file},
                   {"verdict", to_string(r.outcome)},
                   {"status", r.status},
                   {"code", optional_code(r.code)},
                   {"duration_ms", r.duration_ms},
                   {"failures", std::move(failures)},
                   {"exchanges", std::move(exchanges)}};
    if (!r.reason.empty())
        o["reason"] = r.reason;
    if (r.budget_skip)
        o["budget_skip"] = true;
    return o;
}

json::object index_document(std::vector<target_run> const& runs) {
    json::object targets;
    json::object summary;
    for (auto const& run : runs) {
        json::object cases;
        for (auto const& r : run.results) {
            json::object c{{"verdict", to_string(r.outcome)},
                           {"status", r.status},
                           {"code", optional_code(r.code)},
                           {"duration_ms", r.duration_ms},
                           {"file", case_file(run.label, r.id)}};
            if (!r.reason.empty())
                c["reason"] = r.reason;
            if (r.budget_skip)
                c["budget_skip"] = true;
            cases[r.id] = std::move(c);
        }
        targets[run.url] = std::move(cases);
        auto t = count(run.results);
        summary[run.url] = json::object{{"passed", t.passed},
                                        {"failed", t.failed},
                                        {"skipped", t.skipped},
                                        {"non_strict", t.non_strict},
                                        {"errors", t.errors}};
    }
    return json::object{{"targets", std::move(targets)}, {"summary", std::move(summary)}};
}

json::object drift_document(target_run const& left, target_run const& right,
                            std::vector<drift_entry> const& drift) {
    json::array d;
    for (auto const& e : drift)
        d.push_back(json::object{
            {"case", e.case_id}, {"what", e.what}, {"left", e.left}, {"right", e.right}});
    return json::object{{"left", left.url}, {"right", right.url}, {"differences", std::move(d)}};
}

} // namespace push::conformance
