// Reading requests and the steps of a sequence: method, path, headers, one body (JSON, raw or
// base64), signing; control calls; clock operations.
#include "conformance/base64.hpp"
#include "conformance/fixture_reader.hpp"

#include <algorithm>

namespace push::conformance::detail {

load_result<request_spec> reader::request(json::object const& o, std::string const& p,
                                          bool control) const {
    request_spec r;
    int bodies = 0;
    for (auto const& [key, val] : o) {
        auto f = request_field(r, bodies, key, val, child(p, key), control);
        if (!f) return f.error();
    }
    if (bodies > 1) return fail(p, "give only one of body, body_raw, body_base64");
    if (r.path.empty()) return fail(child(p, "path"), "is required");
    if (control) r.signing.enabled = false;
    return r;
}

// One member of a request object; `bodies` counts the body fields seen.
load_result<void> reader::request_field(request_spec& r, int& bodies, std::string_view key,
                                        json::value const& val, std::string const& p,
                                        bool control) const {
    if (key == "method" || key == "path") {
        auto s = string(val, p);
        if (!s) return s.error();
        if (s->empty()) return fail(p, "must not be empty");
        (key == "method" ? r.method : r.path) = std::move(*s);
    } else if (key == "headers") {
        auto h = object(val, p);
        if (!h) return h.error();
        for (auto const& [name, hv] : **h) {
            auto s = string(hv, child(p, name));
            if (!s) return s.error();
            r.headers.emplace_back(std::string(name), std::move(*s));
        }
    } else if (key == "body") {
        ++bodies;
        auto e = expand(val, p);
        if (!e) return e.error();
        r.body = json::serialize(*e);
    } else if (key == "body_raw" || key == "body_base64") {
        ++bodies;
        auto s = string(val, p);
        if (!s) return s.error();
        if (key == "body_raw") {
            r.body = std::move(*s);
            return {};
        }
        auto bytes = decode_base64(*s);
        if (!bytes) return fail(p, "is not valid base64");
        r.body = std::move(*bytes);
    } else if (key == "signing" && !control) {
        auto s = signing(val, p);
        if (!s) return s.error();
        r.signing = std::move(*s);
    } else if (key != "expect") {
        return fail(p, "unknown request field '" + std::string(key) + "'");
    }
    return {};
}

load_result<void> reader::expect_step(step& s, json::value const& v, std::string const& p,
                                      bool control) const {
    auto ex = expect(v, p);
    if (!ex) return ex.error();
    s.expect = std::move(*ex);
    // Conservative: a call to /push.json counts unless its signature is deliberately broken;
    // with signing off, fixture headers that carry {signature} still sign it validly.
    auto const& sg = s.request.signing;
    bool signed_by_headers =
        !sg.signature && !sg.secret && !sg.app_key &&
        std::any_of(s.request.headers.begin(), s.request.headers.end(), [](auto const& h) {
            return h.second.find("{signature}") != std::string::npos;
        });
    s.spends_quota = !control && is_push_path(s.request.path) && (sg.is_valid() || signed_by_headers);
    return {};
}

load_result<step> reader::one_step(json::value const& v, std::string const& p) const {
    auto obj = object(v, p);
    if (!obj) return obj.error();
    if ((*obj)->contains("clock")) return clock_step((*obj)->at("clock"), child(p, "clock"));
    step s;
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
    auto ex = expect_step(s, *e, child(p, "expect"), control);
    if (!ex) return ex.error();
    return s;
}

// {"clock": {"advance": "1h"}} and the other emulator clock operations.
load_result<step> reader::clock_step(json::value const& v, std::string const& p) const {
    auto co = object(v, p);
    if (!co) return co.error();
    if ((*co)->size() != 1) return fail(p, "needs exactly one operation");
    auto const& [op, arg] = *(*co)->begin();
    step s;
    s.what = step::kind::clock;
    s.clock_op = std::string(op);
    s.clock_arg = arg;
    if (op == "advance" && !parse_duration_ms(arg))
        return fail(child(p, op), "must be a duration such as \"1h\"");
    if (op == "set" && !arg.is_int64()) return fail(child(p, op), "must be an integer (ms)");
    if (op != "advance" && op != "set" && op != "freeze" && op != "resume" && op != "reset")
        return fail(child(p, op), "unknown clock operation (advance, set, freeze, resume, reset)");
    return s;
}

} // namespace push::conformance::detail
