// Control API: the faults armed on an app's signed endpoints.
#include "core/control/call.hpp"

namespace push::core {
namespace {

constexpr std::string_view rule = "emulator/control";
/// The longest delay or hang one fault may ask for: ten minutes.
constexpr std::int64_t max_wait_ms = 600'000;

/// Which members each kind reads besides path, host, count, after and probability.
struct kind_members {
    bool answer;  // status, code, message
    bool delay;   // delay_ms, jitter_ms
    bool hang;    // hang_ms
    bool gateway; // status among 502, 503, 504
};
constexpr kind_members members_of(fault_kind k) {
    return {k == fault_kind::error || k == fault_kind::delay, k == fault_kind::delay,
            k == fault_kind::hang, k == fault_kind::gateway};
}

/// Fails on a member the kind does not read, naming it and the kind.
void refuse_member(object_reader& r, std::string_view key, bool allowed, fault_kind k) {
    if (!allowed && r.ok() && r.raw(key))
        r.fail_member(key, "does not apply to kind \"" + std::string(name_of(k)) + "\"", rule);
}

/// probability: a JSON number from 0 to 1.
void read_probability(object_reader& r, double& out) {
    auto const* v = r.raw("probability");
    if (!v || !r.ok())
        return;
    if (!v->is_number() || v->to_number<double>() < 0.0 || v->to_number<double>() > 1.0)
        return r.fail_member("probability", "must be a number from 0 to 1", rule);
    out = v->to_number<double>();
}

/// The members every kind shares: kind, path, host, count, after, probability.
void read_common(object_reader& r, fault& f) {
    std::optional<std::string> kind, path, host;
    r.read_string_in("kind", kind,
                     {"error", "delay", "hang", "drop", "reset", "truncate", "gateway"}, rule);
    f.kind = kind ? *parse_fault_kind(*kind) : fault_kind::error;
    r.read_string("path", path, rule);
    std::optional<endpoint> target = path ? find_endpoint(normalize_path(*path)) : std::nullopt;
    if (r.ok() && !target)
        r.fail_member("path",
                      "must be a signed endpoint such as \"/push.json\" or \"/user/tag/set.json\"",
                      rule);
    if (target)
        f.endpoint = *target;
    r.read_string_in("host", host, {"primary", "backup", "both"}, rule);
    f.host = !host || *host == "both" ? host_filter::both
             : *host == "primary"     ? host_filter::primary
                                      : host_filter::backup;
    std::optional<std::int64_t> count, after;
    r.read_int_range("count", count, 0, 1'000'000, rule);
    r.read_int_range("after", after, 0, 1'000'000, rule);
    f.remaining = static_cast<std::uint32_t>(count.value_or(1));
    f.after = static_cast<std::uint32_t>(after.value_or(0));
    read_probability(r, f.probability);
}

/// The members of the fault's kind; any other kind's member is an error.
void read_kind_members(object_reader& r, fault& f) {
    auto const m = members_of(f.kind);
    for (auto key : {"code", "message"})
        refuse_member(r, key, m.answer, f.kind);
    refuse_member(r, "status", m.answer || m.gateway, f.kind);
    refuse_member(r, "delay_ms", m.delay, f.kind);
    refuse_member(r, "jitter_ms", m.delay, f.kind);
    refuse_member(r, "hang_ms", m.hang, f.kind);
    std::optional<std::int64_t> status, code, delay, jitter, hang;
    if (m.gateway) {
        std::optional<int> s;
        r.read_int_in("status", s, {502, 503, 504}, rule);
        f.status = s;
    } else {
        r.read_int_range("status", status, 400, 599, rule);
    }
    r.read_int_range("code", code, 0, INT32_MAX, rule);
    r.read_string("message", f.message, rule);
    if (m.delay && r.ok() && !r.raw("delay_ms"))
        r.fail_member("delay_ms", "is required for kind \"delay\"", rule);
    r.read_int_range("delay_ms", delay, 0, max_wait_ms, rule);
    r.read_int_range("jitter_ms", jitter, 0, max_wait_ms, rule);
    r.read_int_range("hang_ms", hang, 0, max_wait_ms, rule);
    if (status)
        f.status = static_cast<int>(*status);
    if (code)
        f.code = static_cast<int>(*code);
    f.delay_ms = static_cast<std::uint32_t>(delay.value_or(0));
    f.jitter_ms = static_cast<std::uint32_t>(jitter.value_or(0));
    f.hang_ms = static_cast<std::uint32_t>(hang.value_or(0));
}

/// Reads a fault ({"kind","path","host","count","after","probability"} and the kind's own
/// members); 400/1002 naming the field.
api_result<fault> parse_fault(json::object const& body, read_context& ctx) {
    object_reader r(body, "", ctx);
    fault f;
    read_common(r, f);
    read_kind_members(r, f);
    if (auto done = r.finish(); !done)
        return done.error();
    return f;
}

std::string_view host_name(host_filter h) {
    return h == host_filter::both ? "both" : h == host_filter::primary ? "primary" : "backup";
}

/// 0 and 1 as integers; Boost.JSON writes any double in exponent form ("5E-1").
json::value probability_json(double p) {
    if (p == 0.0 || p == 1.0)
        return static_cast<int>(p);
    return p;
}

json::object fault_json(fault const& f) {
    json::object o{{"kind", name_of(f.kind)},   {"path", path_of(f.endpoint)},
                   {"host", host_name(f.host)}, {"count", f.remaining},
                   {"after", f.after},          {"probability", probability_json(f.probability)}};
    auto const m = members_of(f.kind);
    if (f.kind == fault_kind::error || (m.answer && (f.status || f.code))) {
        o["status"] = f.status.value_or(500);
        o["code"] = f.code.value_or(1000);
        o["message"] = f.message.value_or("injected fault");
    }
    if (m.delay) {
        o["delay_ms"] = f.delay_ms;
        o["jitter_ms"] = f.jitter_ms;
    }
    if (m.hang)
        o["hang_ms"] = f.hang_ms ? json::value(f.hang_ms) : json::value(nullptr);
    if (m.gateway)
        o["status"] = f.status.value_or(502);
    return o;
}

json::array faults_json(fault_list const& faults) {
    json::array out;
    for (auto const& f : faults.armed())
        out.push_back(fault_json(f));
    return out;
}

} // namespace

api_result<json::object> get_faults(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    return json::object{{"code", 200}, {"faults", faults_json((*app)->faults)}};
}

// POST /_emulator/apps/{key}/faults {"kind","path","host","count","after","probability",...}.
api_result<json::object> add_fault(control_call& c) {
    auto call = c.app_and_body();
    if (!call)
        return call.error();
    auto f = parse_fault(call->body, c.read);
    if (!f)
        return f.error();
    call->app->faults.add(std::move(*f));
    return get_faults(c);
}

api_result<json::object> clear_faults(control_call& c) {
    auto app = c.app();
    if (!app)
        return app.error();
    (*app)->faults.clear();
    return json::object{{"code", 200}, {"faults", json::array{}}};
}

} // namespace push::core
