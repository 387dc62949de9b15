// Control API: POST /_emulator/verify, an assertion over the journal. A matcher picks entries,
// a count says how many there should be; a failed assertion explains itself with the entries
// that came closest and, for each, the fields that differ (expected vs actual).
// POST /_emulator/verify/no-rejections: the common "fail the test if anything was refused".
#include "core/control/call.hpp"
#include "core/control/journal_view.hpp"
#include "core/model/effective_content.hpp"

#include <algorithm>
#include <regex>

namespace push::core {
namespace {

constexpr std::size_t max_near_misses = 5;
constexpr std::size_t max_listed = 20;     // entries listed when too many matched or were refused
constexpr std::size_t max_actual_ids = 10; // ids shown as the actual value of a difference

/// A text to find: exactly this, or a regular expression searched in it (ECMAScript).
struct text_matcher {
    std::string text;
    std::optional<std::regex> regex;

    bool matches(std::string_view s) const {
        if (!regex)
            return s == text;
        return std::regex_search(s.begin(), s.end(), *regex);
    }
    json::value expected() const {
        return regex ? json::value(json::object{{"regex", text}}) : json::value(json::string(text));
    }
};

struct matcher {
    std::optional<std::string> outcome; // "accepted" or "rejected"
    std::optional<std::int64_t> status, code;
    std::optional<std::string> rule, path;
    std::optional<platform> os;
    std::optional<std::string> user_id, device_id, tag;
    std::optional<text_matcher> title, alert;
    std::optional<json::object> extras;
    std::optional<std::int64_t> since, until;
    std::optional<std::string> request_id, user_agent;
};

struct count_expectation {
    std::optional<std::int64_t> exactly, at_least, at_most;

    bool holds(std::size_t n) const {
        auto const v = static_cast<std::int64_t>(n);
        if (exactly)
            return v == *exactly;
        return (!at_least || v >= *at_least) && (!at_most || v <= *at_most);
    }
    /// Fewer matches than this fail the count (near misses help); more fail it too.
    bool too_few(std::size_t n) const {
        auto const v = static_cast<std::int64_t>(n);
        return exactly ? v < *exactly : at_least && v < *at_least;
    }
    json::object to_json() const {
        json::object o;
        if (exactly)
            o["exactly"] = *exactly;
        if (at_least)
            o["at_least"] = *at_least;
        if (at_most)
            o["at_most"] = *at_most;
        return o;
    }
};

/// title and alert: a string, or {"regex":"…"}.
void read_text_matcher(object_reader& r, std::string_view key, std::optional<text_matcher>& out) {
    json::value const* v = r.find(key);
    if (!v)
        return;
    if (v->is_string()) {
        out = text_matcher{std::string(v->get_string()), std::nullopt};
        return;
    }
    if (!v->is_object())
        return r.fail_member(key, "must be a string or {\"regex\":\"…\"}", "emulator/control");
    std::optional<std::string> pattern;
    r.read_object(v->get_object(), key, pattern, [](object_reader& in, auto& p) {
        in.read_string("regex", p, "emulator/control");
        if (in.ok() && !p)
            in.fail_member("regex", "is required", "emulator/control");
    });
    if (!r.ok())
        return;
    try {
        out = text_matcher{*pattern, std::regex(*pattern, std::regex::ECMAScript)};
    } catch (std::regex_error const& e) {
        r.fail_member(key, std::string("has a bad regex: ") + e.what(), "emulator/control");
    }
}

void read_matcher(object_reader& r, matcher& m) {
    constexpr std::string_view rule = "emulator/control";
    r.read_string_in("outcome", m.outcome, {"accepted", "rejected"}, rule);
    r.read_int_range("status", m.status, 100, 999, rule);
    r.read_int_range("code", m.code, 0, INT32_MAX, rule);
    r.read_string("rule", m.rule, rule);
    r.read_string("path", m.path, rule);
    std::optional<std::string> os;
    r.read_string("platform", os, rule);
    if (os && !(m.os = parse_platform(*os)))
        r.fail_member("platform", "must be ios, android or harmonyos", rule);
    r.read_string("user_id", m.user_id, rule);
    r.read_string("device_id", m.device_id, rule);
    r.read_string("tag", m.tag, rule);
    read_text_matcher(r, "title", m.title);
    read_text_matcher(r, "alert", m.alert);
    if (auto const* extras = r.find_object("extras", rule))
        m.extras = *extras;
    r.read_int_range("since_ms", m.since, INT64_MIN, INT64_MAX, rule);
    r.read_int_range("until_ms", m.until, INT64_MIN, INT64_MAX, rule);
    r.read_string("request_id", m.request_id, rule);
    r.read_string("user_agent", m.user_agent, rule);
}

void read_count(object_reader& r, count_expectation& c) {
    constexpr std::string_view rule = "emulator/control";
    r.read_int_range("exactly", c.exactly, 0, INT64_MAX, rule);
    r.read_int_range("at_least", c.at_least, 0, INT64_MAX, rule);
    r.read_int_range("at_most", c.at_most, 0, INT64_MAX, rule);
    if (!r.ok())
        return;
    if (c.exactly && (c.at_least || c.at_most))
        return r.fail(errors::bad_control_request(
            r.path(), r.path() + ": exactly cannot go with at_least or at_most"));
    if (!c.exactly && !c.at_least && !c.at_most)
        r.fail(errors::bad_control_request(r.path(),
                                           r.path() + " needs exactly, at_least or at_most"));
}

/// One field of an entry that is not what the matcher asked for.
struct difference {
    std::string field;
    json::value expected;
    json::value actual;
};

/// What the matcher reads of one journal entry, computed once.
class entry_facts {
public:
    entry_facts(journal_entry const& e, std::string_view app) : entry(e), app(app) {
        if (e.accepted)
            shown = shown_platforms(e.accepted->push, e.accepted->reached);
        else
            request = request_as_received(e.body);
    }

