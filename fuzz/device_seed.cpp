// libFuzzer target: a --devices seed document, loaded into a fresh state.
#include "core/model/device_seed.hpp"
#include "fuzz/fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace push;
    boost::system::error_code ec;
    auto doc = core::json::parse(std::string_view(reinterpret_cast<char const*>(data), size), ec);
    if (ec)
        return 0;
    auto state = fuzz::make_state();
    (void)core::seed_devices(state, doc, fuzz::now_ms);
    return 0;
}
