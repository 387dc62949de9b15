#include "conformance/run/control.hpp"

#include "conformance/run/placeholders.hpp"
#include "conformance/text/json_pointer.hpp"

namespace push::conformance {

result<std::optional<json::value>> call_control(case_context& cx, std::string const& kind,
                                                request_spec const& r) {
    outgoing_request req;
    req.method = r.method;
    req.target = fill_app(r.path, cx.app_key);
    if (r.body) {
        req.body = fill_app(*r.body, cx.app_key);
        req.headers.emplace_back("Content-Type", "application/json");
    }
    if (cx.to.admin_token)
        req.headers.emplace_back("X-Emulator-Token", *cx.to.admin_token);
    auto answer = cx.send(kind, req, nullptr).response;
    auto call = kind + " " + req.method + " " + req.target;
    if (!answer)
        return fail(call + ": " + answer.error().message);
    if (req.target.rfind("/_emulator/clock", 0) == 0)
        cx.clock_touched = true;
    if (answer->status / 100 != 2)
        return fail(call + " answered " + std::to_string(answer->status) + ": " +
                    answer->body.substr(0, 200));
    return json_body(answer->body);
}

namespace {

// Reads the emulator clock into the case's offset; without a readable clock, signing uses the
// wall clock.
void refresh_clock(case_context& cx) {
    request_spec r;
    r.method = "GET";
    r.path = "/_emulator/clock";
    bool touched = cx.clock_touched;
    auto body = call_control(cx, "clock", r);
    cx.clock_touched = touched; // reading the clock does not move it
    if (!body || !*body)
        return;
    auto const* now = at_pointer(**body, "/now_ms");
    if (now && now->is_int64())
        cx.clock_offset = now->get_int64() - cx.now();
}

} // namespace

result<> open_app(case_context& cx, std::string const& run_nonce, std::uint64_t serial) {
    // A fresh app per case: isolated quota, nonces, devices, tags and journal.
    auto const& f = cx.f;
    cx.app_key = "conf-" + f.area + "-" + f.id.substr(f.id.find('/') + 1) + "-" + run_nonce + "-" +
                 std::to_string(serial);
    cx.creds = credentials{cx.app_key, "secret-" + random_nonce()};
    json::object app{{"secret", cx.creds.app_secret}, {"per_hour", 0}, {"per_day", 0}};
    for (auto const& [k, v] : f.app)
        app[k] = v;
    if (!f.profile.empty())
        app["profile"] = f.profile;
    request_spec put;
    put.method = "PUT";
    put.path = "/_emulator/apps/" + cx.app_key;
    put.body = json::serialize(app);
    if (auto made = call_control(cx, "app", put); !made)
        return made.error();
    refresh_clock(cx);
    for (auto const& call : f.setup) {
        if (auto done = call_control(cx, "setup", call); !done)
            return done.error();
        if (cx.clock_touched)
            refresh_clock(cx);
    }
    return {};
}

void close_app(case_context& cx) {
    // Leave the emulator as the case found it. A failure here is reported by its exchange and
    // never becomes the case's error.
    request_spec r;
    r.method = "POST";
    r.path = "/_emulator/clock/reset";
    r.body = "{}";
    if (cx.clock_touched)
        (void)call_control(cx, "cleanup", r);
    r.method = "DELETE";
    r.path = "/_emulator/apps/" + cx.app_key;
    r.body.reset();
    (void)call_control(cx, "cleanup", r);
}

result<> change_clock(case_context& cx, step const& s) {
    request_spec r;
    r.method = s.clock_op == "set" ? "PUT" : "POST";
    r.path = s.clock_op == "set" ? "/_emulator/clock" : "/_emulator/clock/" + s.clock_op;
    if (s.clock_op == "advance")
        r.body = json::serialize(json::object{{"by", s.clock_arg}});
    else if (s.clock_op == "set")
        r.body = json::serialize(json::object{{"now_ms", s.clock_arg}});
    else
        r.body = "{}";
    if (auto done = call_control(cx, "clock", r); !done)
        return done.error();
    refresh_clock(cx);
    return {};
}

result<json::value> fetch_journal(case_context& cx, observed const& o) {
    request_spec r;
    r.method = "GET";
    auto const* id = o.body ? at_pointer(*o.body, "/id") : nullptr;
    bool by_id = id && id->is_string() && !id->get_string().empty();
    r.path = by_id ? "/_emulator/journal/" + std::string(id->get_string())
                   : "/_emulator/journal?app=" + cx.app_key;
    auto body = call_control(cx, "journal", r);
    if (!body)
        return fail("GET " + r.path + " failed");
    if (!*body || !(*body)->is_object())
        return fail("GET " + r.path + " answered a body that is not a JSON object");
    auto const& doc = (*body)->get_object();
    if (by_id) {
        if (auto const* e = doc.if_contains("entry"); e && e->is_object())
            return *e;
        return **body;
    }
    auto const* entries = doc.if_contains("entries");
    if (!entries || !entries->is_array() || entries->get_array().empty())
        return fail("no journal entry for app " + cx.app_key);
    return entries->get_array().back();
}

} // namespace push::conformance
