// One app's push journal: every /push.json request of a known App-Key, accepted (with its
// resolved audience and effective content) or rejected (with code, rule, path and message).
// Bounded: the oldest entry goes first, and every eviction is counted and reported.
#pragma once

#include "core/api.hpp"
#include "core/json.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace push::core {

struct journal_entry {
    std::uint64_t seq = 0;     // emulator-wide order of recording
    time_ms time = 0;          // emulator time
    bool accepted = false;
    std::string id;            // the push id; "" for a rejected request
    json::object body;         // the entry as the control API shows it
};

class push_journal {
public:
    /// Appends an entry, evicting the oldest ones beyond `capacity` (0 keeps nothing).
    void append(journal_entry e, std::size_t capacity);
    void clear() noexcept;

    std::deque<journal_entry> const& entries() const noexcept { return entries_; }
    /// Entries evicted since the journal was created or cleared.
    std::uint64_t evicted() const noexcept { return evicted_; }
    /// Accepted entries currently held.
    std::size_t accepted() const noexcept { return accepted_; }
    journal_entry const* find(std::string_view push_id) const noexcept;

private:
    std::deque<journal_entry> entries_;
    std::uint64_t evicted_ = 0;
    std::size_t accepted_ = 0;
};

/// The request body as received: its JSON, or {"raw": "..."} when it is not JSON.
json::value request_as_received(std::string const& body);

/// `bytes` with every byte that is not part of valid UTF-8 replaced by U+FFFD; `replaced` says
/// whether any was.
std::string to_valid_utf8(std::string_view bytes, bool& replaced);

} // namespace push::core
