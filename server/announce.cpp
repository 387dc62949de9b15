#include "announce.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace push {

namespace {

std::string errno_text() {
    return std::strerror(errno);
}

config_result<void> write_port_file(std::string const& path, std::uint16_t port) {
    auto const temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        if (!(out << port << '\n' && out.flush()))
            return config_error("--port-file: cannot write \"" + temporary + "\"");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        auto const why = errno_text();
        std::remove(temporary.c_str());
        return config_error("--port-file: cannot write \"" + path + "\": " + why);
    }
    return {};
}

config_result<void> write_ready_fd(int fd, std::uint16_t port) {
    auto const text = std::to_string(port) + '\n';
    std::size_t done = 0;
    while (done < text.size()) {
        auto const n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            auto const why = errno_text();
            ::close(fd);
            return config_error("--ready-fd: cannot write to descriptor " + std::to_string(fd) +
                                ": " + why);
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return {};
}

} // namespace

void print_banner(std::ostream& out, core::emulator_state const& state, std::string const& host,
                  std::uint16_t port, std::vector<std::string> const& more) {
    out << "push-emulator " << PUSH_EMULATOR_VERSION << '\n';
    // response/id-format: the seed of this run, so its push ids can be repeated with --seed.
    out << "seed: " << state.settings.seed << '\n';
    for (auto const& [key, app] : state.apps)
        out << "app: App-Key=" << key << " App-Secret=" << app.config.secret << '\n';
    for (auto const& line : more)
        out << line << '\n';
    out << "listening on http://" << host << ':' << port << std::endl;
}

config_result<void> announce_ready(emulator_config const& config, std::uint16_t port) {
    if (config.port_file)
        if (auto written = write_port_file(*config.port_file, port); !written)
            return written;
    if (config.ready_fd)
        return write_ready_fd(*config.ready_fd, port);
    return {};
}

void withdraw_port_file(emulator_config const& config) {
    if (config.port_file)
        std::remove(config.port_file->c_str());
}

} // namespace push
