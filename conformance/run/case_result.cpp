#include "conformance/run/case_result.hpp"

namespace push::conformance {

std::string_view to_string(verdict v) noexcept {
    switch (v) {
    case verdict::pass:
        return "pass";
    case verdict::fail:
        return "fail";
    case verdict::non_strict:
        return "non_strict";
    case verdict::skip:
        return "skip";
    case verdict::error:
        return "error";
    }
    return "error";
}

} // namespace push::conformance
