#include "conformance/record/recording.hpp"

#include "conformance/check/drift.hpp"
#include "conformance/files.hpp"
#include "conformance/fixture/document_reader.hpp"
#include "conformance/text/base64.hpp"
#include "conformance/text/utf8.hpp"

#include <filesystem>

namespace push::conformance {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view format_name = "push-conformance recording 1";

// cases/auth-011.json for auth/011.
std::string case_path(std::string const& id) {
    auto name = id;
    for (auto& c : name)
        if (c == '/')
            c = '-';
    return "cases/" + name + ".json";
}

json::value strings_json(std::vector<std::string> const& v) {
    json::array a;
    for (auto const& s : v)
        a.push_back(json::value(s));
    return a;
}

json::object response_json(recorded_exchange const& x) {
    json::object headers;
    for (auto const& [n, v] : x.headers)
        headers[n] = v;
    json::object o{{"status", x.status}, {"headers", std::move(headers)}};
    if (x.body)
        o["body"] = *x.body;
    else if (valid_utf8(x.raw_body))
        o["body_text"] = x.raw_body;
    else
        o["body_base64"] = encode_base64(x.raw_body);
    return o;
}

json::object case_json(recorded_case const& c) {
    json::array exchanges;
    for (auto const& x : c.exchanges)
        exchanges.push_back(json::object{{"request", x.request}, {"response", response_json(x)}});
    json::object o{{"id", c.id},
                   {"rules", strings_json(c.rules)},
                   {"description", c.description},
                   {"fixture", c.fixture}};
    if (!c.profile.empty())
        o["profile"] = c.profile;
    if (!c.app.empty())
        o["app"] = c.app;
    o["exchanges"] = std::move(exchanges);
    return o;
}

result<> write_json(fs::path const& p, json::value const& v) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    return write_file(p.string(), json::serialize(v) + "\n");
}

// A required string member of `o` at `p`.
result<std::string> text(document_reader const& rd, json::object const& o, std::string_view key,
                         std::string const& p) {
    auto const* v = o.if_contains(key);
    if (!v)
        return rd.fail(child_pointer(p, key), "is required");
    return rd.string(*v, child_pointer(p, key));
}

result<recorded_exchange> read_exchange(document_reader const& rd, json::value const& v,
                                        std::string const& p) {
    auto o = rd.object(v, p);
    if (!o)
        return o.error();
    recorded_exchange x;
    auto const* req = (*o)->if_contains("request");
    auto ro =
        req ? rd.object(*req, child_pointer(p, "request"))
            : result<json::object const*>(rd.fail(child_pointer(p, "request"), "is required"));
    if (!ro)
        return ro.error();
    x.request = **ro;
    auto rp = child_pointer(p, "response");
    auto const* res = (*o)->if_contains("response");
    auto so = res ? rd.object(*res, rp) : result<json::object const*>(rd.fail(rp, "is required"));
    if (!so)
        return so.error();
    auto const& r = **so;
    auto const* status = r.if_contains("status");
    auto st = status ? rd.integer(*status, child_pointer(rp, "status"))
                     : result<int>(rd.fail(child_pointer(rp, "status"), "is required"));
    if (!st)
        return st.error();
    x.status = *st;
    if (auto const* h = r.if_contains("headers")) {
        auto ho = rd.object(*h, child_pointer(rp, "headers"));
        if (!ho)
            return ho.error();
        for (auto const& [name, value] : **ho) {
            auto s = rd.string(value, child_pointer(child_pointer(rp, "headers"), name));
            if (!s)
                return s.error();
            x.headers.emplace_back(std::string(name), *s);
        }
    }
    if (auto const* b = r.if_contains("body")) {
        x.body = *b;
        x.raw_body = json::serialize(*b);
    } else if (auto const* t = r.if_contains("body_text")) {
        auto s = rd.string(*t, child_pointer(rp, "body_text"));
        if (!s)
            return s.error();
        x.raw_body = *s;
    } else if (auto const* b64 = r.if_contains("body_base64")) {
        auto s = rd.string(*b64, child_pointer(rp, "body_base64"));
        auto bytes = s ? decode_base64(*s) : result<std::string>(s.error());
        if (!bytes)
            return rd.fail(child_pointer(rp, "body_base64"), "must be base64");
        x.raw_body = *bytes;
    }
    return x;
}

// The JSON object that rd's file holds.
result<json::object> read_object_file(document_reader const& rd) {
    auto doc = read_json_file(rd.file());
    if (!doc)
        return doc.error();
    auto o = rd.object(*doc, "");
    if (!o)
        return o.error();
    return **o;
}

