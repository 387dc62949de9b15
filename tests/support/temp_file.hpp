// Test helper: a file in /tmp with given contents, removed when the object goes away.
//
//     push::test_support::temp_file cfg(R"({"apps":[{"key":"k","secret":"s"}]})");
//     push::test_support::emulator_process emu({"--config", cfg.path()});
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace push::test_support {

class temp_file {
public:
    explicit temp_file(std::string_view contents, std::string_view stem = "push-emulator-test") {
        path_ = "/tmp/" + std::string(stem) + "-XXXXXX";
        int const fd = ::mkstemp(path_.data());
        if (fd < 0)
            throw std::runtime_error("cannot create a temporary file in /tmp");
        ::close(fd);
        std::ofstream(path_, std::ios::binary) << contents;
    }
    ~temp_file() { ::unlink(path_.c_str()); }
    temp_file(temp_file const&) = delete;
    temp_file& operator=(temp_file const&) = delete;

    std::string const& path() const noexcept { return path_; }

private:
    std::string path_;
};

} // namespace push::test_support
