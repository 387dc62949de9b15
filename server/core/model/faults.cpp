#include "core/model/faults.hpp"

namespace push::core {

// emulator/fault: the first armed fault for the endpoint answers, and counts down.
std::optional<api_error> fault_list::take(endpoint e) {
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (it->endpoint != e)
            continue;
        auto error = errors::injected(it->status, it->code, it->message);
        if (--it->remaining == 0)
            faults_.erase(it);
        return error;
    }
    return std::nullopt;
}

} // namespace push::core