result<recorded_case> read_case(std::string const& file) {
    document_reader rd(file);
    auto o = read_object_file(rd);
    if (!o)
        return o.error();
    recorded_case c;
    c.file = file;
    for (auto [key, out] : {std::pair{"id", &c.id}, std::pair{"description", &c.description},
                            std::pair{"fixture", &c.fixture}}) {
        auto s = text(rd, *o, key, "");
        if (!s)
            return s.error();
        *out = *s;
    }
    if (auto const* p = o->if_contains("profile")) {
        auto s = rd.string(*p, "/profile");
        if (!s)
            return s.error();
        c.profile = *s;
    }
    if (auto const* a = o->if_contains("app")) {
        auto ao = rd.object(*a, "/app");
        if (!ao)
            return ao.error();
        c.app = **ao;
    }
    if (auto const* rs = o->if_contains("rules"); rs && rs->is_array())
        for (std::size_t i = 0; i < rs->get_array().size(); ++i) {
            auto s = rd.string(rs->get_array()[i], child_pointer("/rules", i));
            if (!s)
                return s.error();
            c.rules.push_back(*s);
        }
    auto const* xs = o->if_contains("exchanges");
    if (!xs || !xs->is_array() || xs->get_array().empty())
        return rd.fail("/exchanges", "must be a non-empty array");
    for (std::size_t i = 0; i < xs->get_array().size(); ++i) {
        auto x = read_exchange(rd, xs->get_array()[i], child_pointer("/exchanges", i));
        if (!x)
            return x.error();
        c.exchanges.push_back(std::move(*x));
    }
    return c;
}

} // namespace

std::string secrets::scrub(std::string text) const {
    for (auto const& s : values) {
        if (s.empty())
            continue;
        for (auto at = text.find(s); at != std::string::npos; at = text.find(s, at + 10))
            text.replace(at, s.size(), "<redacted>");
    }
    return text;
}

json::value secrets::scrub(json::value const& v) const {
    if (v.is_string())
        return json::value(scrub(std::string(v.get_string())));
    if (v.is_array()) {
        json::array out;
        for (auto const& e : v.get_array())
            out.push_back(scrub(e));
        return out;
    }
    if (!v.is_object())
        return v;
    json::object out;
    for (auto const& [k, e] : v.get_object())
        out[scrub(std::string(k))] = scrub(e);
    return out;
}

std::optional<recorded_case> record_case(fixture const& f, case_result const& r,
                                         secrets const& keep) {
    if (r.outcome == verdict::skip || r.outcome == verdict::error)
        return std::nullopt;
    auto all = keep;
    all.values.insert(all.values.end(), r.sent_signatures.begin(), r.sent_signatures.end());
    recorded_case c{f.id, f.rules, f.description, f.file, f.profile, f.app, {}, {}};
    std::size_t seen = 0;
    for (auto const& s : f.steps) {
        if (s.what == step::kind::clock)
            continue;
        if (seen >= r.steps.size())
            return std::nullopt;
        auto const& out = r.steps[seen++];
        if (s.what != step::kind::request)
            continue;
        recorded_exchange x;
        x.request = all.scrub(json::value(s.request.source)).get_object();
        x.status = out.status;
        for (auto const& [n, v] : out.headers)
            if (header_matters(n))
                x.headers.emplace_back(n, all.scrub(v));
        x.raw_body = all.scrub(out.raw_body);
        if (out.body)
            x.body = all.scrub(*out.body);
        c.exchanges.push_back(std::move(x));
    }
    if (c.exchanges.empty())
        return std::nullopt;
    return c;
}

result<> write_recording(std::string const& dir, recording const& rec) {
    fs::path root(dir);
    std::error_code ec;
    for (auto it = fs::directory_iterator(root / "cases", ec);
         !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->path().extension() == ".json")
            fs::remove(it->path(), ec);
    json::array ids;
    for (auto const& c : rec.cases) {
        ids.push_back(json::value(c.id));
        if (auto w = write_json(root / case_path(c.id), case_json(c)); !w)
            return w;
    }
    json::object index{{"format", format_name},
                       {"target", rec.target},
                       {"recorded_at", rec.recorded_at},
                       {"made_by", rec.made_by},
                       {"cases", std::move(ids)}};
    return write_json(root / "recording.json", index);
}

result<recording> read_recording(std::string const& dir) {
    auto file = (fs::path(dir) / "recording.json").string();
    if (!fs::is_regular_file(file))
        return problem(file, "", "not a recording: cannot read recording.json");
    document_reader rd(file);
    auto o = read_object_file(rd);
    if (!o)
        return o.error();
    if (auto const* f = o->if_contains("format"); !f || *f != json::value(format_name))
        return rd.fail("/format", "must be \"" + std::string(format_name) + "\"");
    recording rec;
    for (auto [key, out] :
         {std::pair{"target", &rec.target}, std::pair{"recorded_at", &rec.recorded_at},
          std::pair{"made_by", &rec.made_by}}) {
        auto s = text(rd, *o, key, "");
        if (!s)
            return s.error();
        *out = *s;
    }
    auto const* ids = o->if_contains("cases");
    if (!ids || !ids->is_array())
        return rd.fail("/cases", "must be an array of case ids");
    for (std::size_t i = 0; i < ids->get_array().size(); ++i) {
        auto id = rd.string(ids->get_array()[i], child_pointer("/cases", i));
        if (!id)
            return id.error();
        auto c = read_case((fs::path(dir) / case_path(*id)).string());
        if (!c)
            return c.error();
        if (c->id != *id)
            return problem(c->file, "/id", "is " + c->id + ", recording.json lists " + *id);
        rec.cases.push_back(std::move(*c));
    }
    return rec;
}

} // namespace push::conformance
