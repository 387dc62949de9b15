// The emulator's one configuration: command-line flags over an optional JSON file, validated at
// start. Every problem is reported as one line naming the flag or the JSON path.
#pragma once

#include "core/model/state.hpp"
#include "transport/log.hpp"

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace push {

/// Listeners beside --port: the backup host (api-b, FACTS §8) and HTTPS on either host. Ports
/// may be 0 (a free port).
struct listener_config {
    std::optional<std::uint16_t> backup_port;     // --backup-port
    std::optional<std::uint16_t> tls_port;        // --tls-port
    std::optional<std::uint16_t> backup_tls_port; // --backup-tls-port
    std::optional<std::string> tls_cert;          // --tls-cert (with --tls-key)
    std::optional<std::string> tls_key;           // --tls-key
    std::optional<std::string> tls_cert_out;      // --tls-cert-out: the PEM clients trust
    bool any_tls() const noexcept { return tls_port || backup_tls_port; }
};

struct emulator_config {
    std::string listen = "127.0.0.1";
    std::uint16_t port = 8080; // 0 = pick a free port
    core::server_settings settings;
    /// settings.seed came from --seed or the file; otherwise it is a fresh random one.
    bool seed_given = false;
    /// Never empty once loaded: the embedded default app when neither flags nor file name one.
    std::vector<core::app_config> apps;
    std::optional<std::string> devices_file;    // path only; read by the device seeding code
    std::optional<std::string> port_file;       // gets the bound port once listening
    std::optional<int> ready_fd;                // gets the bound port once listening, then closed
    std::optional<std::string> coverage_report; // written when the emulator stops
    transport::log_level log_level = transport::log_level::info;
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds idle_timeout{10};
    std::size_t max_connections = 512; // well under the usual 1024 open files
    std::size_t max_waits = 128;
    /// The other listeners (config_listeners.cpp): the backup host, HTTPS, the certificate.
    listener_config listeners;
    bool help = false;
    bool version = false;
};

/// One line naming the flag or JSON path and what is wrong with it.
/// A real constructor, not an aggregate: result<std::string, config_error> stays unambiguous.
struct config_error {
    config_error() = default;
    explicit config_error(std::string m) : message(std::move(m)) {}
    std::string message;
};
[[noreturn]] void throw_exception_from_error(config_error const& e,
                                             boost::source_location const& loc);

template <class T> using config_result = boost::system::result<T, config_error>;

/// The embedded default app: App-Key emulator-key, secret emulator-secret, push enabled, 2/hour,
/// 3/day.
core::app_config default_app();

/// Parses the arguments after argv[0]: reads the --config file (if any), then applies the flags
/// over it, then validates. `--help` and `--version` only set their booleans.
config_result<emulator_config> load_config(std::span<char const* const> args);

/// Applies a JSON config document over `config`; `source` names it in error messages
/// ("cfg.json: apps[1].per_hour: ...").
config_result<void> apply_config_json(std::string_view text, std::string_view source,
                                      emulator_config& config);

/// Seeds devices and user tags from the --devices file (see core/device_seed.hpp) at emulator
/// time `now`; errors name the file and the JSON path. Answers warnings, one line each, about
/// seeded devices that no push reaches because they connected more than 30 days before `now`.
config_result<std::vector<std::string>>
seed_devices_file(core::emulator_state& state, std::string const& path, core::time_ms now);

/// The --help text: every flag with its default.
std::string help_text();

} // namespace push
