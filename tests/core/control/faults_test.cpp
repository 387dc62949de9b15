// emulator/fault through the control API and the entry check: every kind's body, read strictly
// (each wrong member named by its JSON path), and count, after, probability and host as the
// README documents them. Transport's side (delays, closes, resets) is in
// tests/integration/faults_test.cpp.
#include "core/model/state.hpp"
#include "core/public_api/admission.hpp"
#include "core/router.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace {

using namespace push::core;

constexpr time_ms now_ms = 1'700'000'000'000;

/// App "k" (secret "s") without a quota.
app_config unlimited_app() {
    app_config c;
    c.key = "k";
    c.secret = "s";
    c.limits = {0, 0};
    return c;
}

struct fixture {
    emulator_state state;
    fixture() {
        state.settings.seed = 42;
        state.upsert_app(unlimited_app());
    }
    api_response call(std::string method, std::string target, std::string body = {}) {
        api_request req{std::move(method), std::move(target), {}, std::move(body)};
        return handle_request(req, state, now_ms);
    }
    void arm(std::string const& body) {
        auto r = call("POST", "/_emulator/apps/k/faults", body);
        REQUIRE_MESSAGE(r.result.has_value(), body);
    }
    json::array listed() {
        return call("GET", "/_emulator/apps/k/faults").result->at("faults").as_array();
    }
    /// A signed push to host `h`: what the entry check decided.
    admission push(service_host h = service_host::primary) {
        api_request req{"POST", "/push.json", {}, "{}"};
        req.headers = {{"App-Key", "k"}, {"Nonce", "1"}, {"Timestamp", "1"}, {"Signature", ""}};
        req.headers.back().value = expected_signature("s", "1", "1");
        req.origin.host = h;
        return admit(endpoint::push, req, state, now_ms);
    }
    std::optional<fault_action> before(service_host h = service_host::primary) {
        api_request req{"POST", "/push.json", {{"App-Key", "k"}}, "{}"};
        req.origin.host = h;
        return fault_before_service(endpoint::push, req, state);
    }
};

void accept(std::string const& body) {
    fixture f;
    f.arm(body);
    CHECK(f.listed().size() == 1);
}

void reject(std::string const& body, std::string const& path) {
    fixture f;
    auto r = f.call("POST", "/_emulator/apps/k/faults", body);
    REQUIRE_MESSAGE(r.result.has_error(), body);
    CHECK(r.result.error().status() == 400);
    CHECK(r.result.error().code() == 1002);
    CHECK_MESSAGE(r.result.error().path() == path, body);
    CHECK(r.result.error().rule() == "emulator/control");
    CHECK(f.state.faults_before_service == 0);
}

} // namespace

TEST_CASE("emulator/fault: each kind's body is read strictly, errors name the member") {
    accept(R"({"path":"/push.json"})");
    accept(R"({"kind":"error","path":"/push.json","status":503,"code":1000,"count":0})");
    accept(R"({"kind":"delay","path":"/push.json","delay_ms":300,"jitter_ms":50})");
    accept(R"({"kind":"delay","path":"/push.json","delay_ms":0,"status":504,"code":1050})");
    accept(R"({"kind":"hang","path":"/push.json","hang_ms":500,"host":"primary"})");
    accept(R"({"kind":"hang","path":"/push.json"})");
    accept(R"({"kind":"drop","path":"/user/tag/set.json","after":2,"probability":0.5})");
    accept(R"({"kind":"reset","path":"/push.json","host":"backup","probability":1})");
    accept(R"({"kind":"truncate","path":"/push.json","probability":0})");
    accept(R"({"kind":"gateway","path":"/push.json","status":504})");

    reject(R"({"kind":"slow","path":"/push.json"})", "kind");
    reject(R"({"kind":7,"path":"/push.json"})", "kind");
    reject(R"({"kind":"delay","path":"/push.json"})", "delay_ms");
    reject(R"({"kind":"delay","path":"/push.json","delay_ms":-1})", "delay_ms");
    reject(R"({"kind":"delay","path":"/push.json","delay_ms":"300"})", "delay_ms");
    reject(R"({"kind":"delay","path":"/push.json","delay_ms":600001})", "delay_ms");
    reject(R"({"kind":"delay","path":"/push.json","delay_ms":1,"hang_ms":1})", "hang_ms");
    reject(R"({"kind":"hang","path":"/push.json","delay_ms":1})", "delay_ms");
    reject(R"({"kind":"drop","path":"/push.json","status":500})", "status");
    reject(R"({"kind":"gateway","path":"/push.json","status":500})", "status");
    reject(R"({"kind":"gateway","path":"/push.json","code":1000})", "code");
    reject(R"({"kind":"drop","path":"/push.json","probability":1.5})", "probability");
    reject(R"({"kind":"drop","path":"/push.json","probability":-0.1})", "probability");
    reject(R"({"kind":"drop","path":"/push.json","probability":"1"})", "probability");
    reject(R"({"kind":"drop","path":"/push.json","host":"api-b"})", "host");
    reject(R"({"kind":"drop","path":"/push.json","after":-1})", "after");
    reject(R"({"kind":"drop","path":"/push.json","count":1000001})", "count");
    reject(R"({"kind":"drop"})", "path");
    reject(R"({"kind":"drop","path":"/push.json","jitter":1})", "jitter");
}

