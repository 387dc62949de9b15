// libFuzzer target: a /push.json body, through the whole request sequence of either profile
// (entry check, parse, validation, audience, id, journal), then the journal entry as the control
// API renders it. The first byte picks the profile.
#include "core/control/journal_view.hpp"
#include "core/router.hpp"
#include "fuzz/fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace push;
    static core::emulator_state state = fuzz::make_state();
    if (size == 0)
        return 0;
    std::string_view const app = data[0] & 1 ? "strict" : "lenient";
    std::string body(reinterpret_cast<char const*>(data) + 1, size - 1);
    auto res = core::handle_request(fuzz::signed_request(app, "/push.json", std::move(body)), state,
                                    fuzz::now_ms);
    auto const& journal = state.find_app(app)->journal;
    if (!journal.entries().empty())
        (void)core::json::serialize(core::entry_json(journal.entries().back(), app));
    (void)res;
    return 0;
}
