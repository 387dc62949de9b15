#include "core/public_api/push_api.hpp"

#include "core/model/rule_table.hpp"
#include "core/model/text.hpp"
#include "core/model/warnings.hpp"
#include "core/public_api/admission.hpp"
#include "core/public_api/push_parser.hpp"

#include <array>

namespace push::core {
namespace {

// body/content-type [D-11]: strict requires application/json; lenient does not look.
bool is_json_content_type(api_request const& req) {
    auto const* ct = req.find_header("Content-Type");
    if (!ct)
        return false;
    std::string_view v = std::string_view(*ct).substr(0, ct->find(';'));
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    return iequals(v, "application/json");
}

/// A platform's own alert or ios.title replaced the common text (notification/effective-content).
bool overrides_content(notification const& n) {
    return (n.ios && (n.ios->alert || n.ios->title)) || (n.android && n.android->alert) ||
           (n.harmony_os && n.harmony_os->alert);
}

/// The rules an accepted push exercised, for the error-path coverage.
void mark_accepted(accepted_push const& a, coverage_marks& m) {
    m.add(rule_of("response/id-format"));
    auto const& au = a.push.audience;
    if (au.is_to_all) {
        m.add(rule_of("audience/is-to-all"));
    } else if (!au.userid.empty()) {
        m.add(rule_of("audience/userid-wins"));
    } else {
        if (!au.tag.empty())
            m.add(rule_of("audience/tag-and"));
        if (!au.tag_or.empty())
            m.add(rule_of("audience/tag-or"));
        if (!au.package_name.empty() && (!au.tag.empty() || !au.tag_or.empty()))
            m.add(rule_of("audience/package-and"));
    }
    // The device rules count when they left a device out.
    auto const& left_out = a.reached.excluded.by_reason;
    if (left_out[static_cast<std::size_t>(exclusion::platform_not_targeted)])
        m.add(rule_of("audience/platform-filter"));
    if (left_out[static_cast<std::size_t>(exclusion::push_disallowed)])
        m.add(rule_of("audience/push-allowed"));
    if (left_out[static_cast<std::size_t>(exclusion::stale)])
        m.add(rule_of("audience/active-30-days"));
    if (overrides_content(a.push.notification))
        m.add(rule_of("notification/effective-content"));
}

/// enabled → parse → validate → resolve → id: what follows the entry check [D-8].
api_result<std::unique_ptr<accepted_push>> accept(api_request const& req, app_state& app,
                                                  emulator_state& state, time_ms now,
                                                  push_outcome& o) {
    // service/enabled: 如未开通服务,Server API 将返回 1009 错误。
    if (!app.config.push_enabled)
        return errors::not_enabled();
    auto const prof = app.effective_profile(state.settings);
    if (prof == profile::strict && !is_json_content_type(req))
        return errors::bad_request("", "Content-Type must be application/json",
                                   "body/content-type");
    // Parse once, into an arena that dies with this request.
    std::array<unsigned char, 4096> arena_buffer;
    json::monotonic_resource arena(arena_buffer.data(), arena_buffer.size());
    auto body = parse_json_body(req.body, &arena);
    if (!body)
        return body.error();
    // body/unknown-fields [D-7][D-11]: reported in a header and the journal, never in the body.
    parse_notes notes;
    auto push = parse_push(*body, prof, notes);
    o.ignored_fields = std::move(notes.ignored_fields);
    if (!o.ignored_fields.empty())
        o.coverage.add(rule_of("body/unknown-fields"));
    if (notes.unset_values)
        o.coverage.add(rule_of("body/unset-values"));
    if (notes.coercions)
        o.coverage.add(rule_of("body/lenient-coercions"));
    // What only the lenient profile accepts ([D-13], [D-14]).
    o.warnings.insert(o.warnings.end(), notes.warnings.begin(), notes.warnings.end());
    o.lenient_only = std::move(notes.warnings);
    if (!push)
        return push.error();
    auto a = std::make_unique<accepted_push>();
    a->push = std::move(*push);
    auto const cap = state.settings.journal_recipient_cap;
    exclusion_sink excluded;
    excluded.cap = cap;
    auto reached =
        resolve_audience(a->push.audience, a->push.platforms, app.registry, now, &excluded);
    a->reached = summarize(std::move(reached), app.registry, cap, &excluded);
    if (auto silent = silent_platforms_text(a->push, a->reached); !silent.empty())
        o.warnings.push_back(std::move(silent));
    // response/id-format: {"code":200,"id":"50whSR6kQiHb7YgFwQzXIb"}
    a->id = app.ids.next();
    mark_accepted(*a, o.coverage);
    return a;
}

std::string limit_text(std::uint32_t used, std::uint32_t limit) {
    return std::to_string(used) + "/" +
           (limit == 0 ? std::string("unlimited") : std::to_string(limit));
}

// [D-7] Quota state is a debugging aid the real service does not send: X-Emulator-* only.
void add_quota_headers(app_state const& app, emulator_state const& state, time_ms now,
                       std::vector<header>& headers) {
    auto const s = app.quota.snapshot(now, state.settings.utc_offset_minutes);
    auto const& lim = app.config.limits;
    headers.push_back({"X-Emulator-Quota", "hour=" + limit_text(s.hour_used, lim.per_hour) +
                                               "; day=" + limit_text(s.day_used, lim.per_day)});
    headers.push_back(
        {"X-Emulator-Quota-Reset-Ms",
         "hour=" + std::to_string(s.hour_resets_at) + "; day=" + std::to_string(s.day_resets_at)});
}

api_response answer_of(push_outcome const& o, emulator_state const& state, time_ms now) {
    api_response res;
    res.app_key = o.app_key;
    res.coverage = o.coverage;
    if (o.quota_checked)
        add_quota_headers(*o.app, state, now, res.headers);
    if (!o.ignored_fields.empty())
        res.headers.push_back({"X-Emulator-Warnings", ignored_fields_text(o.ignored_fields)});
    for (auto const& w : o.warnings)
        res.headers.push_back({"X-Emulator-Warnings", w});
    if (o.result)
        res.result = json::object{{"code", 200}, {"id", (*o.result)->id}};
    else
        res.result = o.result.error();
    return res;
}

/// The journal entry of an answered request of a known app.
void record(push_outcome& o, api_request const& req, emulator_state& state, time_ms now) {
    journal_entry e;
    e.seq = ++state.journal_seq;
    e.time = now;
    e.body_length = req.body.size();
    // journal/unauthenticated: what anyone can send is kept as a short prefix only.
    e.body = o.authenticated ? req.body : req.body.substr(0, unauthenticated_prefix);
    e.meta = meta_of(req);
    e.ignored_fields = std::move(o.ignored_fields);
    e.lenient_only = std::move(o.lenient_only);
    if (o.result)
        e.accepted = std::move(*o.result);
    else
        e.refusal = o.result.error();
    o.app->journal.append(std::move(e),
                          {state.settings.journal_capacity, state.settings.journal_bytes});
}

} // namespace

push_outcome process_push(api_request const& req, emulator_state& state, time_ms now) {
    push_outcome o;
    auto entry = admit(endpoint::push, req, state, now);
    o.app_key = entry.app_key;
    o.app = entry.app;
    o.quota_checked = entry.rate_checked;
    o.coverage = entry.coverage;
    o.authenticated = entry.authenticated;
    o.fault = entry.fault;
    if (entry.refusal)
        o.result = std::move(*entry.refusal);
    else
        o.result = accept(req, *entry.app, state, now, o);
    // quota/order [D-8]: counted by the quota, then refused by a later check.
    if (o.quota_checked && !o.result && o.result.error().code() != 1008)
        o.coverage.add(rule_of("quota/order"));
    return o;
}

api_response handle_push(api_request const& req, emulator_state& state, time_ms now) {
    auto outcome = process_push(req, state, now);
    auto res = answer_of(outcome, state, now);
    res.fault = outcome.fault;
    if (outcome.app)
        record(outcome, req, state, now);
    return res;
}

} // namespace push::core