TEST_CASE("emulator/fault: GET lists each kind with what remains of it") {
    fixture f;
    f.arm(R"({"kind":"hang","path":"/push.json","count":3,"after":1,"host":"backup"})");
    f.arm(R"({"kind":"gateway","path":"/push.json","count":0})");
    auto list = f.listed();
    REQUIRE(list.size() == 2);
    CHECK(list[0].at("kind") == "hang");
    CHECK(list[0].at("count") == 3);
    CHECK(list[0].at("after") == 1);
    CHECK(list[0].at("host") == "backup");
    CHECK(list[0].at("hang_ms").is_null());
    CHECK(list[1].at("kind") == "gateway");
    CHECK(list[1].at("status") == 502);
    CHECK(list[1].at("count") == 0);
    CHECK(f.state.faults_before_service == 2);
    f.before(service_host::backup); // the hang lets its first request through
    CHECK(f.listed()[0].at("after") == 0);
    CHECK(f.before(service_host::backup)->kind == fault_kind::hang);
    CHECK(f.listed()[0].at("count") == 2);
    f.call("DELETE", "/_emulator/apps/k/faults");
    CHECK(f.state.faults_before_service == 0);
}

TEST_CASE("emulator/fault: count, after and the host decide which requests a fault meets") {
    fixture f;
    f.arm(R"({"kind":"error","path":"/push.json","status":503,"count":2,"after":1,)"
          R"("host":"primary"})");
    CHECK_FALSE(f.push().refusal);                     // after: the first one goes through
    CHECK_FALSE(f.push(service_host::backup).refusal); // another host is not counted
    CHECK(f.push().refusal->status() == 503);
    CHECK(f.push().refusal->status() == 503);
    CHECK_FALSE(f.push().refusal); // count spent: removed
    CHECK(f.listed().empty());
    f.arm(R"({"kind":"drop","path":"/push.json","count":0})");
    for (int i = 0; i < 5; ++i)
        CHECK(f.before()->kind == fault_kind::drop);
    CHECK(f.listed().size() == 1); // count 0: until removed
    f.state.remove_app("k");
    CHECK(f.state.faults_before_service == 0); // a deleted app's faults are gone
}

TEST_CASE("emulator/fault: delay and truncate let the request through; delay with a status "
          "answers it") {
    fixture f;
    f.arm(R"({"kind":"delay","path":"/push.json","delay_ms":300,"jitter_ms":100,"count":3})");
    auto a = f.push();
    CHECK_FALSE(a.refusal);
    CHECK(a.rate_checked); // processed: the quota counts it
    REQUIRE(a.fault);
    CHECK(a.fault->kind == fault_kind::delay);
    CHECK(a.fault->wait_ms >= 300);
    CHECK(a.fault->wait_ms <= 400);
    f.call("DELETE", "/_emulator/apps/k/faults");
    f.arm(R"({"kind":"delay","path":"/push.json","delay_ms":10,"status":504,"code":1050})");
    auto b = f.push();
    CHECK(b.refusal->code() == 1050);
    CHECK(b.fault->wait_ms == 10);
    CHECK_FALSE(b.rate_checked); // answered instead: no quota
    f.arm(R"({"kind":"truncate","path":"/push.json"})");
    auto c = f.push();
    CHECK_FALSE(c.refusal);
    CHECK(c.fault->kind == fault_kind::truncate);
}

TEST_CASE("emulator/fault: probability draws from the seed: the same seed, the same requests") {
    auto run = [](std::uint64_t seed) {
        fixture f;
        f.state.settings.seed = seed;
        f.state.remove_app("k");
        f.state.upsert_app(unlimited_app());
        f.arm(R"({"kind":"reset","path":"/push.json","count":0,"probability":0.5})");
        std::string hits;
        for (int i = 0; i < 64; ++i)
            hits += f.before() ? '1' : '0';
        return hits;
    };
    auto const a = run(7);
    CHECK(a == run(7));
    CHECK(a != run(8));
    auto const ones = std::count(a.begin(), a.end(), '1');
    CHECK(ones > 16);
    CHECK(ones < 48);
}
