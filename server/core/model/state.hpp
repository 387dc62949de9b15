// Everything the emulator knows, owned by main and passed to every handler. Per-App-Key
// isolation: each app owns its secret, profile, flags, quota, nonces, id sequence, devices,
// user tags, journal, tag-API rate limiters and armed faults.
#pragma once

#include "core/model/clock.hpp"
#include "core/model/coverage.hpp"
#include "core/model/endpoints.hpp"
#include "core/model/faults.hpp"
#include "core/model/ids.hpp"
#include "core/model/journal.hpp"
#include "core/model/metrics.hpp"
#include "core/model/profile.hpp"
#include "core/model/quota.hpp"
#include "core/model/registry.hpp"
#include "core/model/signature.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace push::core {

struct app_config {
    std::string key;
    std::string secret;
    bool push_enabled = true;             // service/enabled: false answers 430/1009
    quota_limits limits;                  // 2/hour, 3/day by default; 0 = unlimited
    std::optional<core::profile> profile; // unset: the server's --profile
};

/// Server-wide settings that handlers need (from flags / config file).
struct server_settings {
    core::profile default_profile = profile::lenient;
    int utc_offset_minutes = 480;      // [D-9] natural day in UTC+08:00
    std::size_t max_body = 100 * 1024; // [D-5]
    std::uint64_t seed = 0;
    std::size_t journal_capacity = 1000;      // entries kept per app; older ones are evicted
    std::size_t journal_recipient_cap = 1000; // device ids kept per journal entry
    std::size_t journal_bytes = 8 << 20;      // memory the journal of one app may hold
    std::optional<std::string> admin_token;
    std::vector<std::string> allowed_hosts; // Host names the control API answers besides
                                            // localhost and IP addresses (--allow-host)
};

struct app_state {
    /// `armed_before_service` counts the hang/drop/reset/gateway faults of every app.
    app_state(app_config c, std::uint64_t seed, std::size_t& armed_before_service,
              std::uint64_t ids_issued = 0)
        : config(std::move(c)), ids(seed ^ stable_hash(config.key), ids_issued),
          faults(armed_before_service, ~seed ^ stable_hash(config.key)) {}

    app_config config;
    push_quota quota;
    nonce_cache nonces;
    id_generator ids;
    device_registry registry;
    push_journal journal;
    fault_list faults;
    /// The per-second limiters of the tag APIs (FACTS §5), by endpoint; the one of
    /// /push.json is unused (its limit is `quota`).
    std::array<per_second_limiter, endpoint_count> rate;
    /// Which rules and codes this app's requests have exercised (error-path coverage).
    coverage_counts coverage;
    /// Its answered requests, for /_emulator/metrics (when `metrics_labelled`).
    request_counts requests;
    /// False for an app created when max_labelled_apps others had a label: its requests are
    /// counted under app="_other".
    bool metrics_labelled = true;

    /// Clears everything the app has accumulated (quota, nonces, devices, tags, journal, rate
    /// limiters, faults); its configuration stays. The id sequence goes on: ids are unique per
    /// process (response/id-format). The coverage stays too: it describes the traffic so far,
    /// not the app's state.
    void reset();

    core::profile effective_profile(server_settings const& s) const noexcept {
        return config.profile.value_or(s.default_profile);
    }
};

/// What the transport says of itself, for health and metrics: written by transport only.
struct transport_stats {
    std::size_t connections = 0;      // open connections
    std::size_t idle_connections = 0; // of which waiting for a request
    std::size_t waits = 0;            // journal/wait long polls in progress
};

struct emulator_state {
    server_settings settings;
    transport_stats transport;
    virtual_clock clock;
    /// Armed hang/drop/reset/gateway faults of all apps: transport looks for one before the
    /// core runs only when this is not 0 (declared before `apps`, which count into it).
    std::size_t faults_before_service = 0;
    std::map<std::string, app_state, std::less<>> apps;
    std::uint64_t journal_seq = 0; // last journal sequence number, emulator-wide
    /// Every request to the emulated service since start: every app's, deleted apps' and those
    /// that named no known app (error-path coverage).
    coverage_counts coverage;
    /// What /_emulator/metrics reports beside the apps' own figures.
    server_metrics metrics;

    app_state* find_app(std::string_view key);
    /// The counters of /_emulator/metrics that `app`'s requests go to.
    request_counts* requests_of(app_state& app) noexcept {
        return app.metrics_labelled ? &app.requests : &metrics.other_apps;
    }
    /// Creates the app, or replaces its configuration (keeping its counters and data).
    app_state& upsert_app(app_config config);
    /// Deletes the app; false when there is none. Its id sequence is remembered, so an app
    /// created again with the same key never repeats an id (response/id-format).
    bool remove_app(std::string_view key);

private:
    std::map<std::string, std::uint64_t, std::less<>> ids_issued_; // of deleted apps
};

} // namespace push::core
