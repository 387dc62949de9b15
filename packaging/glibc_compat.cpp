// Linked into the portable programs of the .tar.gz only. Their libstdc++ is linked in from
// Debian 12, where std::random_device calls arc4random, new in glibc 2.36; defining it here keeps
// the programs loadable on glibc 2.34 and 2.35 (Ubuntu 22.04, RHEL 9). getrandom is glibc 2.25.
#include <sys/random.h>

#include <cstdint>

extern "C" std::uint32_t arc4random() {
    std::uint32_t value = 0;
    // Blocks only until the kernel's entropy pool is first initialised; never fails after that.
    while (getrandom(&value, sizeof value, 0) != static_cast<ssize_t>(sizeof value)) {
    }
    return value;
}
