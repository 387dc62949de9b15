// Fault injection: the next `count` signed requests of one app to one endpoint answer a chosen
// error (after authentication) instead of being processed. control/faults.cpp reads them from
// the control API.
#pragma once

#include "core/model/endpoints.hpp"
#include "core/model/error.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace push::core {

struct fault {
    core::endpoint endpoint = endpoint::push;
    int status = 500;
    int code = 1000;
    std::string message = "injected fault";
    std::uint32_t remaining = 1;
};

class fault_list {
public:
    void add(fault f) { faults_.push_back(std::move(f)); }
    /// The error the next request to `e` answers, if a fault is armed for it (and counts it).
    std::optional<api_error> take(endpoint e);
    void clear() noexcept { faults_.clear(); }
    /// The armed faults, first armed first.
    std::deque<fault> const& armed() const noexcept { return faults_; }

private:
    std::deque<fault> faults_; // first armed, first served
};

} // namespace push::core
