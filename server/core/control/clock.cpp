// Control API: the emulator's virtual clock. These handlers use the real time the request's
// emulator time was derived from, because setting, freezing and resuming are relative to it.
#include "core/control/call.hpp"
#include "core/model/duration.hpp"

namespace push::core {
namespace {

// The emulator clock stays within 1970-01-01 .. 9999-12-31 (milliseconds since the epoch).
constexpr time_ms latest_ms = 253'402'300'799'999;

api_result<void> check_reachable(time_ms from, time_ms delta, std::string_view field) {
    bool const ok = delta >= 0 ? delta <= latest_ms - from : -delta <= from;
    if (!ok)
        return errors::bad_control_request(std::string(field),
                                           std::string(field) +
                                               " moves the clock outside 1970-01-01..9999-12-31");
    return {};
}

} // namespace

api_result<json::object> get_clock(control_call& c) {
    auto const& clock = c.state.clock;
    return json::object{{"code", 200},
                        {"now_ms", clock.now(c.real_now)},
                        {"frozen", clock.frozen()},
                        {"offset_ms", clock.offset()},
                        {"real_ms", c.real_now}};
}

// PUT /_emulator/clock {"now_ms":T}
api_result<json::object> set_clock(control_call& c) {
    auto body = c.body(true);
    if (!body)
        return body.error();
    object_reader r(*body, "", c.read);
    json::value const* to = r.find("now_ms");
    if (auto done = r.finish(); !done)
        return done.error();
    if (!to || !to->is_int64() || to->get_int64() < 0 || to->get_int64() > latest_ms)
        return errors::bad_control_request(
            "now_ms", "now_ms must be milliseconds since the Unix epoch, up to 9999-12-31");
    c.state.clock.set(to->get_int64(), c.real_now);
    return get_clock(c);
}

// POST /_emulator/clock/advance {"by":"31d"} (or milliseconds; negative goes back).
api_result<json::object> advance_clock(control_call& c) {
    auto body = c.body(true);
    if (!body)
        return body.error();
    object_reader r(*body, "", c.read);
    json::value const* by = r.find("by");
    if (auto done = r.finish(); !done)
        return done.error();
    if (!by)
        return errors::bad_control_request("by", "by is required (e.g. \"90s\", \"31d\", 60000)");
    auto delta = parse_duration(*by, "by");
    if (!delta)
        return delta.error();
    if (*delta == INT64_MIN) // cannot be negated: out of range whatever the clock says
        return errors::bad_control_request("by",
                                           "by moves the clock outside 1970-01-01..9999-12-31");
    if (auto reachable = check_reachable(c.state.clock.now(c.real_now), *delta, "by"); !reachable)
        return reachable.error();
    c.state.clock.advance(*delta, c.real_now);
    return get_clock(c);
}

api_result<json::object> freeze_clock(control_call& c) {
    c.state.clock.freeze(c.real_now);
    return get_clock(c);
}

api_result<json::object> resume_clock(control_call& c) {
    c.state.clock.resume(c.real_now);
    return get_clock(c);
}

api_result<json::object> reset_clock(control_call& c) {
    c.state.clock.reset();
    return get_clock(c);
}

} // namespace push::core
