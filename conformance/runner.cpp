// Planning and running one case: skip decisions, the per-case app on the emulator, the steps in
// order, cleanup and the verdict. Requests are in runner_request.cpp, control-API calls (app,
// clock, journal) in runner_control.cpp.
#include "conformance/runner_context.hpp"

#include <random>

namespace push::conformance {

std::string_view to_string(verdict v) noexcept {
    switch (v) {
    case verdict::pass: return "pass";
    case verdict::fail: return "fail";
    case verdict::non_strict: return "non_strict";
    case verdict::skip: return "skip";
    case verdict::error: return "error";
    }
    return "error";
}

std::string random_nonce() {
    static std::mt19937_64 gen{std::random_device{}()};
    std::uniform_int_distribution<std::uint64_t> d(1'000'000'000'000'000, 9'999'999'999'999'999);
    return std::to_string(d(gen));
}

std::string detail::replace_all(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
    return s;
}

runner::runner(target t, run_options opts, std::function<std::int64_t()> now)
    : target_(std::move(t)), opts_(std::move(opts)), now_(std::move(now)),
      budget_left_(opts_.live_quota_budget) {
    if (opts_.run_nonce.empty()) opts_.run_nonce = random_nonce().substr(0, 8);
}

bool runner::prepare(std::string& why) {
    if (target_.kind != target_kind::real) return true;
    return ledger_.load(opts_.ledger_file, why);
}

std::string runner::plan(fixture const& f) const {
    if (f.strict && !opts_.strict) return "strict case (run with --strict)";
    if (f.requires_admin_token && !target_.admin_token)
        return "needs an emulator run with --admin-token (and --admin-token here)";
    if (target_.kind != target_kind::real) return {};
    if (f.emulator_only) return "emulator-only case";
    auto why = ledger_.refusal(f.quota_cost(), now_(), budget_left_, opts_.real_quota);
    return why.empty() ? why : "quota budget: " + why;
}

namespace {

// The verdict of a case whose steps all ran: fail, non_strict (only allowed alternatives
// matched) or pass; failures are prefixed with their request number in sequences.
void settle_verdict(case_result& res) {
    bool alternative = false;
    for (std::size_t i = 0; i < res.steps.size(); ++i) {
        auto const& s = res.steps[i];
        if (s.failures.empty()) continue;
        if (!s.alternative) res.outcome = verdict::fail;
        alternative = true;
        for (auto fl : s.failures) {
            if (res.steps.size() > 1)
                fl.where = "request " + std::to_string(i + 1) + ": " + fl.where;
            res.failures.push_back(std::move(fl));
        }
    }
    if (res.outcome != verdict::fail && alternative) res.outcome = verdict::non_strict;
}

} // namespace

case_result runner::run_case(fixture const& f) {
    case_result res;
    res.id = f.id;
    res.area = f.area;
    res.rules = f.rules;
    res.description = f.description;
    res.file = f.file;
    if (auto why = plan(f); !why.empty()) {
        res.outcome = verdict::skip;
        res.reason = why;
        res.budget_skip = why.rfind("quota budget", 0) == 0;
        return res;
    }
    auto started = std::chrono::steady_clock::now();
    case_context cx{f, res, target_.creds.value_or(credentials{}), "", 0, false};
    bool emulator = target_.kind == target_kind::emulator;
    bool ok = !emulator || open_app(cx);
    for (std::size_t i = 0; ok && i < f.steps.size(); ++i) ok = run_step(cx, f.steps[i]);
    if (emulator) close_app(cx);
    res.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    if (!ok) {
        res.outcome = verdict::error;
        return res;
    }
    settle_verdict(res);
    return res;
}

bool runner::run_step(case_context& cx, step const& s) {
    if (s.what != step::kind::clock) return run_request(cx, s);
    request_spec r;
    r.method = s.clock_op == "set" ? "PUT" : "POST";
    r.path = s.clock_op == "set" ? "/_emulator/clock" : "/_emulator/clock/" + s.clock_op;
    if (s.clock_op == "advance") r.body = json::serialize(json::object{{"by", s.clock_arg}});
    else if (s.clock_op == "set") r.body = json::serialize(json::object{{"now_ms", s.clock_arg}});
    else r.body = "{}";
    if (!control(cx, "clock", r)) return false;
    refresh_clock(cx);
    return true;
}

} // namespace push::conformance
