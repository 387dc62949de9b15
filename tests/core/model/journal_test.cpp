#include "core/control/journal_view.hpp"
#include "core/model/journal.hpp"
#include "core/model/signature.hpp"
#include "core/model/text.hpp"
#include "core/router.hpp"

#include <doctest/doctest.h>

using namespace push::core;

namespace {

constexpr time_ms now_ms = 1'795'658'400'000;

journal_entry entry(bool accepted, std::string id = {}) {
    journal_entry e;
    if (accepted) {
        e.accepted = std::make_unique<accepted_push>();
        e.accepted->id = std::move(id);
    }
    return e;
}

struct fixture {
    emulator_state state;
    int nonce = 0;

    fixture() {
        state.upsert_app({"k", "s", true, {0, 0}, {}});
        auto& reg = state.find_app("k")->registry;
        reg.upsert({"i1", "u1", platform::ios, channel::apns, "com.a", now_ms, true});
        reg.upsert({"a1", "u1", platform::android, channel::hw, "com.a", now_ms, true});
        reg.upsert({"a2", "u2", platform::android, channel::fcm, "com.a", now_ms, true});
        reg.upsert({"o3", "u3", platform::harmonyos, channel::ohos, "com.a", now_ms, true});
        reg.set_tags("u1", {"vip"});
        reg.set_tags("u2", {"vip"});
    }

    api_request request(std::string body, std::string key = "k", std::string secret = "s") {
        auto n = std::to_string(++nonce);
        std::string ts = "1795658400";
        return {"POST",
                "/push.json",
                {{"App-Key", std::move(key)},
                 {"Nonce", n},
                 {"Timestamp", ts},
                 {"Signature", expected_signature(secret, n, ts)}},
                std::move(body)};
    }
    api_response push(std::string body) {
        return handle_request(request(std::move(body)), state, now_ms);
    }
    push_journal const& journal() { return state.find_app("k")->journal; }
    json::object last() { return entry_json(journal().entries().back(), "k"); }
};

json::value field(json::object const& o, std::string_view pointer) {
    boost::system::error_code ec;
    json::value const whole(o);
    auto const* v = whole.find_pointer(pointer, ec);
    REQUIRE_MESSAGE(v, pointer);
    return *v;
}

} // namespace

