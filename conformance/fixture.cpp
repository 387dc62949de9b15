// A fixture document to a fixture (identity, flags, setup, steps), fixture files to the suite,
// and the durations and id prefixes fixtures and the command line use. The document reader and
// the request, signing, body and expectation parts live in fixture_*.cpp.
#include "conformance/fixture.hpp"
#include "conformance/fixture_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace push::conformance {

std::string load_error::describe() const {
    auto line = file + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message;
    for (auto const& e : more) line += "\n" + e.describe();
    return line;
}

std::ostream& operator<<(std::ostream& os, load_error const& e) { return os << e.describe(); }

std::ostream& operator<<(std::ostream& os, fixture const& f) {
    return os << f.id << " (" << f.file << ")";
}

void throw_exception_from_error(load_error const& e, boost::source_location const&) {
    throw std::runtime_error(e.describe());
}

bool signing_spec::is_valid() const noexcept {
    if (!enabled || !omit.empty() || signature || secret || app_key) return false;
    return true;
}

int fixture::quota_cost() const noexcept {
    return static_cast<int>(std::count_if(steps.begin(), steps.end(), [this](step const& s) {
        return s.spends_quota || (declared_cost && s.what == step::kind::request);
    }));
}

namespace {

using detail::child;
using detail::reader;

load_result<void> known_fields_only(json::object const& o, reader const& rd) {
    static std::vector<std::string> const known = {
        "id",    "rule",    "rules",  "description", "emulator_only", "spends_quota", "strict",
        "requires_admin_token", "setup", "app", "request", "requests", "expect"};
    for (auto const& [key, val] : o)
        if (std::find(known.begin(), known.end(), key) == known.end())
            return rd.fail(child("", key), "unknown fixture field '" + std::string(key) + "'");
    return {};
}

// id (area/nnn), rule or rules, description.
load_result<void> read_identity(json::object const& o, reader const& rd, fixture& f) {
    auto const* id = o.if_contains("id");
    if (!id) return rd.fail("/id", "is required");
    auto ids = rd.string(*id, "/id");
    if (!ids) return ids.error();
    static std::regex const id_shape("^[a-z][a-z0-9_.-]*/[0-9]{3}$");
    if (!std::regex_match(*ids, id_shape)) return rd.fail("/id", "must look like area/nnn");
    f.id = *ids;
    f.area = f.id.substr(0, f.id.find('/'));
    if (auto const* r = o.if_contains("rule")) {
        auto s = rd.string(*r, "/rule");
        if (!s) return s.error();
        if (s->empty()) return rd.fail("/rule", "must not be empty");
        f.rules.push_back(*s);
    }
    if (auto const* rs = o.if_contains("rules")) {
        if (!rs->is_array()) return rd.fail("/rules", "must be an array of rule IDs");
        for (std::size_t i = 0; i < rs->get_array().size(); ++i) {
            auto s = rd.string(rs->get_array()[i], child("/rules", i));
            if (!s) return s.error();
            if (s->empty()) return rd.fail(child("/rules", i), "must not be empty");
            f.rules.push_back(*s);
        }
    }
    if (f.rules.empty()) return rd.fail("/rule", "is required (or give rules)");
    auto const* d = o.if_contains("description");
    if (!d) return rd.fail("/description", "is required");
    auto ds = rd.string(*d, "/description");
    if (!ds) return ds.error();
    if (ds->empty()) return rd.fail("/description", "must not be empty");
    f.description = *ds;
    return {};
}

// The boolean flags, spends_quota (returned: it is applied once the steps are known) and app.
load_result<std::optional<bool>> read_flags(json::object const& o, reader const& rd, fixture& f) {
    for (auto [name, out] : {std::pair{"emulator_only", &f.emulator_only},
                             std::pair{"strict", &f.strict},
                             std::pair{"requires_admin_token", &f.requires_admin_token}}) {
        if (auto const* b = o.if_contains(name)) {
            auto v = rd.boolean(*b, child("", name));
            if (!v) return v.error();
            *out = *v;
        }
    }
    std::optional<bool> spends;
    if (auto const* b = o.if_contains("spends_quota")) {
        auto v = rd.boolean(*b, "/spends_quota");
        if (!v) return v.error();
        spends = *v;
    }
    if (auto const* a = o.if_contains("app")) {
        auto ao = rd.object(*a, "/app");
        if (!ao) return ao.error();
        f.has_app = true;
        f.app = **ao;
    }
    return spends;
}

// Control calls to /_emulator/... before the steps.
load_result<void> read_setup(json::value const& s, reader const& rd, fixture& f) {
    if (!s.is_array()) return rd.fail("/setup", "must be an array of control calls");
    for (std::size_t i = 0; i < s.get_array().size(); ++i) {
        auto sp = child("/setup", i);
        auto so = rd.object(s.get_array()[i], sp);
        if (!so) return so.error();
        auto r = rd.request(**so, sp, true);
        if (!r) return r.error();
        if (r->path.rfind("/_emulator/", 0) != 0)
            return rd.fail(child(sp, "path"), "setup calls go to /_emulator/...");
        f.setup.push_back(std::move(*r));
    }
    f.emulator_only = true; // setup needs the control API
    return {};
}

// One request with a top-level expect, or a sequence of requests, each with its own.
load_result<void> read_steps(json::object const& o, reader const& rd, fixture& f) {
    auto const* req = o.if_contains("request");
    auto const* reqs = o.if_contains("requests");
    if ((req != nullptr) == (reqs != nullptr))
        return rd.fail("/request", "give request or requests");
    if (req) {
        auto ro = rd.object(*req, "/request");
        if (!ro) return ro.error();
        auto const* e = o.if_contains("expect");
        if (!e) return rd.fail("/expect", "is required");
        step s;
        auto r = rd.request(**ro, "/request", false);
        if (!r) return r.error();
        s.request = std::move(*r);
        auto ex = rd.expect_step(s, *e, "/expect", false);
        if (!ex) return ex.error();
        f.steps.push_back(std::move(s));
        return {};
    }
    if (o.contains("expect")) return rd.fail("/expect", "with requests, each has its expect");
    if (!reqs->is_array() || reqs->get_array().empty())
        return rd.fail("/requests", "must be a non-empty array");
    for (std::size_t i = 0; i < reqs->get_array().size(); ++i) {
        auto s = rd.one_step(reqs->get_array()[i], child("/requests", i));
        if (!s) return s.error();
        if (s->what != step::kind::request) f.emulator_only = true;
        f.steps.push_back(std::move(*s));
    }
    return {};
}

} // namespace

