#include "core/model/state.hpp"

namespace push::core {

void app_state::reset() {
    quota.reset();
    nonces.clear();
    registry.clear();
    journal.clear();
    faults.clear();
    for (auto& limiter : rate)
        limiter.reset();
}

app_state* emulator_state::find_app(std::string_view key) {
    auto it = apps.find(key);
    return it == apps.end() ? nullptr : &it->second;
}

app_state& emulator_state::upsert_app(app_config config) {
    if (auto* existing = find_app(config.key)) {
        existing->config = std::move(config);
        return *existing;
    }
    auto key = config.key;
    std::uint64_t issued = 0;
    if (auto it = ids_issued_.find(key); it != ids_issued_.end()) {
        issued = it->second;
        ids_issued_.erase(it);
    }
    auto& app = apps.try_emplace(std::move(key), std::move(config), settings.seed,
                                 faults_before_service, issued)
                    .first->second;
    // The metrics label apps by key up to a cap (apps are user-created).
    app.metrics_labelled = metrics.labelled_apps < max_labelled_apps;
    metrics.labelled_apps += app.metrics_labelled;
    return app;
}

bool emulator_state::remove_app(std::string_view key) {
    auto it = apps.find(key);
    if (it == apps.end())
        return false;
    ids_issued_.insert_or_assign(it->first, it->second.ids.counter());
    metrics.labelled_apps -= it->second.metrics_labelled;
    apps.erase(it);
    return true;
}

} // namespace push::core
