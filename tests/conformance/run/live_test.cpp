// Live mode against a local listener standing in for the real endpoint: it records every
// request, so the tests see exactly what the harness would have sent.
#include "conformance/harness_test_support.hpp"
#include "conformance/run/runner.hpp"
#include "core/model/signature.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <thread>

using namespace push::conformance;

namespace {

struct recorded {
    std::string head; // request line and headers
};

// A one-thread HTTP listener on 127.0.0.1 that answers every request 401/1004 and records it.
class recording_listener {
public:
    recording_listener() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(fd_, 8) == 0);
        socklen_t len = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~recording_listener() {
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::vector<recorded> requests() {
        std::lock_guard<std::mutex> lock(mutex_);
        return seen_;
    }

private:
    void serve() {
        while (true) {
            int c = ::accept(fd_, nullptr, nullptr);
            if (c < 0)
                return;
            std::string data;
            char buf[4096];
            std::size_t need = std::string::npos;
            while (need == std::string::npos || data.size() < need) {
                auto n = ::read(c, buf, sizeof buf);
                if (n <= 0)
                    break;
                data.append(buf, static_cast<std::size_t>(n));
                auto end = data.find("\r\n\r\n");
                if (end != std::string::npos && need == std::string::npos) {
                    std::size_t length = 0;
                    auto cl = data.find("Content-Length: ");
                    if (cl != std::string::npos && cl < end)
                        length = std::stoul(data.substr(cl + 16));
                    need = end + 4 + length;
                }
            }
            {
                std::lock_guard<std::mutex> lock(mutex_);
                seen_.push_back({data.substr(0, data.find("\r\n\r\n"))});
            }
            std::string body = R"({"code":1004,"errorMessage":"recorded"})";
            std::string res = "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                              "Connection: close\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
            (void)!::write(c, res.data(), res.size());
            ::close(c);
        }
    }
    int fd_ = -1;
    unsigned short port_ = 0;
    std::thread thread_;
    std::mutex mutex_;
    std::vector<recorded> seen_;
};

fixture make(std::string const& text) {
    return test_support::fixture_from(text, "live.json");
}

std::string header_of(std::string const& head, std::string const& name) {
    auto at = head.find("\r\n" + name + ": ");
    if (at == std::string::npos)
        return {};
    at += name.size() + 4;
    return head.substr(at, head.find("\r\n", at) - at);
}

constexpr std::int64_t t0 = 1704074400000; // 2024-01-01 10:00 +08:00
credentials const creds{"live-key", "live-secret"};

// True when the recorded request carries a signature the real endpoint would accept.
bool validly_signed(std::string const& head) {
    auto sig = header_of(head, "Signature");
    return !sig.empty() &&
           sig == push::core::expected_signature(creds.app_secret, header_of(head, "Nonce"),
                                                 header_of(head, "Timestamp"));
}

} // namespace

