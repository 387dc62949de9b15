#include "core/model/registry.hpp"

#include <algorithm>

namespace push::core {
namespace {

/// Removes element `pos` of `v` by moving the last one into its place; returns the index that
/// moved (or no_index when `pos` was last).
index_t swap_pop(std::vector<index_t>& v, index_t pos) {
    index_t const last = static_cast<index_t>(v.size() - 1);
    index_t moved = no_index;
    if (pos != last) {
        v[pos] = v[last];
        moved = v[pos];
    }
    v.pop_back();
    return moved;
}

} // namespace

index_t device_registry::intern_user(std::string_view id) {
    auto [it, inserted] =
        user_index_.try_emplace(std::string(id), static_cast<index_t>(users_.size()));
    if (inserted)
        users_.push_back({std::string(id), {}, {}});
    return it->second;
}

index_t device_registry::intern_tag(std::string_view name) {
    auto [it, inserted] =
        tag_index_.try_emplace(std::string(name), static_cast<index_t>(tags_.size()));
    if (inserted)
        tags_.push_back({std::string(name), {}});
    return it->second;
}

index_t device_registry::intern_package(std::string_view name) {
    auto [it, inserted] =
        package_index_.try_emplace(std::string(name), static_cast<index_t>(packages_.size()));
    if (inserted)
        packages_.push_back({std::string(name), {}});
    return it->second;
}

index_t device_registry::find_user(std::string_view id) const noexcept {
    auto it = user_index_.find(id);
    return it == user_index_.end() ? no_index : it->second;
}

index_t device_registry::find_tag(std::string_view tag) const noexcept {
    auto it = tag_index_.find(tag);
    return it == tag_index_.end() ? no_index : it->second;
}

index_t device_registry::find_package(std::string_view name) const noexcept {
    auto it = package_index_.find(name);
    return it == package_index_.end() ? no_index : it->second;
}

bool device_registry::user_has_tag(index_t u, index_t t) const noexcept {
    for (auto const& m : users_[u].tags)
        if (m.tag == t)
            return true;
    return false;
}

// Takes slot `s` out of its user's and its package's device lists.
void device_registry::unlink(index_t s) {
    slot& d = slots_[s];
    if (index_t moved = swap_pop(users_[d.user].devices, d.user_pos); moved != no_index)
        slots_[moved].user_pos = d.user_pos;
    if (index_t moved = swap_pop(packages_[d.package].devices, d.package_pos); moved != no_index)
        slots_[moved].package_pos = d.package_pos;
}

void device_registry::upsert(device const& d) {
    index_t s;
    if (auto it = id_to_slot_.find(d.id); it != id_to_slot_.end()) {
        s = it->second;
        unlink(s);
    } else if (!free_slots_.empty()) {
        s = free_slots_.back();
        free_slots_.pop_back();
        slot_ids_[s] = d.id;
        id_to_slot_.emplace(d.id, s);
    } else {
        s = static_cast<index_t>(slots_.size());
        slots_.emplace_back();
        slot_ids_.push_back(d.id);
        id_to_slot_.emplace(d.id, s);
    }
    slot& x = slots_[s];
    x.user = intern_user(d.user_id);
    x.package = intern_package(d.package_name);
    x.user_pos = static_cast<index_t>(users_[x.user].devices.size());
    users_[x.user].devices.push_back(s);
    x.package_pos = static_cast<index_t>(packages_[x.package].devices.size());
    packages_[x.package].devices.push_back(s);
    x.last_connected = d.last_connected;
    x.os = d.os;
    x.vendor = d.vendor;
    x.push_allowed = d.push_allowed;
    x.alive = true;
}

bool device_registry::erase(std::string_view device_id) {
    auto it = id_to_slot_.find(device_id);
    if (it == id_to_slot_.end())
        return false;
    index_t const s = it->second;
    unlink(s);
    slots_[s].alive = false;
    slot_ids_[s].clear();
    id_to_slot_.erase(it);
    free_slots_.push_back(s);
    return true;
}

void device_registry::clear() {
    *this = device_registry{};
}

std::optional<device> device_registry::find(std::string_view device_id) const {
    auto it = id_to_slot_.find(device_id);
    if (it == id_to_slot_.end())
        return std::nullopt;
    slot const& x = slots_[it->second];
    return device{slot_ids_[it->second],     users_[x.user].id, x.os,          x.vendor,
                  packages_[x.package].name, x.last_connected,  x.push_allowed};
}

std::vector<device> device_registry::devices() const {
    std::vector<device> out;
    out.reserve(device_count());
    for (index_t s = 0; s < slots_.size(); ++s) {
        slot const& x = slots_[s];
        if (x.alive)
            out.push_back({slot_ids_[s], users_[x.user].id, x.os, x.vendor,
                           packages_[x.package].name, x.last_connected, x.push_allowed});
    }
    return out;
}

void device_registry::remove_user_from_tag(index_t u, std::size_t membership) {
    auto const m = users_[u].tags[membership];
    if (index_t moved = swap_pop(tags_[m.tag].users, m.pos); moved != no_index) {
        for (auto& other : users_[moved].tags)
            if (other.tag == m.tag)
                other.pos = m.pos;
    }
}

// tags.set/replace: 设置用户标签 replaces the list; an empty list clears it.
void device_registry::set_tags(std::string_view user_id, std::vector<std::string> const& tags) {
    index_t u = find_user(user_id);
    if (u == no_index) {
        if (tags.empty())
            return;
        u = intern_user(user_id);
    }
    for (std::size_t i = 0; i < users_[u].tags.size(); ++i)
        remove_user_from_tag(u, i);
    users_[u].tags.clear();
    for (auto const& name : tags) {
        index_t const t = intern_tag(name);
        if (user_has_tag(u, t))
            continue;
        users_[u].tags.push_back({t, static_cast<index_t>(tags_[t].users.size())});
        tags_[t].users.push_back(u);
    }
}

std::vector<std::string> device_registry::tags_of(std::string_view user_id) const {
    std::vector<std::string> out;
    index_t const u = find_user(user_id);
    if (u != no_index)
        for (auto const& m : users_[u].tags)
            out.push_back(tags_[m.tag].name);
    return out;
}

std::vector<std::pair<std::string, std::vector<std::string>>> device_registry::all_tags() const {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (auto const& u : users_) {
        if (u.tags.empty())
            continue;
        std::vector<std::string> names;
        for (auto const& m : u.tags)
            names.push_back(tags_[m.tag].name);
        out.emplace_back(u.id, std::move(names));
    }
    return out;
}

} // namespace push::core
