#include "conformance/text/utf8.hpp"

#include <cstddef>

namespace push::conformance {

bool valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        // Continuation bytes after the lead byte; 9 marks an invalid lead byte.
        std::size_t n = c < 0x80           ? 0
                        : (c >> 5) == 0x6  ? 1
                        : (c >> 4) == 0xE  ? 2
                        : (c >> 3) == 0x1E ? 3
                                           : 9;
        if (n == 9 || (n == 1 && c < 0xC2) || i + n >= s.size() + (n == 0))
            return false;
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += n + 1;
    }
    return true;
}

} // namespace push::conformance
