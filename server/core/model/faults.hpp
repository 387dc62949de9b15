// Fault injection: the failures an app meets in production, armed per app through the control
// API (control/faults.cpp). Two families: `error`, `delay` and `truncate` act after
// authentication, like the service's own answers; `hang`, `drop`, `reset` and `gateway` model a
// failure in front of the service and act before anything is checked or counted. The core
// decides which fault a request meets; transport carries out what the decision asks of the
// connection (wait, close, reset, cut the answer).
#pragma once

#include "core/model/endpoints.hpp"
#include "core/model/error.hpp"
#include "core/model/fault_action.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace push::core {

/// The hosts a fault targets.
enum class host_filter : std::uint8_t { both, primary, backup };

struct fault {
    fault_kind kind = fault_kind::error;
    core::endpoint endpoint = endpoint::push;
    host_filter host = host_filter::both;
    /// error, delay (when given) and gateway: the answer's status; error and delay: its code
    /// and message.
    std::optional<int> status;
    std::optional<int> code;
    std::optional<std::string> message;
    std::uint32_t delay_ms = 0;  // delay
    std::uint32_t jitter_ms = 0; // delay: up to this much more, drawn per request
    std::uint32_t hang_ms = 0;   // hang: 0 = until the client gives up
    /// Times it still acts; 0 = until removed.
    std::uint32_t remaining = 1;
    /// Matching requests it still lets through before it acts.
    std::uint32_t after = 0;
    /// The chance it acts on a matching request once `after` is spent (draws are seeded).
    double probability = 1.0;
};

/// A fault that acted after authentication: what transport does, and the error that answers
/// instead of processing (error; delay with a status), if any.
struct fault_hit {
    fault_action action;
    std::optional<api_error> answer;
};

/// The faults armed on one app, first armed first. Keeps `armed_before_service` (shared by
/// every app of the state) equal to the number of armed hang/drop/reset/gateway faults, so
/// transport asks for them only when there are some.
class fault_list {
public:
    fault_list(std::size_t& armed_before_service, std::uint64_t seed) noexcept
        : before_service_(&armed_before_service), seed_(seed) {}
    ~fault_list() { clear(); }
    fault_list(fault_list const&) = delete;
    fault_list& operator=(fault_list const&) = delete;

    void add(fault f);
    void clear() noexcept;
    /// Whether any fault is armed: the whole cost of the check when none is.
    bool empty() const noexcept { return faults_.empty(); }

    /// The error, delay or truncation a request to `e` on `host` meets after authentication,
    /// if an armed fault acts on it (then it counts it).
    std::optional<fault_hit> take_after_auth(endpoint e, service_host host);
    /// The hang, drop, reset or gateway a request to `e` on `host` meets before anything is
    /// checked, if one acts on it.
    std::optional<fault_action> take_before_service(endpoint e, service_host host);

    /// The armed faults, first armed first.
    std::deque<fault> const& armed() const noexcept { return faults_; }

private:
    /// The first fault of the family that acts on the request: each matching one counts it
    /// against its `after` first, then draws against its probability.
    std::deque<fault>::iterator find_acting(endpoint e, service_host host, bool before_service);
    /// Counts one action of `it` and removes it when it has no more.
    void spend(std::deque<fault>::iterator it);
    /// A uniform draw in [0, 1) from the seeded sequence.
    double draw() noexcept;

    std::deque<fault> faults_;
    std::size_t* before_service_;
    std::uint64_t seed_;
    std::uint64_t draws_ = 0;
};

} // namespace push::core
