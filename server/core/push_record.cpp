#include "core/push_record.hpp"

#include "core/audience.hpp"
#include "core/effective_content.hpp"
#include "core/signature.hpp"

#include <algorithm>

namespace push::core {
namespace {

json::object recipients_json(recipients const& r) {
    json::object by_platform;
    for (auto p : {platform::ios, platform::android, platform::harmonyos})
        by_platform[to_string(p)] = r.by_platform[static_cast<std::size_t>(p)];
    json::object by_channel;
    for (std::size_t c = 0; c < channel_count; ++c)
        if (r.by_channel[c] != 0)
            by_channel[to_string(static_cast<channel>(c))] = r.by_channel[c];
    json::array ids;
    for (auto const& id : r.device_ids)
        ids.push_back(json::string(id));
    return {{"total", r.total},
            {"by_platform", std::move(by_platform)},
            {"by_channel", std::move(by_channel)},
            {"device_ids", std::move(ids)},
            {"truncated", r.truncated}};
}

json::value or_null(std::string const& s) {
    return s.empty() ? json::value(nullptr) : json::value(json::string(s));
}

// notification/alert-required only covers the listed platforms; a userid audience ignores
// platform (audience/userid-wins) and can reach others. Their devices would get no text: say so.
void warn_silent_platforms(json::object const& effective, std::vector<header>& headers) {
    std::string silent;
    for (auto const& [name, content] : effective) {
        auto const* alert = content.is_object() ? content.get_object().if_contains("alert") : nullptr;
        if (!alert || alert->is_null())
            silent += (silent.empty() ? "" : ", ") + std::string(name);
    }
    if (!silent.empty())
        headers.push_back({"X-Emulator-Warnings",
                           "audience.userid reaches " + silent +
                               " devices, which have no alert text (set notification.alert)"});
}

} // namespace

json::object describe_accepted(push_request const& push, device_registry const& registry,
                               time_ms now, std::size_t recipient_cap) {
    auto const slots = resolve_audience(push.audience, push.platforms, registry, now);
    auto const r = summarize(slots, registry, recipient_cap);
    // The platforms whose content is shown: those requested, plus for a userid audience (which
    // ignores platform, audience/userid-wins) every platform that has recipients.
    std::vector<platform> shown = push.platforms;
    if (!push.audience.is_to_all && !push.audience.userid.empty())
        for (auto p : {platform::ios, platform::android, platform::harmonyos})
            if (r.by_platform[static_cast<std::size_t>(p)] != 0 &&
                std::find(shown.begin(), shown.end(), p) == shown.end())
                shown.push_back(p);
    return {{"effective", effective_content(push.notification, shown)},
            {"recipients", recipients_json(r)}};
}

void record_push(api_request const& req, push_request const* accepted, api_response& res,
                 emulator_state& state, time_ms now) {
    auto const h = signed_headers_of(req);
    app_state* app = h.app_key ? state.find_app(*h.app_key) : nullptr;
    if (!app)
        return;
    journal_entry e;
    e.seq = ++state.journal_seq;
    e.time = now;
    e.accepted = res.result.has_value();
    json::object& b = e.body;
    b["seq"] = e.seq;
    b["id"] = nullptr;
    b["app"] = app->config.key;
    b["time_ms"] = now;
    b["outcome"] = e.accepted ? "accepted" : "rejected";
    if (e.accepted) {
        if (auto const* id = res.result->if_contains("id"); id && id->is_string())
            e.id = id->get_string();
        b["id"] = json::string(e.id);
        b["status"] = res.success_status;
        b["code"] = 200;
        b["rule"] = nullptr;
        b["path"] = nullptr;
        b["message"] = nullptr;
    } else {
        auto const& err = res.result.error();
        b["status"] = err.status();
        b["code"] = err.code();
        b["rule"] = or_null(err.rule());
        b["path"] = or_null(err.path());
        b["message"] = err.message();
    }
    b["request"] = request_as_received(req.body);
    if (e.accepted && accepted) {
        auto described = describe_accepted(*accepted, app->registry, now,
                                           state.settings.journal_recipient_cap);
        warn_silent_platforms(described["effective"].as_object(), res.headers);
        b["effective"] = std::move(described["effective"]);
        b["recipients"] = std::move(described["recipients"]);
    }
    app->journal.append(std::move(e), state.settings.journal_capacity);
}

} // namespace push::core
