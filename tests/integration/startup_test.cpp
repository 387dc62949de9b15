// Start-up as test harnesses see it: the port file and the ready descriptor.
#include "support/emulator_process.hpp"
#include "support/temp_file.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace {

using namespace push::test_support;

std::string read_text(std::string const& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

TEST_CASE("cli: --port-file holds the bound port once listening and is removed at exit") {
    temp_file dir_marker("");
    auto const path = dir_marker.path() + ".port";
    emulator_process emu({"--port-file", path});
    CHECK(read_text(path) == std::to_string(emu.port()) + "\n");
    CHECK(emu.stop(15) == 0);
    CHECK(::access(path.c_str(), F_OK) != 0);
}

TEST_CASE("cli: --ready-fd N receives the bound port once listening, then is closed") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    emulator_process emu({"--ready-fd", std::to_string(fds[1])});
    ::close(fds[1]); // the emulator holds the only other write end, and closes it
    std::string got;
    char buf[64];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
        got.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    CHECK(got == std::to_string(emu.port()) + "\n");
}

TEST_CASE("cli: a --ready-fd that is not open exits 2; an unwritable --port-file exits 1") {
    auto fd = run_emulator({"--port", "0", "--ready-fd", "987"});
    CHECK(fd.exit_code == 2);
    CHECK(fd.err == "push-emulator: --ready-fd: 987 is not an open file descriptor (see --help)\n");
    auto file = run_emulator({"--port", "0", "--port-file", "/nonexistent-dir/port"});
    CHECK(file.exit_code == 1);
    CHECK(file.err.starts_with("push-emulator: --port-file: cannot write"));
}
