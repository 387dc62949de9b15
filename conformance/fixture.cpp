#include "conformance/fixture.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace push::conformance {

std::string load_error::describe() const {
    return file + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message;
}

void throw_exception_from_error(load_error const& e, boost::source_location const&) {
    throw std::runtime_error(e.describe());
}

namespace {

using fail_t = load_error;

std::string escape_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string child(std::string const& ptr, std::string_view key) {
    return ptr + "/" + escape_token(key);
}
std::string child(std::string const& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

// A cursor over one fixture document: the file name for errors and helpers that read typed
// members, each failing with the JSON pointer of the bad value.
class reader {
public:
    explicit reader(std::string file) : file_(std::move(file)) {}

    load_error fail(std::string pointer, std::string message) const {
        return {file_, std::move(pointer), std::move(message)};
    }

    load_result<json::object const*> object(json::value const& v, std::string const& p) const {
        if (!v.is_object()) return fail(p, "must be an object");
        return &v.get_object();
    }
    load_result<std::string> string(json::value const& v, std::string const& p) const {
        if (!v.is_string()) return fail(p, "must be a string");
        return std::string(v.get_string());
    }
    load_result<bool> boolean(json::value const& v, std::string const& p) const {
        if (!v.is_bool()) return fail(p, "must be true or false");
        return v.get_bool();
    }
    load_result<int> integer(json::value const& v, std::string const& p) const {
        if (v.is_int64()) return static_cast<int>(v.get_int64());
        if (v.is_uint64()) return static_cast<int>(v.get_uint64());
        return fail(p, "must be an integer");
    }

    load_result<std::vector<field_check>> checks(json::value const& v, std::string const& p,
                                                 bool pointers) const;
    load_result<matcher> one_matcher(std::string_view name, json::value const& arg,
                                     std::string const& p) const;
    load_result<expectation> expect(json::value const& v, std::string const& p) const;
    load_result<signing_spec> signing(json::value const& v, std::string const& p) const;
    load_result<request_spec> request(json::object const& o, std::string const& p,
                                      bool control) const;
    load_result<step> one_step(json::value const& v, std::string const& p) const;
    load_result<json::value> expand(json::value const& v, std::string const& p) const;

private:
    std::string file_;
};

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

load_result<signing_spec> reader::signing(json::value const& v, std::string const& p) const {
    signing_spec s;
    if (v.is_string()) {
        if (v.get_string() == "auto") return s;
        if (v.get_string() == "none") {
            s.enabled = false;
            return s;
        }
        return fail(p, "must be \"auto\", \"none\" or an object of overrides");
    }
    auto obj = object(v, p);
    if (!obj) return fail(p, "must be \"auto\", \"none\" or an object of overrides");
    for (auto const& [key, val] : **obj) {
        auto kp = child(p, key);
        auto text = [&](std::optional<std::string>& out) -> load_result<void> {
            auto r = string(val, kp);
            if (!r) return r.error();
            out = std::move(*r);
            return {};
        };
        load_result<void> r;
        if (key == "app_key") r = text(s.app_key);
        else if (key == "nonce") r = text(s.nonce);
        else if (key == "timestamp") r = text(s.timestamp);
        else if (key == "signature") r = text(s.signature);
        else if (key == "secret") r = text(s.secret);
        else if (key == "prefix") {
            auto t = string(val, kp);
            if (!t) return t.error();
            s.prefix = *t;
        } else if (key == "uppercase") {
            auto b = boolean(val, kp);
            if (!b) return b.error();
            s.uppercase = *b;
        } else if (key == "timestamp_unit") {
            if (val != json::value("s") && val != json::value("ms"))
                return fail(kp, "must be \"s\" or \"ms\"");
            s.seconds = val == json::value("s");
        } else if (key == "timestamp_offset") {
            auto d = parse_duration_ms(val);
            if (!d) return fail(kp, "must be a duration such as \"-301s\" or an integer of ms");
            s.timestamp_offset_ms = *d;
        } else if (key == "omit") {
            static constexpr std::string_view names[] = {"App-Key", "Nonce", "Timestamp",
                                                         "Signature"};
            if (!val.is_array()) return fail(kp, "must be an array of header names");
            for (std::size_t i = 0; i < val.get_array().size(); ++i) {
                auto const& n = val.get_array()[i];
                if (!n.is_string() || std::find(std::begin(names), std::end(names),
                                                n.get_string()) == std::end(names))
                    return fail(child(kp, i), "must be App-Key, Nonce, Timestamp or Signature");
                s.omit.emplace_back(n.get_string());
            }
        } else {
            return fail(kp, "unknown signing override '" + std::string(key) + "'");
        }
        if (!r) return r.error();
    }
    return s;
}

// Expands the body macros {"$array":{"count":N,"item":…}} and {"$string":{"repeat":"x","count":N}}
// so that large bodies (1001 user ids, 100 KiB) stay readable in the fixture.
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
    if (o.size() == 1 && (o.contains("$array") || o.contains("$string"))) {
        bool arr = o.contains("$array");
        auto mp = child(p, arr ? "$array" : "$string");
        auto spec = object(o.begin()->value(), mp);
        if (!spec) return spec.error();
        auto const* count = (*spec)->if_contains("count");
        if (!count || !count->is_int64() || count->get_int64() < 0 || count->get_int64() > 10'000'000)
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
    json::object out;
    for (auto const& [key, val] : o) {
        auto e = expand(val, child(p, key));
        if (!e) return e.error();
        out[key] = std::move(*e);
    }
    return json::value(std::move(out));
}

std::string decode_base64(std::string_view in, bool& ok) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buf = 0;
    int bits = 0;
    ok = true;
    for (char c : in) {
        if (c == '=' || c == '\n' || c == '\r') continue;
        auto pos = alphabet.find(c);
        if (pos == std::string_view::npos) {
            ok = false;
            return {};
        }
        buf = (buf << 6) | static_cast<unsigned>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buf >> bits) & 0xFF));
        }
    }
    return out;
}