load_result<fixture> parse_fixture(json::value const& doc, std::string const& file) {
    reader rd(file);
    if (!doc.is_object()) return rd.fail("", "a fixture must be a JSON object");
    auto const& o = doc.get_object();
    fixture f;
    f.file = file;
    if (auto k = known_fields_only(o, rd); !k) return k.error();
    if (auto id = read_identity(o, rd, f); !id) return id.error();
    auto flags = read_flags(o, rd, f);
    if (!flags) return flags.error();
    std::optional<bool> spends = *flags;
    if (auto const* s = o.if_contains("setup"))
        if (auto st = read_setup(*s, rd, f); !st) return st.error();
    if (auto st = read_steps(o, rd, f); !st) return st.error();
    // The flag only adds a cost the automatic rule cannot see; it never removes one.
    if (spends && *spends) f.declared_cost = true;
    if (spends && !*spends)
        for (std::size_t i = 0; i < f.steps.size(); ++i)
            if (f.steps[i].spends_quota)
                return rd.fail("/spends_quota",
                               "cannot be false: " +
                                   (f.steps.size() > 1 ? "request " + std::to_string(i + 1)
                                                       : std::string("the request")) +
                                   " is a validly signed call to /push.json, which spends quota");
    return f;
}

load_result<fixture> load_fixture(std::string const& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return load_error{file, "", "cannot read the file"};
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code ec;
    auto doc = json::parse(ss.str(), ec);
    if (ec) return load_error{file, "", "not valid JSON: " + ec.message()};
    return parse_fixture(doc, file);
}

std::vector<std::string> catalogue_rule_ids(std::string const& markdown) {
    static std::regex const row(
        R"(^\|\s*([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*/[a-z][a-z0-9-]*)\s*\|)");
    std::vector<std::string> ids;
    std::istringstream in(markdown);
    std::smatch m;
    for (std::string line; std::getline(in, line);)
        if (std::regex_search(line, m, row)) ids.push_back(m[1].str());
    return ids;
}

