// libFuzzer target: a control-API request, "<METHOD> <target>\n<body>", on a fresh state (every
// endpoint, its path parameters, query parameters and JSON body).
#include "core/router.hpp"
#include "fuzz/fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace push;
    std::string_view text(reinterpret_cast<char const*>(data), size);
    auto const line_end = text.find('\n');
    std::string_view line = text.substr(0, line_end);
    std::string body(line_end == std::string_view::npos ? std::string_view()
                                                        : text.substr(line_end + 1));
    auto const space = line.find(' ');
    if (space == std::string_view::npos)
        return 0;
    core::api_request req{std::string(line.substr(0, space)),
                          "/_emulator/" + std::string(line.substr(space + 1)),
                          {{"Host", "127.0.0.1:8080"}},
                          std::move(body)};
    auto state = fuzz::make_state();
    (void)core::handle_request(req, state, fuzz::now_ms);
    return 0;
}
