#include "conformance/base64.hpp"
#include "conformance/report/report.hpp"

#include <filesystem>
#include <fstream>

namespace push::conformance {

namespace {

json::array headers_json(header_list const& h) {
    json::array out;
    for (auto const& [n, v] : h) out.push_back(json::object{{"name", n}, {"value", v}});
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
    json::object o{{"kind", x.kind}, {"method", x.method}, {"url", x.url},
                   {"request_headers", headers_json(x.request_headers)}};
    if (x.request_body) put_body(o, "request_body", *x.request_body);
    o["status"] = x.status;
    o["response_headers"] = headers_json(x.response_headers);
    put_body(o, "response_body", x.response_body);
    o["duration_ms"] = x.duration_ms;
    if (!x.error.empty()) o["error"] = x.error;
    o["curl"] = x.curl;
    return o;
}

json::value optional_code(std::optional<int> c) {
    return c ? json::value(*c) : json::value(nullptr);
}

bool write_file(std::filesystem::path const& p, std::string const& text, std::string& why) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) why = "cannot write " + p.string();
    return static_cast<bool>(out);
}

// Removes the *.json case files the runner wrote in `folder`; nothing else is touched.
bool clear_case_files(std::filesystem::path const& folder, std::string& why) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) return true;
    std::vector<std::filesystem::path> stale;
    for (auto it = std::filesystem::directory_iterator(folder, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".json") stale.push_back(it->path());
    for (auto const& p : stale)
        if (!ec) std::filesystem::remove(p, ec);
    if (ec) why = "cannot clear " + folder.string() + ": " + ec.message();
    return !ec;
}

} // namespace

std::string case_file(std::string const& label, std::string const& id) {
    std::string name = id;
    for (auto& c : name)
        if (c == '/') c = '-';
    return label + "/" + name + ".json";
}

json::object case_document(case_result const& r, std::string const& target_url) {
    json::array rules, failures, exchanges;
    for (auto const& x : r.rules) rules.push_back(json::value(x));
    for (auto const& f : r.failures)
        failures.push_back(
            json::object{{"where", f.where}, {"expected", f.expected}, {"actual", f.actual}});
    for (auto const& x : r.exchanges) exchanges.push_back(exchange_json(x));
    json::object o{{"id", r.id},
                   {"target", target_url},
                   {"rules", std::move(rules)},
                   {"description", r.description},
                   {"fixture", r.file},
                   {"verdict", to_string(r.outcome)},
                   {"status", r.status},
                   {"code", optional_code(r.code)},
                   {"duration_ms", r.duration_ms},
                   {"failures", std::move(failures)},
                   {"exchanges", std::move(exchanges)}};
    if (!r.reason.empty()) o["reason"] = r.reason;
    if (r.budget_skip) o["budget_skip"] = true;
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
            if (!r.reason.empty()) c["reason"] = r.reason;
            if (r.budget_skip) c["budget_skip"] = true;
            cases[r.id] = std::move(c);
        }
        targets[run.url] = std::move(cases);
        auto t = count(run.results);
        summary[run.url] = json::object{{"passed", t.passed},   {"failed", t.failed},
                                        {"skipped", t.skipped}, {"non_strict", t.non_strict},
                                        {"errors", t.errors}};
    }
    return json::object{{"targets", std::move(targets)}, {"summary", std::move(summary)}};
}

bool write_reports(std::string const& dir, std::vector<target_run> const& runs,
                   std::vector<drift_entry> const& drift, std::string& why) {
    std::filesystem::path root(dir);
    // A reused directory must not keep the case files of an earlier run.
    for (auto const* label : {"primary", "drift"})
        if (!clear_case_files(root / label, why)) return false;
    for (auto const& run : runs)
        for (auto const& r : run.results)
            if (!write_file(root / case_file(run.label, r.id),
                            json::serialize(case_document(r, run.url)) + "\n", why))
                return false;
    if (!write_file(root / "index.json", json::serialize(index_document(runs)) + "\n", why))
        return false;
    if (runs.size() > 1) {
        json::array d;
        for (auto const& e : drift)
            d.push_back(json::object{
                {"case", e.case_id}, {"what", e.what}, {"left", e.left}, {"right", e.right}});
        if (!write_file(root / "drift.json",
                        json::serialize(json::object{{"left", runs[0].url},
                                                     {"right", runs[1].url},
                                                     {"differences", std::move(d)}}) + "\n",
                        why))
            return false;
    }
    return write_file(root / "junit.xml", junit_xml(runs), why);
}

} // namespace push::conformance
