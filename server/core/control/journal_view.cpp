#include "core/control/journal_view.hpp"

#include "core/model/effective_content.hpp"
#include "core/model/message.hpp"
#include "core/model/rules.hpp"
#include "core/model/text.hpp"
#include "core/model/warnings.hpp"

namespace push::core {
namespace {

json::object device_json(std::string_view id, std::string_view user, platform os, channel vendor) {
    return {{"device_id", id},
            {"user_id", user},
            {"platform", to_string(os)},
            {"channel", to_string(vendor)}};
}

json::object exclusions_json(exclusions const& x, time_ms at) {
    json::object by_reason;
    for (auto e : all_exclusions)
        by_reason[to_string(e)] = x.by_reason[static_cast<std::size_t>(e)];
    json::array devices;
    for (auto const& d : x.devices)
        devices.push_back(excluded_json(d, at));
    return {{"total", x.total},
            {"by_reason", std::move(by_reason)},
            {"devices", std::move(devices)},
            {"truncated", x.truncated}};
}

json::object recipients_json(recipients const& r, time_ms at) {
    json::object by_platform;
    for (auto p : all_platforms)
        by_platform[to_string(p)] = r.by_platform[index_of(p)];
    json::object by_channel;
    for (std::size_t c = 0; c < channel_count; ++c)
        if (r.by_channel[c] != 0)
            by_channel[to_string(static_cast<channel>(c))] = r.by_channel[c];
    json::array ids, devices;
    for (auto const& d : r.devices) {
        ids.push_back(json::string(d.device_id));
        devices.push_back(device_json(d.device_id, d.user_id, d.os, d.vendor));
    }
    return {{"total", r.total},
            {"by_platform", std::move(by_platform)},
            {"by_channel", std::move(by_channel)},
            {"device_ids", std::move(ids)},
            {"truncated", r.truncated},
            {"devices", std::move(devices)},
            {"excluded", exclusions_json(r.excluded, at)}};
}

/// The content each channel that has recipients shows.
json::object content_by_channel(accepted_push const& a) {
    json::object out;
    for (std::size_t c = 0; c < channel_count; ++c)
        if (a.reached.by_channel[c] != 0) {
            auto const vendor = static_cast<channel>(c);
            out[to_string(vendor)] = channel_content(a.push.notification, vendor);
        }
    return out;
}

json::value or_null(std::string const& s) {
    return s.empty() ? json::value(nullptr) : json::value(json::string(s));
}

json::object origin_json(request_meta const& m) {
    return {{"listener", or_null(m.listener)},
            {"host", or_null(m.host)},
            {"remote_port", m.remote_port ? json::value(m.remote_port) : json::value(nullptr)},
            {"user_agent", or_null(m.user_agent)},
            {"request_id", or_null(m.request_id)}};
}

json::array warnings_json(journal_entry const& e) {
    auto const* a = e.accepted.get();
    json::array out;
    for (auto& w :
         push_warnings(e.ignored_fields, a ? &a->push : nullptr, a ? &a->reached : nullptr)) {
        json::array hints;
        for (auto& h : w.did_you_mean)
            hints.push_back(json::string(h));
        out.push_back({{"kind", w.kind},
                       {"path", w.path},
                       {"message", w.message},
                       {"did_you_mean", std::move(hints)}});
    }
    // [D-13], [D-14]: each line starts with the path it is about.
    for (auto const& w : e.lenient_only)
        out.push_back({{"kind", "lenient_only"},
                       {"path", std::string_view(w).substr(0, w.find(' '))},
                       {"message", w},
                       {"did_you_mean", json::array{}}});
    return out;
}

} // namespace

std::string age_text(time_ms ms) {
    if (ms < 0) {
        std::string out(1, '-'); // not "-" + std::string: g++ 12 -O3 warns (-Wrestrict) on it
        return out.append(age_text(-ms));
    }
    constexpr std::pair<time_ms, char> units[] = {
        {86'400'000, 'd'}, {3'600'000, 'h'}, {60'000, 'm'}, {1'000, 's'}};
    std::string out;
    int shown = 0;
    for (auto [size, unit] : units) {
        time_ms const n = ms / size;
        ms %= size;
        if (n == 0 && out.empty())
            continue;
        // The two largest units: "40d 3h", "2h 5m", "30s".
        if (n != 0)
            out.append(out.empty() ? "" : " ").append(std::to_string(n)).append(1, unit);
        if (++shown == 2)
            break;
    }
    return out.empty() ? std::to_string(ms) + "ms" : out;
}

json::object excluded_json(excluded_device const& d, time_ms at) {
    json::object o = device_json(d.device_id, d.user_id, d.os, d.vendor);
    json::array reasons;
    for (auto x : all_exclusions)
        if (d.reasons & bit(x))
            reasons.push_back(json::string(to_string(x)));
    o["reason"] = reasons.empty() ? json::value(nullptr) : reasons.front();
    o["reasons"] = std::move(reasons);
    o["last_connected_ms"] = d.last_connected;
    if (d.reasons & bit(exclusion::stale)) {
        o["age_ms"] = at - d.last_connected;
        o["age"] = age_text(at - d.last_connected);
    }
    return o;
}

std::string exclusion_detail(excluded_device const& d, time_ms at) {
    std::string out;
    auto add = [&](std::string s) { out.append(out.empty() ? "" : "; ").append(s); };
    if (d.reasons & bit(exclusion::platform_not_targeted))
        add("its platform " + std::string(to_string(d.os)) +
            " is not in platform (audience/platform-filter)");
    if (d.reasons & bit(exclusion::package_mismatch))
        add("its package is not audience.packageName (audience/package-and)");
    if (d.reasons & bit(exclusion::push_disallowed))
        add("it does not allow push (audience/push-allowed)");
    if (d.reasons & bit(exclusion::stale))
        add("last connected " + age_text(at - d.last_connected) +
            " before the push; only devices seen within 30 days are targeted "
            "(audience/active-30-days)");
    return out;
}

json::value request_as_received(std::string_view body) {
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = max_json_depth;
    json::value v = json::parse(body, ec, {}, opts);
    if (!ec)
        return v;
    // A body that is not JSON is kept as text; bytes that are not UTF-8 become U+FFFD so that
    // the journal itself stays valid JSON.
    bool replaced = false;
    json::object raw{{"raw", to_valid_utf8(body, replaced)}};
    if (replaced)
        raw["invalid_utf8"] = true;
    return raw;
}

json::object entry_json(journal_entry const& e, std::string_view app_key) {
    json::object b;
    b["seq"] = e.seq;
    b["id"] = e.accepted ? json::value(json::string(e.accepted->id)) : json::value(nullptr);
    b["app"] = app_key;
    b["time_ms"] = e.time;
    b["outcome"] = e.accepted ? "accepted" : "rejected";
    if (e.accepted) {
        b["status"] = 200;
        b["code"] = 200;
        b["rule"] = nullptr;
        b["path"] = nullptr;
        b["message"] = nullptr;
    } else {
        b["status"] = e.refusal.status();
        b["code"] = e.refusal.code();
        b["rule"] = or_null(e.refusal.rule());
        b["path"] = or_null(e.refusal.path());
        b["message"] = e.refusal.message();
        // The requirement the refusing rule stands for, from fixtures/requirements.md.
        if (auto const rule = find_rule(e.refusal.rule()); rule != no_rule)
            b["requirement"] =
                json::object{{"quote", rule_at(rule).quote}, {"reading", rule_at(rule).reading}};
    }
    bool replaced = false;
    if (e.body_cut())
        b["request"] = json::object{{"omitted", "not authenticated: only a prefix is kept"},
                                    {"length", e.body_length},
                                    {"prefix", to_valid_utf8(e.body, replaced)}};
    else
        b["request"] = request_as_received(e.body);
    // The host of the service it came to: "primary" (api) or "backup" (api-b).
    b["host"] = name_of(e.meta.service);
    b["origin"] = origin_json(e.meta);
    b["warnings"] = warnings_json(e);
    if (e.accepted) {
        auto const& a = *e.accepted;
        auto const platforms = shown_platforms(a.push, a.reached);
        b["effective"] = effective_content(a.push.notification, platforms);
        b["preview"] = notification_preview(a.push.notification, platforms);
        b["recipients"] = recipients_json(a.reached, e.time);
        b["effective_by_channel"] = content_by_channel(a);
    }
    return b;
}

} // namespace push::core
