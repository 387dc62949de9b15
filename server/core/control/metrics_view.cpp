#include "core/control/metrics_view.hpp"

#include "core/model/metrics.hpp"

#include <charconv>
#include <cstdio>

namespace push::core {
namespace {

/// The text of one scrape, written metric by metric.
class exposition {
public:
    /// Starts a metric family: its HELP and TYPE lines.
    void family(std::string_view name, std::string_view type, std::string_view help) {
        name_ = name;
        out_.append("# HELP ").append(name).append(" ").append(help).append("\n");
        out_.append("# TYPE ").append(name).append(" ").append(type).append("\n");
    }
    /// One sample of the current family; `labels` are name/value pairs, values escaped here.
    void sample(std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
                std::uint64_t value, std::string_view suffix = {}) {
        begin(labels, suffix);
        out_.append(std::to_string(value)).append("\n");
    }
    void sample_real(std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
                     double value, std::string_view suffix = {}) {
        begin(labels, suffix);
        char buf[64];
        auto const r = std::to_chars(buf, buf + sizeof buf, value);
        out_.append(buf, r.ptr).append("\n");
    }
    std::string take() { return std::move(out_); }

private:
    void begin(std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
               std::string_view suffix) {
        out_.append(name_).append(suffix);
        if (labels.size() != 0) {
            char sep = '{';
            for (auto const& [k, v] : labels) {
                out_.append(1, sep).append(k).append("=\"").append(escape_label_value(v));
                out_.append("\"");
                sep = ',';
            }
            out_.append("}");
        }
        out_.append(" ");
    }

