#include "core/emulator_state.hpp"

namespace push::core {

void app_state::reset() {
    quota.reset();
    nonces.clear();
    ids.reset();
    registry.clear();
    journal.clear();
    faults.clear();
    tag_rate.set.reset();
    tag_rate.batch_set.reset();
    tag_rate.get.reset();
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
    return apps.try_emplace(std::move(key), std::move(config), settings.seed).first->second;
}

} // namespace push::core
