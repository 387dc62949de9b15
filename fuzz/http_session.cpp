// libFuzzer target: raw bytes from a client, through a whole HTTP session (Beast's parser,
// routing, the core, the answer) over beast::test::stream.
#include "fuzz/fuzz_support.hpp"
#include "transport/session.hpp"

#include <boost/beast/_experimental/test/stream.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace push;
    using namespace push::transport;
    static core::emulator_state state = fuzz::make_state();
    static std::ostringstream log_text;
    static logger log(log_level::off, log_text);
    static session_context ctx{state, log};
    static std::size_t runs = 0;
    if (++runs % 4096 == 0)
        state = fuzz::make_state(); // apps and devices made by earlier inputs must not pile up
    net::io_context ioc;
    beast::test::stream client(ioc), server(ioc);
    server.connect(client);
    server.append(std::string_view(reinterpret_cast<char const*>(data), size));
    server.close_remote();
    net::co_spawn(ioc, run_session(std::move(server), ctx), net::detached);
    ioc.run();
    return 0;
}
