// Fault injection: the next `count` signed requests of one app to one path answer a chosen
// error (after authentication) instead of being processed.
#pragma once

#include "core/api.hpp"
#include "core/json.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace push::core {

struct fault {
    std::string path;             // a public endpoint, e.g. "/push.json"
    int status = 500;
    int code = 1000;
    std::string message = "injected fault";
    std::uint32_t remaining = 1;
};

/// Reads a fault from a control request body {"path","status","code","message","count"};
/// 400/1002 naming the field otherwise.
api_result<fault> parse_fault(json::value const& body);

class fault_list {
public:
    void add(fault f) { faults_.push_back(std::move(f)); }
    /// The error the next request to `path` answers, if a fault is armed for it (and counts it).
    std::optional<api_error> take(std::string_view path);
    void clear() noexcept { faults_.clear(); }
    json::array to_json() const;

private:
    std::deque<fault> faults_; // first armed, first served
};

} // namespace push::core