    std::string out_;
    std::string_view name_;
};

/// Every app that has a label of its own, then "_other" and "_none", with its request counts.
struct labelled_counts {
    std::string_view app;
    request_counts const* counts;
};

std::vector<labelled_counts> request_sources(emulator_state const& state) {
    std::vector<labelled_counts> out;
    for (auto const& [key, app] : state.apps)
        if (app.metrics_labelled)
            out.push_back({key, &app.requests});
    out.push_back({"_other", &state.metrics.other_apps});
    out.push_back({"_none", &state.metrics.no_app});
    return out;
}

void requests(exposition& x, emulator_state const& state) {
    x.family("push_emulator_requests_total", "counter",
             "Requests answered, by endpoint, HTTP status, business code and app.");
    for (auto const& [app, counts] : request_sources(state))
        for (std::size_t slot = 0; slot < endpoint_slot_count; ++slot)
            for (auto const& a : counts->by_endpoint[slot]) {
                auto const status = std::to_string(a.status), code = std::to_string(a.code);
                x.sample({{"endpoint", endpoint_label(slot)},
                          {"status", status},
                          {"code", code},
                          {"app", app}},
                         a.count);
            }
}

void refusals(exposition& x, server_metrics const& m) {
    x.family("push_emulator_refusals_total", "counter",
             "Requests to the public API refused, by the catalogue rule that refused them.");
    for (std::size_t i = 0; i < rule_count(); ++i)
        x.sample({{"rule", rule_at(static_cast<rule_index>(i)).id}}, m.refusals[i]);
    x.sample({{"rule", "_none"}}, m.refusals.back());
}

void latency(exposition& x, server_metrics const& m) {
    x.family("push_emulator_request_duration_seconds", "histogram",
             "Time from a request's header to the end of its answer, by endpoint.");
    for (std::size_t slot = 0; slot < endpoint_slot_count; ++slot) {
        auto const& h = m.latency[slot];
        auto const endpoint = endpoint_label(slot);
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < h.bounds_us.size(); ++b) {
            cumulative += h.buckets[b];
            char le[32];
            std::snprintf(le, sizeof le, "%g", h.bounds_us[b] / 1e6);
            x.sample({{"endpoint", endpoint}, {"le", le}}, cumulative, "_bucket");
        }
        x.sample({{"endpoint", endpoint}, {"le", "+Inf"}}, h.count, "_bucket");
        x.sample_real({{"endpoint", endpoint}}, static_cast<double>(h.sum_us) / 1e6, "_sum");
        x.sample({{"endpoint", endpoint}}, h.count, "_count");
    }
}

void quota(exposition& x, emulator_state const& state, time_ms now) {
    struct window {
        std::string_view name;
        std::uint32_t quota_limits::*limit;
        std::uint32_t quota_snapshot::*used;
        time_ms quota_snapshot::*resets;
    };
    constexpr window windows[] = {
        {"hour", &quota_limits::per_hour, &quota_snapshot::hour_used,
         &quota_snapshot::hour_resets_at},
        {"day", &quota_limits::per_day, &quota_snapshot::day_used, &quota_snapshot::day_resets_at}};
    std::vector<std::pair<std::string_view, quota_snapshot>> snapshots;
    for (auto const& [key, app] : state.apps)
        if (app.metrics_labelled)
            snapshots.emplace_back(key, app.quota.snapshot(now, state.settings.utc_offset_minutes));
    x.family("push_emulator_quota_used", "gauge",
             "Pushes counted in the app's current quota window.");
    for (auto const& [key, s] : snapshots)
        for (auto const& w : windows)
            x.sample({{"app", key}, {"window", w.name}}, s.*w.used);
    x.family("push_emulator_quota_limit", "gauge",
             "Pushes the app may send in a quota window (0: unlimited).");
    for (auto const& [key, app] : state.apps)
        if (app.metrics_labelled)
            for (auto const& w : windows)
                x.sample({{"app", key}, {"window", w.name}}, app.config.limits.*w.limit);
    x.family("push_emulator_quota_resets_at_seconds", "gauge",
             "When the app's quota window resets, in emulator time (Unix seconds).");
    for (auto const& [key, s] : snapshots)
        for (auto const& w : windows)
            x.sample_real({{"app", key}, {"window", w.name}},
                          static_cast<double>(s.*w.resets) / 1e3);
}

/// Journal figures of the labelled apps, and their sum over the others as "_other".
void journals(exposition& x, emulator_state const& state) {
    struct figures {
        std::string_view app;
        std::uint64_t entries = 0, bytes = 0, by_count = 0, by_bytes = 0;
    };
    std::vector<figures> rows;
    figures other{"_other"};
    for (auto const& [key, app] : state.apps) {
        auto const& j = app.journal;
        figures& f = app.metrics_labelled ? rows.emplace_back(figures{key}) : other;
        f.entries += j.entries().size();
        f.bytes += j.bytes();
        f.by_count += j.evicted_by_count();
        f.by_bytes += j.evicted_by_bytes();
    }
    rows.push_back(other);
    x.family("push_emulator_journal_entries", "gauge", "Entries the app's journal holds.");
    for (auto const& f : rows)
        x.sample({{"app", f.app}}, f.entries);
    x.family("push_emulator_journal_bytes", "gauge", "Memory the app's journal entries hold.");
    for (auto const& f : rows)
        x.sample({{"app", f.app}}, f.bytes);
    x.family("push_emulator_journal_evictions_total", "counter",
             "Journal entries evicted by each limit since the journal was created or cleared.");
    for (auto const& f : rows) {
        x.sample({{"app", f.app}, {"limit", "entries"}}, f.by_count);
        x.sample({{"app", f.app}, {"limit", "bytes"}}, f.by_bytes);
    }
}

void process(exposition& x, emulator_state const& state) {
    auto const& t = state.transport;
    x.family("push_emulator_apps", "gauge", "Apps the emulator serves.");
    x.sample({}, state.apps.size());
    x.family("push_emulator_open_connections", "gauge", "Open client connections.");
    x.sample({}, t.connections);
    x.family("push_emulator_idle_connections", "gauge",
             "Open connections waiting for their next request.");
    x.sample({}, t.idle_connections);
    x.family("push_emulator_long_polls", "gauge", "Journal long polls in progress.");
    x.sample({}, t.waits);
    x.family("push_emulator_start_time_seconds", "gauge",
             "When the server started (Unix seconds, wall clock).");
    x.sample_real({}, static_cast<double>(state.metrics.started_ms) / 1e3);
}

} // namespace

std::string escape_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out.append("\\\\");
        else if (c == '"')
            out.append("\\\"");
        else if (c == '\n')
            out.append("\\n");
        else
            out += c;
    }
    return out;
}

std::string metrics_text(emulator_state const& state, time_ms now) {
    exposition x;
    requests(x, state);
    refusals(x, state.metrics);
    latency(x, state.metrics);
    quota(x, state, now);
    journals(x, state);
    process(x, state);
    return x.take();
}

} // namespace push::core
