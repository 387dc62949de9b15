// Test helper: the real push-emulator binary as a child process on an ephemeral port.
//
//     push::test_support::emulator_process emu({"--app", "k:s"});
//     push::test_support::http_client client(emu.port());
//
// The binary is PUSH_EMULATOR_BIN (set by CMake for push_tests). Its stdout and stderr go to
// temporary files, so a chatty log never blocks the server; stderr_text() reads the log.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace push::test_support {

using namespace std::chrono_literals;

class emulator_process {
public:
    /// Starts the emulator with `--port 0` and `args`, and waits at most `startup` for its
    /// `listening on http://ADDR:PORT` line. Throws std::runtime_error (with the emulator's
    /// stderr) if it exits or stays silent.
    explicit emulator_process(std::vector<std::string> args = {},
                              std::chrono::milliseconds startup = 5000ms);
    /// Stops the emulator (SIGTERM, then SIGKILL after 3 s) if it still runs.
    ~emulator_process();
    emulator_process(emulator_process const&) = delete;
    emulator_process& operator=(emulator_process const&) = delete;

    unsigned short port() const noexcept { return port_; }
    /// Everything the emulator printed on stdout so far (version, apps, listening line).
    std::string stdout_text() const;
    /// Everything the emulator logged on stderr so far.
    std::string stderr_text() const;
    /// True while the process has not exited.
    bool running();
    /// Sends `signal` and waits at most 3 s; the exit code, or 128 + signal when killed by one.
    int stop(int signal = 15);

private:
    void wait_for_listening(std::chrono::milliseconds startup);

    pid_t pid_ = -1;
    int exit_code_ = -1;
    unsigned short port_ = 0;
    std::string stdout_path_, stderr_path_;
};

/// The outcome of a run to completion.
struct process_result {
    int exit_code = -1; // 128 + signal when killed by one
    std::string out;
    std::string err;
};

/// Runs the emulator with exactly `args` (no --port added) until it exits, at most `limit`
/// (then kills it and throws). For flags that exit: --help, --version, bad flags, bind failures.
process_result run_emulator(std::vector<std::string> const& args,
                            std::chrono::milliseconds limit = 5000ms);

} // namespace push::test_support
