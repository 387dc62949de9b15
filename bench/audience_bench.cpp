// Audience resolution at scale: 1,000,000 devices (500,000 users with 2 devices each), then
// each kind of audience resolved and summarized as the journal does. Prints milliseconds.
// Run with scripts/bench-audience (Release build).
#include "core/model/audience.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace push::core;

namespace {

constexpr time_ms now_ms = 1'795'658'400'000;
constexpr time_ms day_ms = 86'400'000;

/// prefix + number, built by appending: g++ 12 at -O3 warns falsely (-Wrestrict, PR 105651)
/// about `"literal" + std::to_string(n)`.
std::string name(std::string_view prefix, std::size_t n) {
    std::string out(prefix);
    out += std::to_string(n);
    return out;
}
std::string name(std::string_view prefix, std::string_view suffix) {
    std::string out(prefix);
    out += suffix;
    return out;
}

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

device_registry build(std::size_t users) {
    device_registry r;
    channel const android[] = {channel::fcm, channel::hw,   channel::honor,
                               channel::mi,  channel::oppo, channel::vivo};
    for (std::size_t u = 0; u < users; ++u) {
        std::string const user = name("user", u);
        std::string const pkg = name("com.example.app", u % 4);
        // One phone on iOS or HarmonyOS, one on Android; 1 in 20 is stale, 1 in 50 disallows.
        bool const harmony = u % 10 == 0;
        r.upsert({name(user, "-a"), user, harmony ? platform::harmonyos : platform::ios,
                  harmony ? channel::ohos : channel::apns, pkg,
                  now_ms - static_cast<time_ms>(u % 20 == 0 ? 40 : u % 30) * day_ms, u % 50 != 0});
        r.upsert({name(user, "-b"), user, platform::android, android[u % 6], pkg, now_ms - day_ms,
                  true});
        r.set_tags(user, {name("t", u % 10), name("city", u % 7), u % 2 ? "male" : "female"});
    }
    return r;
}

struct result {
    double best = 1e18, median = 0;
    std::size_t recipients = 0;
};

result measure(audience const& a, std::vector<platform> const& platforms,
               device_registry const& r) {
    std::vector<double> runs;
    std::size_t total = 0;
    for (int i = 0; i < 7; ++i) {
        auto const t = std::chrono::steady_clock::now();
        exclusion_sink excluded;
        excluded.cap = 1000;
        auto const summary =
            summarize(resolve_audience(a, platforms, r, now_ms, &excluded), r, 1000, &excluded);
        runs.push_back(ms_since(t));
        total = summary.total;
    }
    std::sort(runs.begin(), runs.end());
    return {runs.front(), runs[runs.size() / 2], total};
}

} // namespace

int main(int argc, char** argv) {
    std::size_t const users = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 500'000;
    auto const t = std::chrono::steady_clock::now();
    auto const r = build(users);
    std::printf("registry: %zu devices, %zu users, built in %.0f ms\n", r.device_count(), users,
                ms_since(t));
    std::vector<platform> const all = {platform::ios, platform::android, platform::harmonyos};
    struct query {
        char const* name;
        audience a;
    };
    std::vector<query> queries;
    audience to_all;
    to_all.is_to_all = true;
    queries.push_back({"is_to_all", to_all});
    audience one;
    one.tag = {"t3"};
    queries.push_back({"tag t3", one});
    audience both;
    both.tag = {"t3", "city2"};
    queries.push_back({"tag t3 AND city2", both});
    audience any;
    any.tag_or = {"city1", "city2", "city3"};
    queries.push_back({"tag_or city1|city2|city3", any});
    audience pkg;
    pkg.tag = {"t3"};
    pkg.package_name = "com.example.app1";
    queries.push_back({"packageName + tag t3", pkg});
    audience ids;
    for (std::size_t i = 0; i < 1000; ++i)
        ids.userid.push_back(name("user", i * (users / 1000 ? users / 1000 : 1)));
    queries.push_back({"userid x1000", ids});
    std::printf("%-28s %10s %10s %12s\n", "audience", "best ms", "median ms", "recipients");
    for (auto const& q : queries) {
        auto const m = measure(q.a, all, r);
        std::printf("%-28s %10.2f %10.2f %12zu\n", q.name, m.best, m.median, m.recipients);
    }
    return 0;
}
