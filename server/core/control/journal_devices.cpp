// Control API: GET /_emulator/journal/{push_id}/devices/{device_id}, "did this device get the
// push, and if not, why?", answered from the journal entry (what resolution recorded at the time)
// and, for a device the audience did not select, from the device's registration now.
#include "core/control/call.hpp"
#include "core/control/journal_view.hpp"
#include "core/model/effective_content.hpp"

#include <algorithm>

namespace push::core {
namespace {

struct found_entry {
    journal_entry const* entry = nullptr;
    app_state const* app = nullptr;
};

found_entry find_entry(emulator_state const& state, std::string_view push_id) {
    for (auto const& [key, app] : state.apps)
        if (auto const* e = app.journal.find(push_id))
            return {e, &app};
    return {};
}

bool listed(std::vector<std::string> const& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

/// Why the audience did not select a device, judged from its registration now (tags and users
/// may have changed since the push, which the answer says).
std::string not_selected_detail(audience const& a, std::optional<device> const& now,
                                device_registry const& reg) {
    if (!now)
        return "no such device is registered now, and the push did not select it when it was "
               "resolved";
    std::string const user = "its user " + now->user_id;
    if (a.is_to_all)
        return "is_to_all selects every device: it was not registered when the push was "
               "resolved";
    if (!a.userid.empty()) {
        if (!listed(a.userid, now->user_id))
            return user + " is not in audience.userid (audience/userid-wins)";
        return "it was not registered under that user when the push was resolved";
    }
    if (a.tag.empty() && a.tag_or.empty()) {
        if (now->package_name != a.package_name)
            return "its package \"" + now->package_name + "\" is not audience.packageName \"" +
                   a.package_name + "\" (audience/package-and)";
        return "it was not registered with that package when the push was resolved";
    }
    auto const tags = reg.tags_of(now->user_id);
    for (auto const& t : a.tag)
        if (!listed(tags, t))
            return user + " lacks tag \"" + t + "\", and audience.tag needs every tag " +
                   "(audience/tag-and)";
    if (!a.tag_or.empty() && std::none_of(a.tag_or.begin(), a.tag_or.end(),
                                          [&](auto const& t) { return listed(tags, t); }))
        return user + " has none of audience.tag_or (audience/tag-or)";
    return user + "'s tags match now; they did not when the push was resolved";
}

json::object device_facts(std::string_view id, std::string_view user, platform os, channel vendor) {
    return {{"device_id", id},
            {"user_id", user},
            {"platform", to_string(os)},
            {"channel", to_string(vendor)}};
}

} // namespace

api_result<json::object> explain_journal_device(control_call& c) {
    auto const& push_id = c.params.at(0);
    auto const& device_id = c.params.at(1);
    auto const found = find_entry(c.state, push_id);
    if (!found.entry)
        return errors::not_found_object("push", push_id);
    auto const& a = *found.entry->accepted;
    json::object out{{"code", 200},
                     {"push_id", push_id},
                     {"app", found.app->config.key},
                     {"device_id", device_id}};
    auto const& r = a.reached;
    auto const hit = std::find_if(r.devices.begin(), r.devices.end(),
                                  [&](auto const& d) { return d.device_id == device_id; });
    if (hit != r.devices.end()) {
        out["reached"] = true;
        for (auto& kv : device_facts(hit->device_id, hit->user_id, hit->os, hit->vendor))
            out.insert(kv);
        out["content"] = channel_content(a.push.notification, hit->vendor);
        return out;
    }
    out["reached"] = false;
    auto const& x = r.excluded;
    auto const left = std::find_if(x.devices.begin(), x.devices.end(),
                                   [&](auto const& d) { return d.device_id == device_id; });
    if (left != x.devices.end()) {
        for (auto& kv : excluded_json(*left, found.entry->time))
            out.insert(kv);
        out["detail"] = exclusion_detail(*left, found.entry->time);
        return out;
    }
    if (r.truncated || x.truncated) {
        out["reason"] = "unknown";
        out["detail"] = "the entry keeps " +
                        std::to_string(c.state.settings.journal_recipient_cap) +
                        " devices of each list (--journal-recipients) and this one is not among "
                        "them";
        return out;
    }
    out["reason"] = "not_selected";
    out["detail"] = not_selected_detail(a.push.audience, found.app->registry.find(device_id),
                                        found.app->registry);
    return out;
}

} // namespace push::core