TEST_CASE("journal: bounded by bytes too; each limit's evictions are counted") {
    push_journal j;
    auto big = [] {
        auto e = entry(false);
        e.body.assign(10'000, 'x');
        e.body_length = e.body.size();
        return e;
    };
    j.append(big(), {100, 25'000});
    j.append(big(), {100, 25'000});
    CHECK(j.entries().size() == 2);
    CHECK(j.bytes() > 20'000);
    CHECK(j.bytes() == j.entries()[0].bytes + j.entries()[1].bytes);
    j.append(big(), {100, 25'000}); // the oldest goes for the byte budget
    CHECK(j.entries().size() == 2);
    CHECK(j.evicted_by_bytes() == 1);
    CHECK(j.evicted_by_count() == 0);
    j.append(entry(true, "a"), {2, 25'000}); // and now one for the entry cap
    CHECK(j.evicted_by_count() == 1);
    CHECK(j.evicted() == 2);
    CHECK(j.bytes() <= 25'000);
    j.clear();
    CHECK(j.bytes() == 0);
}

TEST_CASE("journal: bounded; evictions are counted, accepted entries tracked") {
    push_journal j;
    j.append(entry(true, "a"), {3, SIZE_MAX});
    j.append(entry(false), {3, SIZE_MAX});
    j.append(entry(true, "b"), {3, SIZE_MAX});
    CHECK(j.accepted() == 2);
    j.append(entry(true, "c"), {3, SIZE_MAX});
    j.append(entry(false), {3, SIZE_MAX});
    CHECK(j.entries().size() == 3);
    CHECK(j.evicted() == 2);
    CHECK(j.accepted() == 2); // "a" went, "b" and "c" stay
    CHECK(j.find("a") == nullptr);
    REQUIRE(j.find("c") != nullptr);
    CHECK(j.find("") == nullptr);
    j.append(entry(true, "d"), {0, SIZE_MAX}); // capacity 0 keeps nothing, still counted
    CHECK(j.entries().empty());
    CHECK(j.evicted() == 6);
    CHECK(j.accepted() == 0);
    j.clear();
    CHECK(j.evicted() == 0);
}

TEST_CASE("journal: request as received, or raw text when it is not JSON") {
    CHECK(request_as_received(R"({"a":1})") == json::parse(R"({"a":1})"));
    CHECK(request_as_received("{oops") == json::parse(R"({"raw":"{oops"})"));
}

TEST_CASE("body/json: a body that is not UTF-8 is journaled as valid JSON text") {
    auto v = request_as_received("{\"a\":\"\xff\xfe\"}\xc3");
    REQUIRE(v.is_object());
    CHECK(v.at("raw").as_string() == "{\"a\":\"\xEF\xBF\xBD\xEF\xBF\xBD\"}\xEF\xBF\xBD");
    CHECK(v.at("invalid_utf8").as_bool());
    // The serialized entry parses back: the control API never answers invalid JSON.
    CHECK(json::parse(json::serialize(v)) == v);
    bool replaced = true;
    CHECK(to_valid_utf8("h\xC3\xA9 \xE5\x8C\x97 \xF0\x9F\x98\x80", replaced) ==
          "h\xC3\xA9 \xE5\x8C\x97 \xF0\x9F\x98\x80");
    CHECK_FALSE(replaced);
    CHECK(to_valid_utf8("\xED\xA0\x80", replaced) == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(replaced);
}

TEST_CASE("journal: an accepted push records who receives it, with what content") {
    fixture f;
    auto r = f.push(R"({"platform":["ios","android"],"audience":{"tag":["vip"]},
        "notification":{"title":"T","alert":"hello","forceShowPushContent":1,
          "ios":{"title":"iT","badge":3,"thread-id":"g1","extras":{"k":"v"}},
          "android":{"alert":"droid","hw":{"channelId":"c1"},"vivo":{"classification":"1"}}}})");
    REQUIRE(r.result.has_value());
    auto const& e = f.last();
    CHECK(e.at("outcome") == "accepted");
    CHECK(e.at("id") == r.result->at("id"));
    CHECK(e.at("app") == "k");
    CHECK(e.at("time_ms") == now_ms);
    CHECK(e.at("status") == 200);
    CHECK(e.at("code") == 200);
    CHECK(e.at("rule").is_null());
    CHECK(field(e, "/request/notification/title") == "T");
    CHECK(field(e, "/recipients/total") == 3);
    CHECK(field(e, "/recipients/device_ids") == json::parse(R"(["a1","a2","i1"])"));
    CHECK(field(e, "/recipients/by_platform") ==
          json::parse(R"({"ios":1,"android":2,"harmonyos":0})"));
    CHECK(field(e, "/recipients/by_channel") == json::parse(R"({"apns":1,"fcm":1,"hw":1})"));
    CHECK(field(e, "/recipients/truncated") == false);
    // notification/effective-content: ios.title over title; platform alert over alert.
    CHECK(field(e, "/effective/ios/title") == "iT");
    CHECK(field(e, "/effective/ios/alert") == "hello");
    CHECK(field(e, "/effective/ios/badge") == 3);
    CHECK(field(e, "/effective/ios/thread_id") == "g1");
    CHECK(field(e, "/effective/ios/interruption_level") == "active");
    CHECK(field(e, "/effective/ios/force_show_push_content") == 1);
    CHECK(field(e, "/effective/ios/extras") == json::parse(R"({"k":"v"})"));
    CHECK(field(e, "/effective/android/title") == "T");
    CHECK(field(e, "/effective/android/alert") == "droid");
    CHECK(field(e, "/effective/android/channels/hw/channel_id") == "c1");
    CHECK(field(e, "/effective/android/channels/hw/importance") == "NORMAL");
    CHECK(field(e, "/effective/android/channels/vivo/classification") == "1");
    CHECK(field(e, "/effective/android/extras").is_null());
    CHECK_FALSE(e.at("effective").as_object().contains("harmonyos"));
}

TEST_CASE("notification/effective-content: fallbacks to notification.alert and defaults") {
    fixture f;
    auto r = f.push(R"({"platform":["ios","harmonyos"],"audience":{"is_to_all":true},
        "notification":{"alert":"base","ios":{"interruption-level":"critical"},
          "harmonyOS":{"ohos":{"category":"IM"}}}})");
    REQUIRE(r.result.has_value());
    auto const& e = f.last();
    CHECK(field(e, "/effective/ios/alert") == "base");
    CHECK(field(e, "/effective/ios/title").is_null());
    CHECK(field(e, "/effective/ios/badge").is_null());
    CHECK(field(e, "/effective/ios/interruption_level") == "critical");
    CHECK(field(e, "/effective/harmonyos/alert") == "base");
    CHECK(field(e, "/effective/harmonyos/ohos/category") == "IM");
    CHECK(field(e, "/recipients/device_ids") == json::parse(R"(["i1","o3"])"));
}

TEST_CASE("audience/userid-wins: the journal shows content for every platform reached") {
    fixture f;
    auto r = f.push(R"({"platform":["ios"],"audience":{"userid":["u1","u3"],"tag":["nobody"]},
        "notification":{"alert":"hi"}})");
    REQUIRE(r.result.has_value());
    auto const& e = f.last();
    CHECK(field(e, "/recipients/device_ids") == json::parse(R"(["a1","i1","o3"])"));
    auto const& eff = e.at("effective").as_object();
    CHECK(eff.contains("ios"));
    CHECK(eff.contains("android"));
    CHECK(eff.contains("harmonyos"));
    for (auto const& h : r.headers)
        CHECK(h.name != "X-Emulator-Warnings");
}

TEST_CASE("notification/alert-required: a userid push reaching a platform without text warns") {
    fixture f;
    auto r = f.push(R"({"platform":["ios"],"audience":{"userid":["u1","u3"]},
        "notification":{"ios":{"alert":"hi"}}})");
    REQUIRE(r.result.has_value());
    auto const last = f.last();
    auto const& eff = last.at("effective").as_object();
    CHECK(eff.at("android").at("alert").is_null());
    std::string warning;
    for (auto const& h : r.headers)
        if (h.name == "X-Emulator-Warnings")
            warning = h.value;
    CHECK(warning.find("audience.userid reaches android, harmonyos devices") != std::string::npos);
}

TEST_CASE("journal: recipient ids are capped and marked truncated") {
    fixture f;
    f.state.settings.journal_recipient_cap = 2;
    REQUIRE(f.push(R"({"platform":["ios","android","harmonyos"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi"}})")
                .result.has_value());
    CHECK(field(f.last(), "/recipients/total") == 4);
    CHECK(field(f.last(), "/recipients/device_ids").as_array().size() == 2);
    CHECK(field(f.last(), "/recipients/truncated") == true);
}

TEST_CASE("journal: rejected requests of a known App-Key are recorded with code, rule and path") {
    fixture f;
    auto r = f.push(R"({"platform":["ios"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi","ios":{"badge":10000}}})");
    REQUIRE(r.result.has_error());
    auto const& e = f.last();
    CHECK(e.at("outcome") == "rejected");
    CHECK(e.at("id").is_null());
    CHECK(e.at("status") == 400);
    CHECK(e.at("code") == 1002);
    CHECK(e.at("rule") == "notification.ios.badge/range");
    CHECK(e.at("path") == "notification.ios.badge");
    CHECK(e.at("message").is_string());
    CHECK_FALSE(e.contains("effective"));
    CHECK_FALSE(e.contains("recipients"));
    // Not JSON: recorded raw.
    REQUIRE(f.push("{oops").result.has_error());
    CHECK(field(f.last(), "/request/raw") == "{oops");
    CHECK(f.last().at("rule") == "body/json");
    // A bad signature of a known key is journaled; an unknown key is not.
    handle_request(f.request("{}", "k", "wrong"), f.state, now_ms);
    CHECK(f.last().at("rule") == "auth/signature");
    auto const before = f.journal().entries().size();
    handle_request(f.request("{}", "unknown", "s"), f.state, now_ms);
    CHECK(f.journal().entries().size() == before);
}

TEST_CASE("journal: capacity from the settings, evictions counted; seq orders across apps") {
    fixture f;
    f.state.settings.journal_capacity = 2;
    for (int i = 0; i < 3; ++i)
        REQUIRE(
            f.push(
                 R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"x"}})")
                .result.has_value());
    CHECK(f.journal().entries().size() == 2);
    CHECK(f.journal().evicted() == 1);
    CHECK(f.journal().entries().front().seq == 2);
    CHECK(f.journal().entries().back().seq == 3);
    CHECK(f.state.journal_seq == 3);
}

TEST_CASE("emulator/fault: an armed fault answers after authentication, consumes no quota") {
    fixture f;
    auto& app = *f.state.find_app("k");
    app.config.limits = {1, 1};
    fault slow;
    slow.status = 504;
    slow.code = 1050;
    slow.message = "slow";
    app.faults.add(slow);
    auto const body =
        R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"x"}})";
    // A wrong signature is still a 401: the fault waits for an authenticated request.
    auto bad = handle_request(f.request(body, "k", "wrong"), f.state, now_ms);
    CHECK(bad.result.error().code() == 1004);
    auto r = f.push(body);
    REQUIRE(r.result.has_error());
    CHECK(r.result.error().status() == 504);
    CHECK(r.result.error().code() == 1050);
    CHECK(r.result.error().message() == "slow");
    CHECK(f.last().at("code") == 1050);
    CHECK(f.last().at("rule") == "emulator/fault");
    // Used up; quota (1 per hour) was not consumed by the fault.
    CHECK(f.push(body).result.has_value());
}

