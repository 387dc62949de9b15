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

} // namespace

// audience/active-30-days: exactly 30 days still targeted; audience/push-allowed.
bool is_reachable(slot const& d, time_ms now) noexcept {
    return d.push_allowed && now - d.last_connected <= active_window_ms;
}

std::vector<index_t> resolve_audience(audience const& a, std::vector<platform> const& platforms,
                                      device_registry const& reg, time_ms now) {
    std::vector<index_t> out;
    auto const slots = reg.slots();
    unsigned const mask = platform_mask(platforms);
    // audience/is-to-all: true 表示向所有用户推送; every other condition is ignored.
    if (a.is_to_all) {
        for (index_t s = 0; s < slots.size(); ++s)
            // audience/platform-filter
            if (slots[s].alive && in_mask(mask, slots[s].os) && is_reachable(slots[s], now))
                out.push_back(s);
        return out;
    }
    // audience/userid-wins: 以 userid 为准; tags, packageName and platform are ignored.
    if (!a.userid.empty()) {
        std::vector<index_t> users;
        for (auto const& id : a.userid)
            if (index_t u = reg.find_user(id); u != no_index)
                users.push_back(u);
        std::sort(users.begin(), users.end());
        users.erase(std::unique(users.begin(), users.end()), users.end());
        for (auto u : users)
            for (auto s : reg.devices_of_user(u))
                if (is_reachable(slots[s], now))
                    out.push_back(s);
        return out;
    }
    bool const has_package = !a.package_name.empty();
    index_t const package = has_package ? reg.find_package(a.package_name) : no_index;
    if (has_package && package == no_index)
        return out;
    // audience/package-and: 与 tag、tag_or 同时存在时为 And 的关系.
    auto device_ok = [&](index_t s) {
        return in_mask(mask, slots[s].os) && (!has_package || slots[s].package == package) &&
               is_reachable(slots[s], now);
    };
    bool const has_tags = !a.tag.empty() || !a.tag_or.empty();
    if (!has_tags) {
        for (auto s : reg.devices_with_package(package))
            if (device_ok(s))
                out.push_back(s);
        return out;
    }
    tag_query const q = intern_query(a, reg);
    if (q.empty)
        return out;
    // Start from the smaller side: the package's devices or the tag candidates.
    if (has_package && reg.devices_with_package(package).size() < candidate_estimate(q, reg)) {
        for (auto s : reg.devices_with_package(package))
            if (device_ok(s) && user_matches(slots[s].user, q, reg))
                out.push_back(s);
        return out;
    }
    for_each_candidate(q, reg, [&](index_t u) {
        if (!user_matches(u, q, reg))
            return;
        for (auto s : reg.devices_of_user(u))
            if (device_ok(s))
                out.push_back(s);
    });
    return out;
}

recipients summarize(std::vector<index_t> slots, device_registry const& reg, std::size_t cap) {
    recipients r;
    r.total = slots.size();
    auto const all = reg.slots();
    for (auto s : slots) {
        ++r.by_platform[static_cast<std::size_t>(all[s].os)];
        ++r.by_channel[static_cast<std::size_t>(all[s].vendor)];
    }
    if (slots.size() > cap) {
        std::nth_element(slots.begin(), slots.begin() + static_cast<std::ptrdiff_t>(cap),
                         slots.end());
        slots.resize(cap);
        r.truncated = true;
    }
    r.device_ids.reserve(slots.size());
    for (auto s : slots)
        r.device_ids.push_back(reg.device_id(s));
    std::sort(r.device_ids.begin(), r.device_ids.end());
    return r;
}

} // namespace push::core