TEST_CASE("live mode: with budget 0 no quota-spending request is sent") {
    recording_listener listener;
    auto ledger_file =
        (std::filesystem::temp_directory_path() / "push-conf-live-ledger.json").string();
    std::filesystem::remove(ledger_file);
    auto at = parse_endpoint(listener.url());
    REQUIRE(at.has_value());
    target t{*at, target_kind::real, creds, std::nullopt};
    run_options opts;
    opts.live = true;
    opts.ledger_file = ledger_file;
    opts.timeout = std::chrono::milliseconds(5000);

    auto spend = make(R"({"id":"live/001","rule":"quota/per-hour","description":"a valid push",
        "request":{"path":"/push.json","body":{"platform":["ios"]}},"expect":{"status":200}})");
    auto free = make(R"({"id":"live/002","rule":"auth/signature","description":"a wrong secret",
        "request":{"path":"/push.json","body":{},"signing":{"secret":"wrong"}},"expect":{"status":401,"code":1004}})");
    auto emu = make(R"({"id":"live/003","rule":"audience/is-to-all","description":"emulator only",
        "emulator_only":true,"request":{"path":"/push.json","body":{}},"expect":{"status":200}})");

    SUBCASE("budget 0") {
        runner r(t, opts, [] { return t0; });
        REQUIRE(r.prepare());
        auto a = r.run_case(spend), b = r.run_case(free), c = r.run_case(emu);
        CHECK(a.outcome == verdict::skip);
        CHECK(a.budget_skip);
        CHECK(a.reason.find("--live-quota-budget") != std::string::npos);
        CHECK(b.outcome == verdict::pass);
        CHECK(c.outcome == verdict::skip);
        CHECK_FALSE(c.budget_skip);
        auto seen = listener.requests();
        REQUIRE(seen.size() == 1);
        CHECK(seen[0].head.rfind("POST /push.json HTTP/1.1", 0) == 0);
        CHECK_FALSE(validly_signed(seen[0].head));
        CHECK_FALSE(std::filesystem::exists(ledger_file));
        // The report never holds the signature of a real request.
        for (auto const& [n, v] : b.exchanges.at(0).request_headers)
            if (n == "Signature")
                CHECK(v == "<redacted>");
        CHECK(b.exchanges.at(0).curl.find("$PUSH_APP_SECRET") ==
              std::string::npos); // a literal secret override is not from the environment
    }
    SUBCASE("budget 1 spends once, records it, and the ledger then refuses") {
        opts.live_quota_budget = 1;
        runner r(t, opts, [] { return t0; });
        REQUIRE(r.prepare());
        auto a = r.run_case(spend);
        CHECK(a.outcome == verdict::fail); // the listener answers 401
        auto seen = listener.requests();
        REQUIRE(seen.size() == 1);
        CHECK(validly_signed(seen[0].head));
        CHECK(r.run_case(spend).budget_skip); // budget used up
        CHECK(listener.requests().size() == 1);
        // A later run with a larger budget still respects the hour recorded in the ledger.
        ledger l;
        REQUIRE(l.load(ledger_file));
        CHECK(l.calls() == std::vector<std::int64_t>{t0});
        l.record(t0 + 1);
        REQUIRE(l.save(ledger_file, t0));
        opts.live_quota_budget = 5;
        runner again(t, opts, [] { return t0 + 10 * 60'000; });
        REQUIRE(again.prepare());
        auto s = again.run_case(spend);
        CHECK(s.budget_skip);
        CHECK(s.reason.find("clock hour") != std::string::npos);
        CHECK(listener.requests().size() == 1);
        // The curl command recomputes the signature from the environment, never storing it.
        CHECK(a.exchanges.at(0).curl.find("$PUSH_APP_SECRET") != std::string::npos);
        CHECK(a.exchanges.at(0).curl.find(creds.app_secret) == std::string::npos);
        for (auto const& [n, v] : a.exchanges.at(0).request_headers)
            if (n == "Signature")
                CHECK(v == "<redacted>");
    }
    std::filesystem::remove(ledger_file);
}

TEST_CASE("dry run with budget 1: plans exactly the cases a real run runs, spending the budget") {
    recording_listener listener;
    auto ledger_file =
        (std::filesystem::temp_directory_path() / "push-conf-dry-run-ledger.json").string();
    std::filesystem::remove(ledger_file);
    auto at = parse_endpoint(listener.url());
    REQUIRE(at.has_value());
    target t{*at, target_kind::real, creds, std::nullopt};
    run_options opts;
    opts.live = true;
    opts.ledger_file = ledger_file;
    opts.live_quota_budget = 1;
    opts.timeout = std::chrono::milliseconds(5000);
    auto spending = [](int n) {
        return make(R"({"id":"live/00)" + std::to_string(n) +
                    R"(","rule":"quota/per-hour","description":"a valid push",
            "request":{"path":"/push.json","body":{}},"expect":{"status":200}})");
    };
    std::vector<fixture> cases{
        spending(1), spending(2),
        make(R"({"id":"live/003","rule":"auth/signature","description":"a wrong secret",
            "request":{"path":"/push.json","body":{},"signing":{"secret":"wrong"}},
            "expect":{"status":401}})"),
        spending(4)};

    runner dry(t, opts, [] { return t0; });
    REQUIRE(dry.prepare());
    std::vector<std::string> planned, reasons;
    for (auto const& f : cases) {
        auto p = dry.plan_dry_run(f);
        if (p)
            planned.push_back(f.id);
        else
            reasons.push_back(p.error().message);
    }
    CHECK(planned == std::vector<std::string>{"live/001", "live/003"});
    REQUIRE(reasons.size() == 2);
    for (auto const& r : reasons)
        CHECK(r.find("budget left 0") != std::string::npos);
    CHECK(listener.requests().empty());                // a dry run sends nothing
    CHECK_FALSE(std::filesystem::exists(ledger_file)); // and writes no ledger

    runner real(t, opts, [] { return t0; });
    REQUIRE(real.prepare());
    std::vector<std::string> ran;
    for (auto const& f : cases)
        if (real.run_case(f).outcome != verdict::skip)
            ran.push_back(f.id);
    CHECK(ran == planned);
    std::filesystem::remove(ledger_file);
}

TEST_CASE("live mode: a case declaring spends_quota records every request in the ledger") {
    recording_listener listener;
    auto ledger_file =
        (std::filesystem::temp_directory_path() / "push-conf-declared-ledger.json").string();
    std::filesystem::remove(ledger_file);
    auto at = parse_endpoint(listener.url());
    REQUIRE(at.has_value());
    target t{*at, target_kind::real, creds, std::nullopt};
    run_options opts;
    opts.live = true;
    opts.ledger_file = ledger_file;
    opts.live_quota_budget = 2;
    opts.timeout = std::chrono::milliseconds(5000);
    auto declared = make(R"({"id":"live/001","rule":"quota/per-hour","description":"declared",
        "spends_quota":true,"request":{"path":"/user/tag/set.json","body":{}},
        "expect":{"status":401}})");
    REQUIRE(declared.quota_cost() == 1);
    runner r(t, opts, [] { return t0; });
    REQUIRE(r.prepare());
    CHECK(r.run_case(declared).outcome == verdict::pass);
    ledger l;
    REQUIRE(l.load(ledger_file));
    CHECK(l.calls() == std::vector<std::int64_t>{t0});
    std::filesystem::remove(ledger_file);
}
