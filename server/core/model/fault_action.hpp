// What a fault asks of transport, and which host of the service a request came to: plain
// values shared by the request model (message.hpp) and the fault list (faults.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace push::core {

enum class fault_kind : std::uint8_t { error, delay, hang, drop, reset, truncate, gateway };

/// "error", "delay", ...: the kind's name in the control API.
std::string_view name_of(fault_kind k) noexcept;
std::optional<fault_kind> parse_fault_kind(std::string_view s) noexcept;
/// hang, drop, reset and gateway act in front of the service: before authentication, the
/// journal and the quota.
constexpr bool acts_before_service(fault_kind k) noexcept {
    return k == fault_kind::hang || k == fault_kind::drop || k == fault_kind::reset ||
           k == fault_kind::gateway;
}

/// Which host of the service a request came to: `api` or its backup `api-b` (FACTS §8).
enum class service_host : std::uint8_t { primary, backup };
std::string_view name_of(service_host h) noexcept;

/// What a request met: transport carries it out on the connection.
struct fault_action {
    fault_kind kind = fault_kind::error;
    int status = 0;            // gateway: 502, 503 or 504
    std::uint32_t wait_ms = 0; // delay: before answering; hang: before closing (0 = until the
                               // client leaves)
};

} // namespace push::core