load_result<request_spec> reader::request(json::object const& o, std::string const& p,
                                          bool control) const {
    request_spec r;
    int bodies = 0;
    for (auto const& [key, val] : o) {
        auto kp = child(p, key);
        if (key == "method" || key == "path") {
            auto s = string(val, kp);
            if (!s) return s.error();
            if (s->empty()) return fail(kp, "must not be empty");
            (key == "method" ? r.method : r.path) = std::move(*s);
        } else if (key == "headers") {
            auto h = object(val, kp);
            if (!h) return h.error();
            for (auto const& [name, hv] : **h) {
                auto s = string(hv, child(kp, name));
                if (!s) return s.error();
                r.headers.emplace_back(std::string(name), std::move(*s));
            }
        } else if (key == "body") {
            ++bodies;
            auto e = expand(val, kp);
            if (!e) return e.error();
            r.body = json::serialize(*e);
        } else if (key == "body_raw" || key == "body_base64") {
            ++bodies;
            auto s = string(val, kp);
            if (!s) return s.error();
            if (key == "body_raw") {
                r.body = std::move(*s);
            } else {
                bool ok = false;
                r.body = decode_base64(*s, ok);
                if (!ok) return fail(kp, "is not valid base64");
            }
        } else if (key == "signing" && !control) {
            auto s = signing(val, kp);
            if (!s) return s.error();
            r.signing = std::move(*s);
        } else if (key != "expect") {
            return fail(kp, "unknown request field '" + std::string(key) + "'");
        }
    }
    if (bodies > 1) return fail(p, "give only one of body, body_raw, body_base64");
    if (r.path.empty()) return fail(child(p, "path"), "is required");
    if (control) r.signing.enabled = false;
    return r;
}

bool is_push_path(std::string const& path) {
    std::string norm;
    for (char c : path.substr(0, path.find('?'))) {
        if (c == '/' && !norm.empty() && norm.back() == '/') continue;
        norm += c;
    }
    return norm == "/push.json";
}

load_result<step> reader::one_step(json::value const& v, std::string const& p) const {
    auto obj = object(v, p);
    if (!obj) return obj.error();
    step s;
    if (auto const* c = (*obj)->if_contains("clock")) {
        auto cp = child(p, "clock");
        auto co = object(*c, cp);
        if (!co) return co.error();
        if ((*co)->size() != 1) return fail(cp, "needs exactly one operation");
        auto const& [op, arg] = *(*co)->begin();
        s.what = step::kind::clock;
        s.clock_op = std::string(op);
        s.clock_arg = arg;
        if (op == "advance" && !parse_duration_ms(arg))
            return fail(child(cp, op), "must be a duration such as \"1h\"");
        if (op == "set" && !arg.is_int64()) return fail(child(cp, op), "must be an integer (ms)");
        if (op != "advance" && op != "set" && op != "freeze" && op != "resume" && op != "reset")
            return fail(child(cp, op), "unknown clock operation (advance, set, freeze, resume, "
                                       "reset)");
        return s;
    }
    bool control = (*obj)->contains("control");
    json::object const* ro = *obj;
    auto rp = p;
    if (control) {
        rp = child(p, "control");
        auto co = object((*obj)->at("control"), rp);
        if (!co) return co.error();
        ro = *co;
        s.what = step::kind::control;
    }
    auto r = request(*ro, rp, control);
    if (!r) return r.error();
    s.request = std::move(*r);
    auto const* e = (*obj)->if_contains("expect");
    if (!e) return fail(child(p, "expect"), "is required for each request of a sequence");
    auto ex = expect(*e, child(p, "expect"));
    if (!ex) return ex.error();
    s.expect = std::move(*ex);
    s.spends_quota = !control && is_push_path(s.request.path) && s.request.signing.is_valid();
    return s;
}