TEST_CASE("journal: each entry records the listener, Host, User-Agent, X-Request-ID and port") {
    fixture f;
    auto req = f.request(R"({"platform":["ios"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi"}})");
    req.headers.push_back({"host", "api.rong-api.com"});
    req.headers.push_back({"user-agent", "rongcloud-go/3.2"});
    req.headers.push_back({"X-REQUEST-ID", "order-42"});
    req.headers.push_back({"X-Request-Id", "second-one"});
    req.origin = {"primary", 50123};
    REQUIRE(handle_request(req, f.state, now_ms).result.has_value());
    auto const e = f.last();
    CHECK(field(e, "/origin/listener") == "primary");
    CHECK(field(e, "/origin/host") == "api.rong-api.com");
    CHECK(field(e, "/origin/user_agent") == "rongcloud-go/3.2");
    CHECK(field(e, "/origin/request_id") == "order-42");
    CHECK(field(e, "/origin/remote_port") == 50123);
    // A refused request is described the same way; what it did not carry is null.
    REQUIRE(f.push("{oops").result.has_error());
    auto const bare = f.last();
    CHECK(field(bare, "/origin/user_agent").is_null());
    CHECK(field(bare, "/origin/request_id").is_null());
    CHECK(field(bare, "/origin/host").is_null());
    CHECK(field(bare, "/origin/remote_port").is_null());
}

