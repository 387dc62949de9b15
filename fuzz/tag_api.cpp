// libFuzzer target: a body for one of the three signed tag APIs (the first byte picks which),
// JSON for the set endpoints and a form for get.
#include "core/router.hpp"
#include "fuzz/fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace push;
    static core::emulator_state state = fuzz::make_state();
    static std::size_t runs = 0;
    if (size == 0)
        return 0;
    constexpr char const* paths[] = {"/user/tag/set.json", "/user/tag/batch/set.json",
                                     "/user/tags/get.json"};
    std::string body(reinterpret_cast<char const*>(data) + 1, size - 1);
    auto req = fuzz::signed_request(data[0] & 1 ? "strict" : "lenient", paths[data[0] % 3],
                                    std::move(body));
    // The tag APIs allow 10-100 calls a second; each run is a second later.
    (void)core::handle_request(req, state,
                               fuzz::now_ms + static_cast<core::time_ms>(++runs) * 1000);
    if (runs % 4096 == 0)
        state = fuzz::make_state(); // tags set by earlier inputs must not pile up
    return 0;
}