std::vector<std::string> const& known_fields() {
    static std::vector<std::string> const f = {
        "id",    "rule",    "rules",  "description", "emulator_only", "spends_quota", "strict",
        "requires_admin_token", "setup", "app", "request", "requests", "expect"};
    return f;
}

} // namespace

bool signing_spec::is_valid() const noexcept {
    if (!enabled || !omit.empty() || signature || secret || app_key) return false;
    return true;
}

int fixture::quota_cost() const noexcept {
    return static_cast<int>(
        std::count_if(steps.begin(), steps.end(), [](step const& s) { return s.spends_quota; }));
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

bool selected(std::string const& id, std::vector<std::string> const& prefixes) {
    if (prefixes.empty()) return true;
    for (auto const& p : prefixes) {
        auto q = p;
        while (!q.empty() && q.back() == '/') q.pop_back();
        if (id == q || (id.size() > q.size() && id.compare(0, q.size(), q) == 0 &&
                        id[q.size()] == '/'))
            return true;
    }
    return false;
}

load_result<fixture> parse_fixture(json::value const& doc, std::string const& file) {
    reader rd(file);
    if (!doc.is_object()) return rd.fail("", "a fixture must be a JSON object");
    auto const& o = doc.get_object();
    fixture f;
    f.file = file;
    for (auto const& [key, val] : o) {
        auto const& k = known_fields();
        if (std::find(k.begin(), k.end(), key) == k.end())
            return rd.fail(child("", key), "unknown fixture field '" + std::string(key) + "'");
    }
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
        f.rules.push_back(*s);
    }
    if (auto const* rs = o.if_contains("rules")) {
        if (!rs->is_array()) return rd.fail("/rules", "must be an array of rule IDs");
        for (std::size_t i = 0; i < rs->get_array().size(); ++i) {
            auto s = rd.string(rs->get_array()[i], child("/rules", i));
            if (!s) return s.error();
            f.rules.push_back(*s);
        }
    }
    if (f.rules.empty()) return rd.fail("/rule", "is required (or give rules)");
    auto const* d = o.if_contains("description");
    if (!d) return rd.fail("/description", "is required");
    auto ds = rd.string(*d, "/description");
    if (!ds) return ds.error();
    f.description = *ds;

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
    if (auto const* s = o.if_contains("setup")) {
        if (!s->is_array()) return rd.fail("/setup", "must be an array of control calls");
        for (std::size_t i = 0; i < s->get_array().size(); ++i) {
            auto sp = child("/setup", i);
            auto so = rd.object(s->get_array()[i], sp);
            if (!so) return so.error();
            auto r = rd.request(**so, sp, true);
            if (!r) return r.error();
            if (r->path.rfind("/_emulator/", 0) != 0)
                return rd.fail(child(sp, "path"), "setup calls go to /_emulator/...");
            f.setup.push_back(std::move(*r));
        }
        f.emulator_only = true; // setup needs the control API
    }

    auto const* req = o.if_contains("request");
    auto const* reqs = o.if_contains("requests");
    if ((req != nullptr) == (reqs != nullptr)) return rd.fail("/request", "give request or requests");
    if (req) {
        auto ro = rd.object(*req, "/request");
        if (!ro) return ro.error();
        auto const* e = o.if_contains("expect");
        if (!e) return rd.fail("/expect", "is required");
        step s;
        auto r = rd.request(**ro, "/request", false);
        if (!r) return r.error();
        s.request = std::move(*r);
        auto ex = rd.expect(*e, "/expect");
        if (!ex) return ex.error();
        s.expect = std::move(*ex);
        s.spends_quota = is_push_path(s.request.path) && s.request.signing.is_valid();
        f.steps.push_back(std::move(s));
    } else {
        if (o.contains("expect")) return rd.fail("/expect", "with requests, each has its expect");
        if (!reqs->is_array() || reqs->get_array().empty())
            return rd.fail("/requests", "must be a non-empty array");
        for (std::size_t i = 0; i < reqs->get_array().size(); ++i) {
            auto s = rd.one_step(reqs->get_array()[i], child("/requests", i));
            if (!s) return s.error();
            if (s->what != step::kind::request) f.emulator_only = true;
            f.steps.push_back(std::move(*s));
        }
    }
    if (spends) {
        for (auto& s : f.steps)
            if (s.what == step::kind::request) s.spends_quota = *spends && s.spends_quota;
    }
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
    std::vector<fixture> out;
    std::map<std::string, std::string> seen;
    for (auto const& file : files) {
        auto f = load_fixture(file);
        if (!f) return f.error();
        auto [it, fresh] = seen.emplace(f->id, file);
        if (!fresh) return load_error{file, "/id", "duplicate id " + f->id + " (also " + it->second + ")"};
        out.push_back(std::move(*f));
    }
    std::sort(out.begin(), out.end(),
              [](fixture const& a, fixture const& b) { return a.id < b.id; });
    return out;
}

} // namespace push::conformance
