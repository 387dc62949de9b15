#include "support/emulator_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace push::test_support {

namespace {

std::string make_temp_file(char const* stem) {
    std::string path = std::string("/tmp/") + stem + "-XXXXXX";
    int fd = ::mkstemp(path.data());
    if (fd < 0)
        throw std::runtime_error("cannot create a temporary file in /tmp");
    ::close(fd);
    return path;
}

std::string read_text(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Forks and execs the emulator with stdout and stderr sent to the given files. The child dies
/// with the test process (PR_SET_PDEATHSIG), so a crashed test leaves nothing running.
pid_t spawn(std::vector<std::string> const& args, std::string const& out, std::string const& err) {
    std::vector<char*> argv;
    std::string bin = PUSH_EMULATOR_BIN;
    argv.push_back(bin.data());
    for (auto const& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t const pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        int const o = ::open(out.c_str(), O_WRONLY | O_TRUNC);
        int const e = ::open(err.c_str(), O_WRONLY | O_TRUNC);
        if (o < 0 || e < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0)
            ::_exit(127);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int decode_status(int status) {
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

/// Waits at most `limit` for `pid` to exit; its exit code, or nullopt if it still runs.
std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds limit) {
    auto const deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        int status = 0;
        pid_t const r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return decode_status(status);
        if (r < 0)
            return -1;
        if (std::chrono::steady_clock::now() >= deadline)
            return std::nullopt;
        std::this_thread::sleep_for(5ms);
    }
}

} // namespace

emulator_process::emulator_process(std::vector<std::string> args, std::chrono::milliseconds startup)
    : stdout_path_(make_temp_file("push-emulator-out")),
      stderr_path_(make_temp_file("push-emulator-err")) {
    args.insert(args.begin(), {"--port", "0"});
    pid_ = spawn(args, stdout_path_, stderr_path_);
    try {
        wait_for_listening(startup);
    } catch (...) {
        stop(SIGKILL);
        ::unlink(stdout_path_.c_str());
        ::unlink(stderr_path_.c_str());
        throw;
    }
}

void emulator_process::wait_for_listening(std::chrono::milliseconds startup) {
    static std::regex const listening(R"(listening on http://\S+:(\d+)\n)");
    auto const deadline = std::chrono::steady_clock::now() + startup;
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch m;
        auto const out = stdout_text();
        if (std::regex_search(out, m, listening)) {
            port_ = static_cast<unsigned short>(std::stoi(m[1].str()));
            return;
        }
        if (!running())
            throw std::runtime_error("push-emulator exited with code " +
                                     std::to_string(exit_code_) +
                                     " before listening: " + stderr_text());
        std::this_thread::sleep_for(5ms);
    }
    throw std::runtime_error("push-emulator printed no 'listening on' line within " +
                             std::to_string(startup.count()) + " ms; stderr: " + stderr_text());
}

emulator_process::~emulator_process() {
    stop(SIGTERM);
    ::unlink(stdout_path_.c_str());
    ::unlink(stderr_path_.c_str());
}

std::string emulator_process::stdout_text() const {
    return read_text(stdout_path_);
}
std::string emulator_process::stderr_text() const {
    return read_text(stderr_path_);
}

bool emulator_process::running() {
    if (pid_ < 0)
        return false;
    if (auto code = wait_exit(pid_, 0ms)) {
        exit_code_ = *code;
        pid_ = -1;
        return false;
    }
    return true;
}

int emulator_process::stop(int signal) {
    if (!running())
        return exit_code_;
    ::kill(pid_, signal);
    auto code = wait_exit(pid_, 3000ms);
    if (!code) {
        ::kill(pid_, SIGKILL);
        code = wait_exit(pid_, 3000ms);
    }
    exit_code_ = code.value_or(-1);
    pid_ = -1;
    return exit_code_;
}

process_result run_emulator(std::vector<std::string> const& args, std::chrono::milliseconds limit) {
    auto const out = make_temp_file("push-emulator-out");
    auto const err = make_temp_file("push-emulator-err");
    pid_t const pid = spawn(args, out, err);
    auto code = wait_exit(pid, limit);
    if (!code) {
        ::kill(pid, SIGKILL);
        wait_exit(pid, 3000ms);
    }
    process_result r{code.value_or(-1), read_text(out), read_text(err)};
    ::unlink(out.c_str());
    ::unlink(err.c_str());
    if (!code)
        throw std::runtime_error("push-emulator did not exit within " +
                                 std::to_string(limit.count()) + " ms");
    return r;
}

} // namespace push::test_support
