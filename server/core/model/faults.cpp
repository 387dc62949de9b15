#include "core/model/faults.hpp"

#include <array>

namespace push::core {
namespace {

constexpr std::array<std::string_view, 7> kind_names = {"error", "delay",    "hang",   "drop",
                                                        "reset", "truncate", "gateway"};

bool serves(host_filter f, service_host h) noexcept {
    return f == host_filter::both || (f == host_filter::primary) == (h == service_host::primary);
}

/// SplitMix64: a small, well-mixed step from a counter, so a seed repeats every draw.
std::uint64_t mix(std::uint64_t x) noexcept {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

} // namespace

std::string_view name_of(fault_kind k) noexcept {
    return kind_names[static_cast<std::size_t>(k)];
}

std::optional<fault_kind> parse_fault_kind(std::string_view s) noexcept {
    for (std::size_t i = 0; i < kind_names.size(); ++i)
        if (kind_names[i] == s)
            return static_cast<fault_kind>(i);
    return std::nullopt;
}

std::string_view name_of(service_host h) noexcept {
    return h == service_host::primary ? "primary" : "backup";
}

void fault_list::add(fault f) {
    if (acts_before_service(f.kind))
        ++*before_service_;
    faults_.push_back(std::move(f));
}

void fault_list::clear() noexcept {
    for (auto const& f : faults_)
        if (acts_before_service(f.kind))
            --*before_service_;
    faults_.clear();
}

double fault_list::draw() noexcept {
    return static_cast<double>(mix(seed_ + draws_++) >> 11) * 0x1.0p-53;
}

std::deque<fault>::iterator fault_list::find_acting(endpoint e, service_host host,
                                                    bool before_service) {
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (it->endpoint != e || acts_before_service(it->kind) != before_service ||
            !serves(it->host, host))
            continue;
        if (it->after > 0) {
            --it->after;
            continue;
        }
        if (it->probability < 1.0 && draw() >= it->probability)
            continue;
        return it;
    }
    return faults_.end();
}

void fault_list::spend(std::deque<fault>::iterator it) {
    if (it->remaining == 0 || --it->remaining > 0)
        return;
    if (acts_before_service(it->kind))
        --*before_service_;
    faults_.erase(it);
}

// emulator/fault: the first armed fault that acts on the request answers, and counts down.
std::optional<fault_hit> fault_list::take_after_auth(endpoint e, service_host host) {
    if (faults_.empty())
        return std::nullopt;
    auto it = find_acting(e, host, false);
    if (it == faults_.end())
        return std::nullopt;
    fault_hit hit;
    hit.action.kind = it->kind;
    if (it->kind == fault_kind::delay)
        hit.action.wait_ms =
            it->delay_ms +
            (it->jitter_ms ? static_cast<std::uint32_t>(draw() * (it->jitter_ms + 1.0)) : 0);
    bool const answers = it->kind == fault_kind::error ||
                         (it->kind == fault_kind::delay && (it->status || it->code));
    if (answers)
        hit.answer = errors::injected(it->status.value_or(500), it->code.value_or(1000),
                                      it->message.value_or("injected fault"));
    spend(it);
    return hit;
}

std::optional<fault_action> fault_list::take_before_service(endpoint e, service_host host) {
    if (faults_.empty())
        return std::nullopt;
    auto it = find_acting(e, host, true);
    if (it == faults_.end())
        return std::nullopt;
    fault_action action{it->kind, it->status.value_or(502), it->hang_ms};
    spend(it);
    return action;
}

} // namespace push::core