TEST_CASE("journal: entries are filtered by User-Agent substring and X-Request-ID") {
    fixture f;
    auto const body =
        R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"hi"}})";
    for (auto [agent, id] :
         {std::pair{"rongcloud-sdk/3.1.1 node", "n-1"}, std::pair{"Go-http-client/1.1", "g-1"},
          std::pair{"Go-http-client/1.1", "g-2"}}) {
        auto req = f.request(body);
        req.headers.push_back({"User-Agent", agent});
        req.headers.push_back({"X-Request-ID", id});
        REQUIRE(handle_request(req, f.state, now_ms).result.has_value());
    }
    auto list = [&](std::string const& query) {
        auto r =
            handle_request({"GET", "/_emulator/journal?app=k&" + query, {}, {}}, f.state, now_ms);
        REQUIRE(r.result.has_value());
        return *r.result;
    };
    CHECK(list("user_agent=Go-http").at("total") == 2);
    CHECK(list("user_agent=rongcloud-sdk").at("total") == 1);
    auto one = list("request_id=g-2");
    REQUIRE(one.at("total") == 1);
    CHECK(one.at("entries").at(0).at("origin").at("request_id") == "g-2");
    CHECK(list("request_id=g").at("total") == 0);
    CHECK(list("user_agent=Go-http&request_id=n-1").at("total") == 0);
}

