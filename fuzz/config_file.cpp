// libFuzzer target: a --config file.
#include "config.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    push::emulator_config config;
    (void)push::apply_config_json(std::string_view(reinterpret_cast<char const*>(data), size),
                                  "fuzz.json", config);
    return 0;
}
