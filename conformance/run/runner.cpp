#include "conformance/run/runner.hpp"

#include "conformance/run/case_context.hpp"
#include "conformance/run/control.hpp"
#include "conformance/run/request_step.hpp"
#include "conformance/target/signature.hpp"

namespace push::conformance {

namespace {

constexpr std::string_view budget_prefix = "quota budget: ";

case_result blank_result(fixture const& f) {
    case_result res;
    res.id = f.id;
    res.area = f.area;
    res.rules = f.rules;
    res.requirements = f.requirements;
    res.description = f.description;
    res.file = f.file;
    return res;
}

// The verdict of a case whose steps all ran: fail, non_strict (only allowed alternatives
// matched) or pass; failures are prefixed with their request number in sequences.
void settle_verdict(case_result& res) {
    bool alternative = false;
    for (std::size_t i = 0; i < res.steps.size(); ++i) {
        auto const& s = res.steps[i];
        if (s.failures.empty())
            continue;
        if (!s.alternative)
            res.outcome = verdict::fail;
        alternative = true;
        for (auto fl : s.failures) {
            if (res.steps.size() > 1)
                fl.where = "request " + std::to_string(i + 1) + ": " + fl.where;
            res.failures.push_back(std::move(fl));
        }
    }
    if (res.outcome != verdict::fail && alternative)
        res.outcome = verdict::non_strict;
}

} // namespace

runner::runner(target t, run_options opts, std::function<std::int64_t()> now)
    : target_(std::move(t)), opts_(std::move(opts)), now_(std::move(now)),
      budget_left_(opts_.live_quota_budget) {
    if (opts_.run_nonce.empty())
        opts_.run_nonce = random_nonce().substr(0, 8);
}

result<> runner::prepare() {
    if (target_.kind != target_kind::real)
        return {};
    return ledger_.load(opts_.ledger_file);
}

result<> runner::plan(fixture const& f) const {
    if (f.strict && !opts_.strict)
        return fail("strict case (run with --strict)");
    if (f.requires_admin_token && !target_.admin_token)
        return fail("needs an emulator run with --admin-token (and --admin-token here)");
    if (target_.kind != target_kind::real)
        return {};
    if (f.emulator_only)
        return fail("emulator-only case");
    auto allowed = ledger_.allows(f.quota_cost(), now_(), budget_left_, opts_.real_quota);
    if (!allowed)
        return fail(std::string(budget_prefix) + allowed.error().message);
    return {};
}

result<> runner::plan_dry_run(fixture const& f) {
    auto planned = plan(f);
    if (!planned || target_.kind != target_kind::real)
        return planned;
    for (auto const& s : f.steps)
        if (f.spends_quota(s))
            (void)record_spend(false);
    return {};
}

case_result runner::run_case(fixture const& f) {
    auto res = blank_result(f);
    if (auto planned = plan(f); !planned) {
        res.outcome = verdict::skip;
        res.reason = planned.error().message;
        res.budget_skip = res.reason.rfind(budget_prefix, 0) == 0;
        return res;
    }
    auto started = std::chrono::steady_clock::now();
    case_context cx(target_, opts_.timeout, now_, f, res);
    auto ran = run_steps(cx);
    res.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    if (!ran) {
        res.outcome = verdict::error;
        res.reason = ran.error().message;
        return res;
    }
    settle_verdict(res);
    return res;
}

// The case's app (on the emulator), its steps in order until one cannot run, then cleanup.
result<> runner::run_steps(case_context& cx) {
    auto ran = cx.on_emulator() ? open_app(cx, opts_.run_nonce, ++counter_) : result<>();
    for (std::size_t i = 0; ran && i < cx.f.steps.size(); ++i)
        ran = run_step(cx, cx.f.steps[i]);
    if (cx.on_emulator())
        close_app(cx);
    return ran;
}

result<> runner::run_step(case_context& cx, step const& s) {
    if (s.what == step::kind::clock)
        return change_clock(cx, s);
    if (target_.kind == target_kind::real && cx.f.spends_quota(s))
        if (auto spent = record_spend(true); !spent)
            return spent;
    return run_request(cx, s);
}

result<> runner::record_spend(bool save) {
    // Record the call before sending it: a crash must never hide spent quota.
    auto t = now_();
    ledger_.record(t);
    --budget_left_;
    return save ? ledger_.save(opts_.ledger_file, t) : result<>();
}

} // namespace push::conformance