TEST_CASE("body/unknown-fields: the journal lists each ignored field with the documented one it "
          "looks like, and what the audience precedence ignored") {
    fixture f;
    REQUIRE(f.push(R"({"platform":["ios"],"audience":{"userid":["u1"],"tag":["vip"]},
        "notification":{"alert":"hi","ios":{"threadId":"t"}},"sound":1})")
                .result.has_value());
    auto const w = field(f.last(), "/warnings").as_array();
    REQUIRE(w.size() == 4);
    CHECK(w[0].at("kind") == "ignored_field");
    CHECK(w[0].at("path") == "notification.ios.threadId");
    CHECK(w[0].at("did_you_mean") == json::parse(R"(["notification.ios.thread-id"])"));
    CHECK(w[1].at("path") == "sound");
    CHECK(w[1].at("did_you_mean").as_array().empty());
    CHECK(w[2].at("kind") == "ignored_by_precedence");
    CHECK(w[2].at("path") == "platform");
    CHECK(w[3].at("path") == "audience.tag");
    // A refused request keeps the ignored fields of the objects read before the refusal.
    REQUIRE(f.push(R"({"platform":["ios"],"audience":{"is_to_all":true,"colour":1},
        "notification":{"alert":"hi","ios":{"badge":10000}}})")
                .result.has_error());
    auto const refused = field(f.last(), "/warnings").as_array();
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].at("path") == "audience.colour");
}

TEST_CASE("notification/alert-required: the journal notes a platform a userid push reached "
          "without text") {
    fixture f;
    REQUIRE(f.push(R"({"platform":["ios"],"audience":{"userid":["u3"]},
        "notification":{"ios":{"alert":"hi"}}})")
                .result.has_value());
    auto const w = field(f.last(), "/warnings").as_array();
    REQUIRE(w.size() == 2);
    CHECK(w[1].at("kind") == "no_alert_text");
    CHECK(w[1].at("path") == "notification.harmonyOS.alert");
}

TEST_CASE("audience/active-30-days: the journal says which devices a push left out, and why") {
    fixture f;
    auto& reg = f.state.find_app("k")->registry;
    reg.upsert(
        {"i-old", "u1", platform::ios, channel::apns, "com.a", now_ms - 40LL * 86'400'000, true});
    reg.upsert({"m-off", "u2", platform::android, channel::mi, "com.a", now_ms, false});
    REQUIRE(f.push(R"({"platform":["ios","android"],"audience":{"tag":["vip"]},
        "notification":{"alert":"hi","android":{"hw":{"channelId":"sale"}}}})")
                .result.has_value());
    auto const e = f.last();
    CHECK(field(e, "/recipients/device_ids") == json::parse(R"(["a1","a2","i1"])"));
    CHECK(field(e, "/recipients/devices/0") ==
          json::parse(R"({"device_id":"a1","user_id":"u1","platform":"android","channel":"hw"})"));
    CHECK(field(e, "/recipients/excluded/total") == 2);
    CHECK(field(e, "/recipients/excluded/by_reason/stale") == 1);
    CHECK(field(e, "/recipients/excluded/by_reason/push_disallowed") == 1);
    CHECK(field(e, "/recipients/excluded/devices/0/device_id") == "i-old");
    CHECK(field(e, "/recipients/excluded/devices/0/reason") == "stale");
    CHECK(field(e, "/recipients/excluded/devices/0/age") == "40d");
    CHECK(field(e, "/recipients/excluded/devices/0/age_ms") == 40 * 86'400'000LL);
    CHECK(field(e, "/recipients/excluded/devices/1/device_id") == "m-off");
    CHECK(field(e, "/recipients/excluded/devices/1/reasons") ==
          json::parse(R"(["push_disallowed"])"));
    // The content of each channel reached: the platform's, with that vendor's options only.
    CHECK(field(e, "/effective_by_channel/hw/hw/channel_id") == "sale");
    CHECK(field(e, "/effective_by_channel/hw/alert") == "hi");
    CHECK_FALSE(field(e, "/effective_by_channel/hw").as_object().contains("mi"));
    CHECK(field(e, "/effective_by_channel/fcm/fcm/channel_id").is_null());
    CHECK(field(e, "/effective_by_channel/apns/interruption_level") == "active");
    CHECK_FALSE(field(e, "/effective_by_channel").as_object().contains("mi"));
}

