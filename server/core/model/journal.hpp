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
    service_host service = service_host::primary; // the host of the service it came to
};

/// The metadata of `req`, read in one pass over its headers.
request_meta meta_of(api_request const& req);

/// A request that was not authenticated keeps this much of its body, and its length: the
/// journal of a known App-Key must not hold what anyone can send (journal/unauthenticated).
constexpr std::size_t unauthenticated_prefix = 64;

struct journal_entry {
    std::uint64_t seq = 0;                   // emulator-wide order of recording
    time_ms time = 0;                        // emulator time
    std::string body;                        // the request body as received (or its prefix)
    std::size_t body_length = 0;             // the length of the body as received
    std::unique_ptr<accepted_push> accepted; // null when the request was refused
    api_error refusal;                       // why, when it was refused
    request_meta meta;                       // who sent it, on which listener
    /// The JSON paths of the unknown fields it carried (body/unknown-fields [D-11]); the journal
    /// derives its other warnings from `accepted` when it is shown.
    std::vector<std::string> ignored_fields;
    /// What only the lenient profile accepted ([D-13], [D-14]), one line each, starting with the
    /// JSON path it is about.
    std::vector<std::string> lenient_only;
    std::size_t bytes = 0; // memory the entry holds (set by append)

    /// True when only a prefix of the body is kept.
    bool body_cut() const noexcept { return body.size() < body_length; }

    /// The push id, or "" for a refused request.
    std::string_view id() const noexcept {
        return accepted ? std::string_view(accepted->id) : std::string_view();
    }
};

/// The bytes of memory an entry holds: the entry, its body, and the parsed push and recipients
/// of an accepted one (heap parts of strings included).
std::size_t entry_bytes(journal_entry const& e) noexcept;

/// How much one app's journal keeps: entries (--journal-capacity) and bytes (--journal-bytes).
struct journal_limits {
    std::size_t entries = 1000;
    std::size_t bytes = 8 << 20;
};

class push_journal {
public:
    /// Appends an entry, then evicts the oldest ones while there are more than `limits.entries`
    /// or they hold more than `limits.bytes` (a limit of 0 keeps nothing).
    void append(journal_entry e, journal_limits limits);
    void clear() noexcept;

    std::deque<journal_entry> const& entries() const noexcept { return entries_; }
    /// Entries evicted since the journal was created or cleared, for either limit.
    std::uint64_t evicted() const noexcept { return evicted_by_count_ + evicted_by_bytes_; }
    std::uint64_t evicted_by_count() const noexcept { return evicted_by_count_; }
    std::uint64_t evicted_by_bytes() const noexcept { return evicted_by_bytes_; }
    /// Memory the entries hold (entry_bytes of each).
    std::size_t bytes() const noexcept { return bytes_; }
    /// Accepted entries currently held.
    std::size_t accepted() const noexcept { return accepted_; }
    journal_entry const* find(std::string_view push_id) const noexcept;

private:
    void evict_oldest();

    std::deque<journal_entry> entries_;
    std::uint64_t evicted_by_count_ = 0;
    std::uint64_t evicted_by_bytes_ = 0;
    std::size_t bytes_ = 0;
    std::size_t accepted_ = 0;
};

} // namespace push::core
