// Synthetic push ids (FACTS §7): 22 characters of [0-9A-Za-z], unique, reproducible with a seed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace push::core {

class id_generator {
public:
    explicit id_generator(std::uint64_t seed = 0, std::uint64_t counter = 0) noexcept
        : seed_(seed), counter_(counter) {}
    /// The next id. Distinct for every call of one generator (a bijection of a counter).
    std::string next();
    /// How many ids were issued; a generator built with it continues the same sequence.
    std::uint64_t counter() const noexcept { return counter_; }

private:
    std::uint64_t seed_;
    std::uint64_t counter_ = 0;
};

/// A stable 64-bit hash (FNV-1a), used to give each App Key its own id sequence.
std::uint64_t stable_hash(std::string_view s) noexcept;

constexpr std::size_t push_id_length = 22;

} // namespace push::core
