// Runs fixtures against one target: a fresh app per case on the emulator (setup, clock steps,
// journal checks), or the real endpoint in live mode within the quota ledger and budget.
#pragma once

#include "conformance/checks.hpp"
#include "conformance/fixture.hpp"
#include "conformance/ledger.hpp"
#include "conformance/target.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace push::conformance {

enum class verdict { pass, fail, non_strict, skip, error };
std::string_view to_string(verdict v) noexcept;

/// One HTTP exchange as reports show it (secrets redacted, Signature redacted on real targets).
struct exchange_record {
    std::string kind; // app, setup, request, control, clock, journal, cleanup
    std::string method;
    std::string url;
    header_list request_headers;
    std::optional<std::string> request_body;
    int status = 0;
    header_list response_headers;
    std::string response_body;
    std::int64_t duration_ms = 0;
    std::string error;
    std::string curl; // a command that reproduces the request (never with a secret)
};

/// What one request step saw, for reports and drift.
struct step_outcome {
    int status = 0;
    std::optional<json::value> body;
    std::vector<check_failure> failures;
    bool alternative = false; // failed the expectation but matched an allowed alternative
};

struct case_result {
    std::string id;
    std::string area;
    std::vector<std::string> rules;
    std::string description;
    std::string file;
    verdict outcome = verdict::pass;
    std::string reason;        // why skipped or errored
    bool budget_skip = false;  // live mode: skipped for the quota budget or ledger
    std::vector<check_failure> failures;
    int status = 0;            // of the last request step
    std::optional<int> code;
    std::int64_t duration_ms = 0;
    std::vector<step_outcome> steps;
    std::vector<exchange_record> exchanges;
};

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

    /// Loads the ledger (live mode); false with `why` when it cannot be read.
    bool prepare(std::string& why);
    /// Why `f` would be skipped now (strict, emulator-only, quota budget), or "" if it runs.
    std::string plan(fixture const& f) const;
    /// Runs one case to a verdict; never throws for target behaviour.
    case_result run_case(fixture const& f);
    target const& where() const noexcept { return target_; }

private:
    struct case_context; // runner_context.hpp
    // runner.cpp
    bool run_step(case_context& cx, step const& s);
    // runner_request.cpp
    bool run_request(case_context& cx, step const& s);
    bool record_spend(case_context& cx);
    exchange_result send(case_context& cx, std::string const& kind, outgoing_request const& req,
                         signature_values const* sig);
    // runner_control.cpp
    bool control(case_context& cx, std::string const& kind, request_spec const& r,
                 std::optional<json::value>* body_out = nullptr, int* status_out = nullptr);
    bool side_control(case_context& cx, std::string const& kind, request_spec const& r,
                      std::optional<json::value>* body_out = nullptr);
    bool open_app(case_context& cx);
    void close_app(case_context& cx);
    void refresh_clock(case_context& cx);
    json::value fetch_journal(case_context& cx, observed& o);

    target target_;
    run_options opts_;
    std::function<std::int64_t()> now_;
    ledger ledger_;
    int budget_left_ = 0;
    std::uint64_t counter_ = 0;
};

/// True when `s` is well-formed UTF-8 (reports store other bodies as base64).
bool valid_utf8(std::string_view s) noexcept;

/// A copy of a JSON body with every "secret"/"app_secret" value replaced; other text unchanged.
std::string redact_secrets(std::string const& body);

/// A fresh nonce: 16 random decimal digits.
std::string random_nonce();

} // namespace push::conformance
