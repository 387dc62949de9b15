#include "core/model/audience.hpp"

#include <algorithm>

namespace push::core {
namespace {

using slot = device_registry::slot;

unsigned platform_mask(std::vector<platform> const& platforms) {
    unsigned mask = 0;
    for (auto p : platforms)
        mask |= 1u << static_cast<unsigned>(p);
    return mask;
}

bool in_mask(unsigned mask, platform p) {
    return (mask >> static_cast<unsigned>(p)) & 1u;
}

/// The tag part of an audience, as interned indexes. `empty` when no device can match (a
/// `tag` nobody has, or only unknown `tag_or` values).
struct tag_query {
    std::vector<index_t> all; // audience.tag: AND
    std::vector<index_t> any; // audience.tag_or: OR
    bool empty = false;
};

tag_query intern_query(audience const& a, device_registry const& reg) {
    tag_query q;
    for (auto const& t : a.tag) {
        index_t const i = reg.find_tag(t);
        if (i == no_index || reg.users_with_tag(i).empty())
            q.empty = true;
        q.all.push_back(i);
    }
    for (auto const& t : a.tag_or)
        if (index_t const i = reg.find_tag(t); i != no_index)
            q.any.push_back(i);
    if (!a.tag_or.empty() && q.any.empty())
        q.empty = true;
    return q;
}

// audience/tag-and: 标签之间为 AND 的关系; audience/tag-or: 标签之间为 OR 的关系, and both hold.
bool user_matches(index_t u, tag_query const& q, device_registry const& reg) {
    for (auto t : q.all)
        if (!reg.user_has_tag(u, t))
            return false;
    if (q.any.empty())
        return true;
    for (auto t : q.any)
        if (reg.user_has_tag(u, t))
            return true;
    return false;
}

/// Calls `f(u)` once for each user that can match: the members of the smallest `tag` set, or
/// of the `tag_or` union when that is smaller. Every user is still checked by user_matches.
template <class F> void for_each_candidate(tag_query const& q, device_registry const& reg, F f) {
    std::size_t or_size = 0;
    for (auto t : q.any)
        or_size += reg.users_with_tag(t).size();
    index_t smallest = no_index;
    for (auto t : q.all)
        if (smallest == no_index ||
            reg.users_with_tag(t).size() < reg.users_with_tag(smallest).size())
            smallest = t;
    if (smallest != no_index && (q.any.empty() || reg.users_with_tag(smallest).size() <= or_size)) {
        for (auto u : reg.users_with_tag(smallest))
            f(u);
        return;
    }
    // The union of the tag_or sets: a user is visited for the first tag_or tag it has.
    for (std::size_t i = 0; i < q.any.size(); ++i) {
        for (auto u : reg.users_with_tag(q.any[i])) {
            bool seen = false;
            for (std::size_t j = 0; j < i && !seen; ++j)
                seen = reg.user_has_tag(u, q.any[j]);
            if (!seen)
                f(u);
        }
    }
}

std::size_t candidate_estimate(tag_query const& q, device_registry const& reg) {
    std::size_t best = SIZE_MAX, or_size = 0;
    for (auto t : q.all)
        best = std::min(best, reg.users_with_tag(t).size());
    for (auto t : q.any)
        or_size += reg.users_with_tag(t).size();
    return q.any.empty() ? best : std::min(best, or_size);
}

/// Why a selected device is left out: the checks the page applies after the audience.
struct device_rules {
    unsigned platforms = ~0u;   // the mask of `platform`; all for a userid audience
    bool check_package = false; // audience/package-and
    index_t package = no_index; // no_index: a package no device has
    time_ms now = 0;

