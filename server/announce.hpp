// How a started emulator tells people and test harnesses that it is ready: the banner on stdout
// (its last line, "listening on …", is what scripts wait for), the --port-file and the --ready-fd.
#pragma once

#include "config.hpp"
#include "core/model/state.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace push {

/// The banner: version, seed, one line per app, the `more` listeners' lines ("backup: http://…"),
/// then `listening on http://HOST:PORT`.
void print_banner(std::ostream& out, core::emulator_state const& state, std::string const& host,
                  std::uint16_t port, std::vector<std::string> const& more = {});

/// Writes "PORT\n" to the --port-file (through a temporary file renamed over it, so a reader
/// never sees half a number) and to the --ready-fd, which is then closed. Fails with a message
/// naming the flag.
config_result<void> announce_ready(emulator_config const& config, std::uint16_t port);

/// Removes the --port-file at a clean exit, so a stale port is never read by the next run.
void withdraw_port_file(emulator_config const& config);

} // namespace push
