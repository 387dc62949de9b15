// GET /_emulator/metrics: the server's counters and gauges in the Prometheus text format 0.0.4
// (docs/metrics.md lists every metric and label).
#pragma once

#include "core/model/state.hpp"

#include <string>
#include <string_view>

namespace push::core {

constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

/// Every metric, at emulator time `now` (the quota windows' state).
std::string metrics_text(emulator_state const& state, time_ms now);

/// A label value as the text format writes it: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view value);

} // namespace push::core