    exclusion_set why_not(slot const& d) const noexcept {
        exclusion_set r = 0;
        // audience/platform-filter
        if (!in_mask(platforms, d.os))
            r |= bit(exclusion::platform_not_targeted);
        if (check_package && d.package != package)
            r |= bit(exclusion::package_mismatch);
        // audience/push-allowed: 客户端设备不允许推送
        if (!d.push_allowed)
            r |= bit(exclusion::push_disallowed);
        // audience/active-30-days: exactly 30 days still targeted
        if (now - d.last_connected > active_window_ms)
            r |= bit(exclusion::stale);
        return r;
    }
};

} // namespace

std::string_view to_string(exclusion e) noexcept {
    switch (e) {
    case exclusion::platform_not_targeted:
        return "platform_not_targeted";
    case exclusion::package_mismatch:
        return "package_mismatch";
    case exclusion::push_disallowed:
        return "push_disallowed";
    case exclusion::stale:
        return "stale";
    }
    return "";
}

void exclusion_sink::add(index_t slot, exclusion_set reasons) {
    ++total;
    for (std::size_t i = 0; i < exclusion_count; ++i)
        by_reason[i] += (reasons >> i) & 1u;
    if (kept.size() < cap)
        kept.push_back({slot, reasons});
}

std::vector<index_t> resolve_audience(audience const& a, std::vector<platform> const& platforms,
                                      device_registry const& reg, time_ms now,
                                      exclusion_sink* excluded) {
    std::vector<index_t> out;
    auto const slots = reg.slots();
    device_rules rules{platform_mask(platforms), false, no_index, now};
    auto take = [&](index_t s) {
        if (exclusion_set const why = rules.why_not(slots[s]); why == 0)
            out.push_back(s);
        else if (excluded)
            excluded->add(s, why);
    };
    // audience/is-to-all: true 表示向所有用户推送; every other condition is ignored.
    if (a.is_to_all) {
        for (index_t s = 0; s < slots.size(); ++s)
            if (slots[s].alive)
                take(s);
        return out;
    }
    // audience/userid-wins: 以 userid 为准; tags, packageName and platform are ignored.
    if (!a.userid.empty()) {
        rules.platforms = ~0u;
        std::vector<index_t> users;
        for (auto const& id : a.userid)
            if (index_t u = reg.find_user(id); u != no_index)
                users.push_back(u);
        std::sort(users.begin(), users.end());
        users.erase(std::unique(users.begin(), users.end()), users.end());
        for (auto u : users)
            for (auto s : reg.devices_of_user(u))
                take(s);
        return out;
    }
    bool const has_package = !a.package_name.empty();
    index_t const package = has_package ? reg.find_package(a.package_name) : no_index;
    bool const has_tags = !a.tag.empty() || !a.tag_or.empty();
    if (!has_tags) {
        // The package's devices are the selection; a package no device has selects nothing.
        if (package != no_index)
            for (auto s : reg.devices_with_package(package))
                take(s);
        return out;
    }
    // audience/package-and: 与 tag、tag_or 同时存在时为 And 的关系.
    rules.check_package = has_package;
    rules.package = package;
    // Without a report of what is left out, a package no device has reaches nobody.
    if (has_package && package == no_index && !excluded)
        return out;
    tag_query const q = intern_query(a, reg);
    if (q.empty)
        return out;
    // Start from the smaller side: the package's devices or the tag candidates. The package's
    // side cannot see the tagged users' other devices, which the report of exclusions needs.
    if (!excluded && has_package &&
        reg.devices_with_package(package).size() < candidate_estimate(q, reg)) {
        for (auto s : reg.devices_with_package(package))
            if (rules.why_not(slots[s]) == 0 && user_matches(slots[s].user, q, reg))
                out.push_back(s);
        return out;
    }
    for_each_candidate(q, reg, [&](index_t u) {
        if (!user_matches(u, q, reg))
            return;
        for (auto s : reg.devices_of_user(u))
            take(s);
    });
    return out;
}

namespace {

/// The first `cap` of `slots` in registry order (all when fewer), for the journal.
void keep_first(std::vector<index_t>& slots, std::size_t cap) {
    if (slots.size() <= cap)
        return;
    std::nth_element(slots.begin(), slots.begin() + static_cast<std::ptrdiff_t>(cap), slots.end());
    slots.resize(cap);
}

exclusions describe(exclusion_sink const& sink, device_registry const& reg) {
    exclusions x;
    x.total = sink.total;
    x.by_reason = sink.by_reason;
    x.truncated = sink.kept.size() < sink.total;
    auto const all = reg.slots();
    x.devices.reserve(sink.kept.size());
    for (auto const& k : sink.kept) {
        auto const& d = all[k.slot];
        x.devices.push_back({reg.device_id(k.slot), reg.user_id(d.user), d.os, d.vendor, k.reasons,
                             d.last_connected});
    }
    std::sort(x.devices.begin(), x.devices.end(),
              [](auto const& a, auto const& b) { return a.device_id < b.device_id; });
    return x;
}

} // namespace

recipients summarize(std::vector<index_t> slots, device_registry const& reg, std::size_t cap,
                     exclusion_sink const* excluded) {
    recipients r;
    r.total = slots.size();
    auto const all = reg.slots();
    for (auto s : slots) {
        ++r.by_platform[static_cast<std::size_t>(all[s].os)];
        ++r.by_channel[static_cast<std::size_t>(all[s].vendor)];
    }
    r.truncated = slots.size() > cap;
    keep_first(slots, cap);
    r.devices.reserve(slots.size());
    for (auto s : slots)
        r.devices.push_back({reg.device_id(s), reg.user_id(all[s].user), all[s].os, all[s].vendor});
    std::sort(r.devices.begin(), r.devices.end(),
              [](auto const& a, auto const& b) { return a.device_id < b.device_id; });
    if (excluded)
        r.excluded = describe(*excluded, reg);
    return r;
}

} // namespace push::core
