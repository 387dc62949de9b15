// One app's devices, users and user tags (FACTS §6), with the indexes audience resolution needs.
// A plain value type: no clock, no I/O. Strings are interned to dense indexes so that resolving
// a push over a million devices walks small integer vectors, not hash maps.
#pragma once

#include "core/model/platform.hpp"
#include "core/model/time.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace push::core {

/// One device as the control API and the seed file see it.
struct device {
    std::string id;
    std::string user_id;
    platform os = platform::android;
    channel vendor = channel::fcm;
    std::string package_name; // "" = none
    time_ms last_connected = 0;
    bool push_allowed = true;
};

using index_t = std::uint32_t;
constexpr index_t no_index = UINT32_MAX;

class device_registry {
public:
    /// The hot part of a device, what resolution reads; slots of deleted devices are `!alive`.
    struct slot {
        index_t user = no_index;
        index_t package = no_index;
        index_t user_pos = 0;    // position in the user's device list
        index_t package_pos = 0; // position in the package's device list
        time_ms last_connected = 0;
        platform os = platform::android;
        channel vendor = channel::fcm;
        bool push_allowed = true;
        bool alive = false;
    };

    /// Inserts the device or replaces the one with the same id.
    void upsert(device const& d);
    /// Removes a device; false when there is none with that id.
    bool erase(std::string_view device_id);
    /// Removes every device and every user tag.
    void clear();

    std::size_t device_count() const noexcept { return id_to_slot_.size(); }
    std::optional<device> find(std::string_view device_id) const;
    /// Every device in registry order (slot order).
    std::vector<device> devices() const;

    /// tags.set/replace: the user's tags become `tags` (duplicates dropped, order kept); an empty
    /// list clears them.
    void set_tags(std::string_view user_id, std::vector<std::string> const& tags);
    /// The user's tags in the order they were set; empty for an unknown user.
    std::vector<std::string> tags_of(std::string_view user_id) const;
    /// Users that have at least one tag, with their tags.
    std::vector<std::pair<std::string, std::vector<std::string>>> all_tags() const;

    // Read access for resolution.
    std::span<slot const> slots() const noexcept { return slots_; }
    std::string const& device_id(index_t s) const { return slot_ids_[s]; }
    std::string const& user_id(index_t u) const { return users_[u].id; }
    index_t find_user(std::string_view user_id) const noexcept;
    index_t find_tag(std::string_view tag) const noexcept;
    index_t find_package(std::string_view name) const noexcept;
    std::span<index_t const> devices_of_user(index_t u) const noexcept { return users_[u].devices; }
    std::span<index_t const> users_with_tag(index_t t) const noexcept { return tags_[t].users; }
    std::span<index_t const> devices_with_package(index_t p) const noexcept {
        return packages_[p].devices;
    }
    bool user_has_tag(index_t u, index_t t) const noexcept;

private:
    struct tag_membership {
        index_t tag;
        index_t pos; // position in the tag's user list
    };
    struct user_rec {
        std::string id;
        std::vector<index_t> devices;
        std::vector<tag_membership> tags;
    };
    struct tag_rec {
        std::string name;
        std::vector<index_t> users;
    };
    struct package_rec {
        std::string name;
        std::vector<index_t> devices;
    };
    struct string_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    using name_map = std::unordered_map<std::string, index_t, string_hash, std::equal_to<>>;

    index_t intern_user(std::string_view id);
    index_t intern_tag(std::string_view name);
    index_t intern_package(std::string_view name);
    void unlink(index_t s);
    void remove_user_from_tag(index_t u, std::size_t membership);

    std::vector<slot> slots_;
    std::vector<std::string> slot_ids_;
    std::vector<index_t> free_slots_;
    name_map id_to_slot_;
    std::vector<user_rec> users_;
    name_map user_index_;
    std::vector<tag_rec> tags_;
    name_map tag_index_;
    std::vector<package_rec> packages_;
    name_map package_index_;
};

} // namespace push::core
