// Runs fixtures against one target: a fresh app per case on the emulator (setup, clock steps,
// journal checks), or the real endpoint in live mode within the quota ledger and budget.
#pragma once

#include "conformance/fixture/fixture.hpp"
#include "conformance/run/case_result.hpp"
#include "conformance/run/ledger.hpp"
#include "conformance/target/target.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace push::conformance {

struct case_context;

struct run_options {
    bool live = false;
    bool strict = false;
    int live_quota_budget = 0;
    std::string ledger_file = ".push-conformance-ledger.json";
    quota_policy real_quota;
    std::chrono::milliseconds timeout{10'000};
    std::string run_nonce; // makes per-case app keys unique per run
};

class runner {
public:
    /// `now` reads the wall clock in ms (a parameter so tests can pin it).
    runner(target t, run_options opts, std::function<std::int64_t()> now);

    /// Loads the ledger (live mode).
    result<> prepare();
    /// Ok when `f` runs now; otherwise the problem says why it is skipped (strict, emulator-only,
    /// quota budget).
    result<> plan(fixture const& f) const;
    /// --dry-run: what run_case would do with `f`, sending nothing. Ok when the case would run;
    /// its quota cost is then taken from this run's budget and ledger (in memory only), exactly
    /// as run_case takes it, so the cases after it are planned as a real run would run them.
    result<> plan_dry_run(fixture const& f);
    /// Runs one case to a verdict; never throws for target behaviour.
    case_result run_case(fixture const& f);

private:
    result<> run_steps(case_context& cx);
    result<> run_step(case_context& cx, step const& s);
    /// Takes one quota call from the budget and the ledger; `save` writes the ledger.
    result<> record_spend(bool save);

    target target_;
    run_options opts_;
    std::function<std::int64_t()> now_;
    ledger ledger_;
    int budget_left_ = 0;
    std::uint64_t counter_ = 0;
};

} // namespace push::conformance
