#include "core/model/ids.hpp"

namespace push::core {
namespace {

// splitmix64's finalizer: a bijection on 64-bit values, so distinct inputs give distinct outputs.
std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// 62^11 > 2^64: eleven base-62 digits hold any 64-bit value, injectively.
void append_base62(std::string& out, std::uint64_t v) {
    char buf[11];
    for (int i = 10; i >= 0; --i) {
        buf[i] = alphabet[v % 62];
        v /= 62;
    }
    out.append(buf, sizeof buf);
}

} // namespace

// response/id-format: 22 characters of [0-9A-Za-z], e.g. 50whSR6kQiHb7YgFwQzXIb.
std::string id_generator::next() {
    auto const lo = mix(seed_ + ++counter_); // unique per counter value
    auto const hi = mix(lo ^ mix(seed_ ^ 0x9e3779b97f4a7c15ULL));
    std::string id;
    id.reserve(push_id_length);
    append_base62(id, hi);
    append_base62(id, lo);
    return id;
}

std::uint64_t stable_hash(std::string_view s) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace push::core
