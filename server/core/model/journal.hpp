// One app's push journal: every /push.json request of a known App-Key, accepted (with the request
// as parsed and the devices it reached) or refused (with the error). Entries hold typed data and
// the body bytes; the control API renders them as JSON only when asked (control/journal_view).
// Bounded: the oldest entry goes first, and every eviction is counted and reported.
#pragma once

#include "core/model/audience.hpp"
#include "core/model/error.hpp"
#include "core/model/message.hpp"
#include "core/model/push.hpp"
#include "core/model/time.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace push::core {

/// What an accepted push left: its id, the request as parsed and who it reached.
struct accepted_push {
    std::string id;
    push_request push;
    recipients reached;
};

/// Who sent a request and how it came in. Each string is empty when the request did not carry
/// it (short strings need no allocation).
struct request_meta {
    std::string listener;   // the listener it came in on ("primary")
    std::string host;       // the Host header
    std::string user_agent; // the User-Agent header
    std::string request_id; // the X-Request-ID header (any case)
    std::uint16_t remote_port = 0;
};

/// The metadata of `req`, read in one pass over its headers.
request_meta meta_of(api_request const& req);

struct journal_entry {
    std::uint64_t seq = 0;                   // emulator-wide order of recording
    time_ms time = 0;                        // emulator time
    std::string body;                        // the request body as received
    std::unique_ptr<accepted_push> accepted; // null when the request was refused
    api_error refusal;                       // why, when it was refused
    request_meta meta;                       // who sent it, on which listener
    /// The JSON paths of the unknown fields it carried (body/unknown-fields [D-11]); the journal
    /// derives its other warnings from `accepted` when it is shown.
    std::vector<std::string> ignored_fields;

    /// The push id, or "" for a refused request.
    std::string_view id() const noexcept {
        return accepted ? std::string_view(accepted->id) : std::string_view();
    }
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

} // namespace push::core