TEST_CASE("journal: the devices left out are capped like the recipients, and counted") {
    fixture f;
    f.state.settings.journal_recipient_cap = 1;
    REQUIRE(f.push(R"({"platform":["ios"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi"}})")
                .result.has_value());
    CHECK(field(f.last(), "/recipients/excluded/total") == 3);
    CHECK(field(f.last(), "/recipients/excluded/by_reason/platform_not_targeted") == 3);
    CHECK(field(f.last(), "/recipients/excluded/devices").as_array().size() == 1);
    CHECK(field(f.last(), "/recipients/excluded/truncated") == true);
}

TEST_CASE(
    "journal/unauthenticated: 1,000 wrong-signature pushes of 100 KB keep only a prefix each") {
    fixture f;
    std::string body = "[" + std::string(100 * 1024 - 2, '0') + "]";
    for (int i = 0; i < 1000; ++i) {
        auto r = handle_request(f.request(body, "k", "wrong"), f.state, now_ms);
        REQUIRE(r.result.has_error());
        CHECK(r.result.error().code() == 1004);
    }
    CHECK(f.journal().entries().size() == 1000);
    CHECK(f.journal().bytes() < 1000 * 512); // not 100 MB
    auto const& e = f.journal().entries().back();
    CHECK(e.body.size() == unauthenticated_prefix);
    CHECK(e.body_length == body.size());
    auto const shown = f.last();
    CHECK(field(shown, "/request/length") == body.size());
    CHECK(field(shown, "/request/prefix").as_string() == body.substr(0, unauthenticated_prefix));
    // An authenticated request keeps its whole body.
    REQUIRE(
        f.push(R"({"platform":["ios"],"audience":{"is_to_all":true},"notification":{"alert":"x"}})")
            .result.has_value());
    CHECK(!f.journal().entries().back().body_cut());
}

TEST_CASE("journal: the request metadata, warnings and devices of an entry count in its bytes") {
    fixture f;
    std::string const body = R"({"platform":["ios"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi"}})";
    REQUIRE(f.push(body).result.has_value());
    auto const plain = f.journal().entries().back().bytes;
    // The same push with a long User-Agent and X-Request-ID.
    auto req = f.request(body);
    req.headers.push_back({"User-Agent", std::string(1000, 'a')});
    req.headers.push_back({"X-Request-ID", std::string(500, 'r')});
    REQUIRE(handle_request(req, f.state, now_ms).result.has_value());
    CHECK(f.journal().entries().back().bytes >= plain + 1500);
    // Ignored fields are kept with their paths.
    REQUIRE(f.push(R"({"platform":["ios"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi","ios":{")" +
                   std::string(300, 'x') + R"(":1}}})")
                .result.has_value());
    CHECK(f.journal().entries().back().bytes >= plain + 300);
    // Every device reached or left out is kept with its ids.
    REQUIRE(f.push(R"({"platform":["ios","android","harmonyos"],"audience":{"is_to_all":true},
        "notification":{"alert":"hi"}})")
                .result.has_value());
    CHECK(f.journal().entries().back().bytes >=
          sizeof(journal_entry) + sizeof(accepted_push) + 4 * sizeof(reached_device));
    CHECK(plain >= sizeof(journal_entry) + sizeof(accepted_push) + sizeof(reached_device) +
                       3 * sizeof(excluded_device));
    std::size_t total = 0;
    for (auto const& e : f.journal().entries())
        total += e.bytes;
    CHECK(f.journal().bytes() == total);
}