namespace {

// The file must sit at <area>/<nnn>-<slug>.json for its id area/nnn.
std::optional<load_error> misplaced(fixture const& f, std::filesystem::path const& file) {
    auto nnn = f.id.substr(f.id.find('/') + 1);
    auto stem = file.stem().string();
    auto dir = file.parent_path().filename().string();
    if (dir == f.area && stem.size() > nnn.size() + 1 && stem.compare(0, nnn.size(), nnn) == 0 &&
        stem[nnn.size()] == '-')
        return std::nullopt;
    return load_error{file.string(), "/id",
                      "id " + f.id + " needs the file name " + f.area + "/" + nnn +
                          "-<slug>.json (found " + dir + "/" + file.filename().string() + ")"};
}

// Rules that are not IDs of the catalogue, by the pointer they were written at.
void unknown_rules(fixture const& f, json::object const& doc,
                   std::vector<std::string> const& known, std::vector<load_error>& out) {
    std::vector<std::pair<std::string, std::string>> named;
    if (auto const* r = doc.if_contains("rule"); r && r->is_string())
        named.emplace_back("/rule", std::string(r->get_string()));
    if (auto const* rs = doc.if_contains("rules"); rs && rs->is_array())
        for (std::size_t i = 0; i < rs->get_array().size(); ++i)
            if (rs->get_array()[i].is_string())
                named.emplace_back(detail::child("/rules", i),
                                   std::string(rs->get_array()[i].get_string()));
    for (auto const& [ptr, id] : named)
        if (std::find(known.begin(), known.end(), id) == known.end())
            out.push_back(load_error{f.file, ptr,
                                     "unknown rule ID '" + id + "' (not in requirements.md)"});
}

std::optional<json::value> read_json(std::string const& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code ec;
    auto doc = json::parse(ss.str(), ec);
    if (ec) return std::nullopt;
    return doc;
}

} // namespace

load_result<std::vector<fixture>> load_fixtures(std::string const& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return load_error{dir, "", "not a fixtures directory"};
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".json")
            files.push_back(it->path().string());
    if (ec) return load_error{dir, "", "cannot list: " + ec.message()};
    std::sort(files.begin(), files.end());

    std::optional<std::vector<std::string>> known;
    auto catalogue = fs::path(dir) / ".." / "requirements.md";
    if (fs::is_regular_file(catalogue, ec)) {
        std::ifstream in(catalogue, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        if (!in) return load_error{catalogue.lexically_normal().string(), "", "cannot read"};
        known = catalogue_rule_ids(ss.str());
    }

    std::vector<fixture> out;
    std::vector<load_error> errors;
    std::map<std::string, std::string> seen;
    for (auto const& file : files) {
        auto f = load_fixture(file);
        if (!f) {
            errors.push_back(f.error());
            continue;
        }
        std::size_t before = errors.size();
        if (auto m = misplaced(*f, fs::path(file))) errors.push_back(std::move(*m));
        if (known)
            if (auto doc = read_json(file); doc && doc->is_object())
                unknown_rules(*f, doc->get_object(), *known, errors);
        auto [it, fresh] = seen.emplace(f->id, file);
        if (!fresh)
            errors.push_back(
                load_error{file, "/id", "duplicate id " + f->id + " (also " + it->second + ")"});
        if (errors.size() == before) out.push_back(std::move(*f));
    }
    if (!errors.empty()) {
        auto first = std::move(errors.front());
        first.more.assign(std::make_move_iterator(errors.begin() + 1),
                          std::make_move_iterator(errors.end()));
        return first;
    }
    std::sort(out.begin(), out.end(),
              [](fixture const& a, fixture const& b) { return a.id < b.id; });
    return out;
}

std::optional<std::int64_t> parse_duration_ms(json::value const& v) {
    if (v.is_int64()) return v.get_int64();
    if (!v.is_string()) return std::nullopt;
    std::string_view s = v.get_string();
    bool negative = !s.empty() && s.front() == '-';
    if (negative) s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    std::int64_t total = 0;
    while (!s.empty()) {
        std::size_t digits = 0;
        std::int64_t n = 0;
        while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') {
            if (n > 1'000'000'000'000) return std::nullopt;
            n = n * 10 + (s[digits++] - '0');
        }
        if (digits == 0) return std::nullopt;
        s.remove_prefix(digits);
        std::int64_t unit = 0;
        if (s.substr(0, 2) == "ms") unit = 1, s.remove_prefix(2);
        else if (!s.empty() && s.front() == 's') unit = 1000, s.remove_prefix(1);
        else if (!s.empty() && s.front() == 'm') unit = 60'000, s.remove_prefix(1);
        else if (!s.empty() && s.front() == 'h') unit = 3'600'000, s.remove_prefix(1);
        else if (!s.empty() && s.front() == 'd') unit = 86'400'000, s.remove_prefix(1);
        else return std::nullopt;
        total += n * unit;
    }
    return negative ? -total : total;
}

} // namespace push::conformance