    journal_entry const& entry;
    std::string_view app;
    std::vector<platform> shown; // accepted only
    json::value request;         // rejected only: the body as sent

    notification const* notif() const {
        return entry.accepted ? &entry.accepted->push.notification : nullptr;
    }
    /// The platforms a content matcher looks at: the one asked for, or every one shown.
    std::vector<platform> content_platforms(matcher const& m) const {
        if (!m.os)
            return shown;
        if (std::find(shown.begin(), shown.end(), *m.os) != shown.end())
            return {*m.os};
        return {};
    }
    /// A string of the request as sent (for refused entries), or nullptr.
    json::string const* sent_text(std::initializer_list<std::string_view> path) const {
        json::value const* v = &request;
        for (auto key : path) {
            if (!v->is_object() || !(v = v->get_object().if_contains(key)))
                return nullptr;
        }
        return v->is_string() ? &v->get_string() : nullptr;
    }
};

std::string_view block_of(platform p) {
    return p == platform::ios ? "ios" : p == platform::android ? "android" : "harmonyOS";
}

bool has_own_alert(notification const& n, platform p) {
    if (p == platform::ios)
        return n.ios && n.ios->alert;
    if (p == platform::android)
        return n.android && n.android->alert;
    return n.harmony_os && n.harmony_os->alert;
}

/// title / alert: the first platform's effective text decides the reported actual value; any
/// platform matching is enough.
void check_text(entry_facts const& f, matcher const& m, bool title, std::vector<difference>& out) {
    auto const& want = title ? m.title : m.alert;
    if (!want)
        return;
    std::string field = title ? "notification.title" : "notification.alert";
    json::value actual = nullptr;
    if (auto const* n = f.notif()) {
        bool first = true;
        for (auto p : f.content_platforms(m)) {
            std::optional<std::string> text;
            if (title)
                text = effective_title(*n, p);
            else if (auto a = effective_alert(*n, p); !a.empty())
                text = std::string(a);
            if (text && want->matches(*text))
                return;
            if (!first)
                continue;
            first = false;
            bool const own =
                title ? p == platform::ios && n->ios && n->ios->title : has_own_alert(*n, p);
            if (own)
                field = "notification." + std::string(block_of(p)) + (title ? ".title" : ".alert");
            actual = text ? json::value(json::string(*text)) : json::value(nullptr);
        }
    } else if (auto const* sent = f.sent_text({"notification", title ? "title" : "alert"})) {
        if (want->matches(*sent))
            return;
        actual = *sent;
    }
    out.push_back({std::move(field), want->expected(), std::move(actual)});
}

/// Every member of `want` is in `have` with an equal value (objects compared the same way).
bool is_subset(json::object const& want, json::object const& have) {
    for (auto const& [key, value] : want) {
        auto const* other = have.if_contains(key);
        if (!other)
            return false;
        if (value.is_object() && other->is_object()) {
            if (!is_subset(value.get_object(), other->get_object()))
                return false;
        } else if (value != *other) {
            return false;
        }
    }
    return true;
}

std::optional<json_text> const* extras_of(notification const& n, platform p) {
    if (p == platform::ios)
        return n.ios ? &n.ios->extras : nullptr;
    if (p == platform::android)
        return n.android ? &n.android->extras : nullptr;
    return n.harmony_os ? &n.harmony_os->extras : nullptr;
}

void check_extras(entry_facts const& f, matcher const& m, std::vector<difference>& out) {
    if (!m.extras)
        return;
    std::string field = "notification.extras";
    json::value actual = nullptr;
    if (auto const* n = f.notif()) {
        bool first = true;
        for (auto p : f.content_platforms(m)) {
            auto const* extras = extras_of(*n, p);
            json::value have = extras && *extras ? json::parse(**extras) : json::value(nullptr);
            if (have.is_object() && is_subset(*m.extras, have.get_object()))
                return;
            if (first) {
                first = false;
                field = "notification." + std::string(block_of(p)) + ".extras";
                actual = std::move(have);
            }
        }
    }
    out.push_back({std::move(field), *m.extras, std::move(actual)});
}

json::array first_ids(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    json::array out;
    for (std::size_t i = 0; i < ids.size() && i < max_actual_ids; ++i)
        out.push_back(json::string(ids[i]));
    return out;
}

void check_audience(entry_facts const& f, matcher const& m, std::vector<difference>& out) {
    auto const* a = f.entry.accepted.get();
    if (m.os && (!a || std::find(f.shown.begin(), f.shown.end(), *m.os) == f.shown.end())) {
        json::array shown;
        for (auto p : f.shown)
            shown.push_back(json::string(to_string(p)));
        out.push_back({"platform", json::string(to_string(*m.os)),
                       a ? json::value(std::move(shown)) : json::value(nullptr)});
    }
    auto reached = [&](auto member) {
        std::vector<std::string> ids;
        if (a)
            for (auto const& d : a->reached.devices)
                ids.push_back(d.*member);
        return ids;
    };
    if (m.user_id) {
        auto users = reached(&reached_device::user_id);
        if (std::find(users.begin(), users.end(), *m.user_id) == users.end())
            out.push_back({"recipients.user_id", json::string(*m.user_id),
                           a ? json::value(first_ids(std::move(users))) : json::value(nullptr)});
    }
    if (m.device_id) {
        auto devices = reached(&reached_device::device_id);
        if (std::find(devices.begin(), devices.end(), *m.device_id) == devices.end())
            out.push_back({"recipients.device_id", json::string(*m.device_id),
                           a ? json::value(first_ids(std::move(devices))) : json::value(nullptr)});
    }
    if (m.tag) {
        std::vector<std::string> tags;
        if (a) {
            tags = a->push.audience.tag;
            tags.insert(tags.end(), a->push.audience.tag_or.begin(), a->push.audience.tag_or.end());
        }
        if (std::find(tags.begin(), tags.end(), *m.tag) == tags.end())
            out.push_back({"audience.tag", json::string(*m.tag),
                           a ? json::value(first_ids(std::move(tags))) : json::value(nullptr)});
    }
}

json::value text_or_null(std::string const& s) {
    return s.empty() ? json::value(nullptr) : json::value(json::string(s));
}

std::vector<difference> differences(entry_facts const& f, matcher const& m) {
    std::vector<difference> out;
    auto const& e = f.entry;
    bool const accepted = e.accepted != nullptr;
    int const status = accepted ? 200 : e.refusal.status();
    int const code = accepted ? 200 : e.refusal.code();
    if (m.outcome && (*m.outcome == "accepted") != accepted)
        out.push_back({"outcome", json::string(*m.outcome), accepted ? "accepted" : "rejected"});
    if (m.status && *m.status != status)
        out.push_back({"status", *m.status, status});
    if (m.code && *m.code != code)
        out.push_back({"code", *m.code, code});
    if (m.rule && (accepted || *m.rule != e.refusal.rule()))
        out.push_back({"rule", json::string(*m.rule),
                       accepted ? json::value(nullptr) : text_or_null(e.refusal.rule())});
    if (m.path && (accepted || *m.path != e.refusal.path()))
        out.push_back({"path", json::string(*m.path),
                       accepted ? json::value(nullptr) : text_or_null(e.refusal.path())});
    check_audience(f, m, out);
    check_text(f, m, true, out);
    check_text(f, m, false, out);
    check_extras(f, m, out);
    if ((m.since && e.time < *m.since) || (m.until && e.time > *m.until)) {
        json::object range;
        if (m.since)
            range["since_ms"] = *m.since;
        if (m.until)
            range["until_ms"] = *m.until;
        out.push_back({"time_ms", std::move(range), e.time});
    }
    if (m.request_id && *m.request_id != e.meta.request_id)
        out.push_back(
            {"origin.request_id", json::string(*m.request_id), text_or_null(e.meta.request_id)});
    if (m.user_agent && e.meta.user_agent.find(*m.user_agent) == std::string::npos)
        out.push_back({"origin.user_agent", json::object{{"contains", *m.user_agent}},
                       text_or_null(e.meta.user_agent)});
    return out;
}

json::object brief(journal_entry const& e, std::string_view app) {
    return {{"seq", e.seq},
            {"id", e.accepted ? json::value(json::string(e.accepted->id)) : json::value(nullptr)},
            {"app", app},
            {"time_ms", e.time},
            {"outcome", e.accepted ? "accepted" : "rejected"},
            {"code", e.accepted ? 200 : e.refusal.code()},
            {"rule", e.accepted ? json::value(nullptr) : text_or_null(e.refusal.rule())}};
}

/// Every journal entry of the apps asked for, oldest first across apps.
struct scoped_entry {
    journal_entry const* entry;
    std::string_view app;
};
api_result<std::vector<scoped_entry>> entries_of(emulator_state& state,
                                                 std::optional<std::string> const& app) {
    std::vector<scoped_entry> out;
    for (auto const& [key, a] : state.apps) {
        if (app && key != *app)
            continue;
        for (auto const& e : a.journal.entries())
            out.push_back({&e, key});
    }
    if (app && !state.find_app(*app))
        return errors::not_found_object("app", *app);
    std::sort(out.begin(), out.end(),
              [](auto const& x, auto const& y) { return x.entry->seq < y.entry->seq; });
    return out;
}

struct verify_request {
    std::optional<std::string> app;
    matcher match;
    count_expectation count{std::nullopt, 1, std::nullopt};
};

api_result<verify_request> read_verify(control_call& c) {
    auto body = c.body(false);
    if (!body)
        return body.error();
    verify_request v;
    object_reader r(*body, "", c.read);
    r.read_string("app", v.app, "emulator/control");
    if (auto const* m = r.find_object("match", "emulator/control"))
        r.read_object(*m, "match", v.match, read_matcher);
    if (auto const* n = r.find_object("count", "emulator/control")) {
        v.count = {};
        r.read_object(*n, "count", v.count, read_count);
    }
    return r.finish(std::move(v));
}

} // namespace

// POST /_emulator/verify {"app":"shop","match":{…},"count":{"exactly":1}} →
// {"code":200,"ok":true,"matched":1} or {"code":200,"ok":false,"matched":0,"near_misses":[…]}.
api_result<json::object> verify_journal(control_call& c) {
    auto v = read_verify(c);
    if (!v)
        return v.error();
    auto entries = entries_of(c.state, v->app);
    if (!entries)
        return entries.error();
    struct miss {
        scoped_entry at;
        std::vector<difference> diffs;
    };
    std::vector<scoped_entry> matched;
    std::vector<miss> misses;
    for (auto const& s : *entries) {
        entry_facts const facts(*s.entry, s.app);
        auto diffs = differences(facts, v->match);
        if (diffs.empty())
            matched.push_back(s);
        else
            misses.push_back({s, std::move(diffs)});
    }
    bool const ok = v->count.holds(matched.size());
    json::object out{
        {"code", 200}, {"ok", ok}, {"matched", matched.size()}, {"expected", v->count.to_json()}};
    if (ok)
        return out;
    if (v->count.too_few(matched.size())) {
        // The closest first: fewest differing fields, then fewest of them missing altogether
        // (a title "sale" is closer to "Sale" than no title), then the newest.
        auto const missing = [](miss const& m) {
            return std::count_if(m.diffs.begin(), m.diffs.end(),
                                 [](difference const& d) { return d.actual.is_null(); });
        };
        std::stable_sort(misses.begin(), misses.end(), [&](miss const& a, miss const& b) {
            if (a.diffs.size() != b.diffs.size())
                return a.diffs.size() < b.diffs.size();
            if (auto const ma = missing(a), mb = missing(b); ma != mb)
                return ma < mb;
            return a.at.entry->seq > b.at.entry->seq;
        });
        json::array near;
        for (std::size_t i = 0; i < misses.size() && i < max_near_misses; ++i) {
            json::object n = brief(*misses[i].at.entry, misses[i].at.app);
            json::array diffs;
            for (auto& d : misses[i].diffs)
                diffs.push_back({{"field", d.field},
                                 {"expected", std::move(d.expected)},
                                 {"actual", std::move(d.actual)}});
            n["differences"] = std::move(diffs);
            near.push_back(std::move(n));
        }
        out["near_misses"] = std::move(near);
    } else {
        json::array extra;
        for (std::size_t i = 0; i < matched.size() && i < max_listed; ++i)
            extra.push_back(brief(*matched[i].entry, matched[i].app));
        out["matches"] = std::move(extra);
    }
    return out;
}

// POST /_emulator/verify/no-rejections?app=KEY&since_ms=T → ok when no request was refused.
api_result<json::object> verify_no_rejections(control_call& c) {
    std::optional<std::string> app;
    if (auto const* key = c.query_text("app"))
        app = *key;
    auto since = c.query_int("since_ms", INT64_MIN, INT64_MIN, INT64_MAX);
    if (!since)
        return since.error();
    auto entries = entries_of(c.state, app);
    if (!entries)
        return entries.error();
    json::array listed;
    std::size_t refused = 0;
    for (auto const& s : *entries) {
        if (s.entry->accepted || s.entry->time < *since)
            continue;
        if (refused++ < max_listed) {
            json::object b = brief(*s.entry, s.app);
            b["status"] = s.entry->refusal.status();
            b["path"] = text_or_null(s.entry->refusal.path());
            b["message"] = s.entry->refusal.message();
            listed.push_back(std::move(b));
        }
    }
    return json::object{{"code", 200},
                        {"ok", refused == 0},
                        {"matched", refused},
                        {"rejections", std::move(listed)}};
}

} // namespace push::core
