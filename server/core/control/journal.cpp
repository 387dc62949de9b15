// Control API: the push journal (list, one entry, clear) and the long-poll wait.
#include "core/control/call.hpp"
#include "core/control/journal_view.hpp"

#include <algorithm>

namespace push::core {
namespace {

constexpr std::int64_t max_wait_ms = 600'000;

/// The apps a journal request covers: the one named by ?app=, or all of them.
api_result<std::vector<app_state*>> selected_apps(control_call& c) {
    std::vector<app_state*> out;
    if (auto const* key = c.query_text("app")) {
        auto* app = c.state.find_app(*key);
        if (!app)
            return errors::not_found_object("app", *key);
        out.push_back(app);
        return out;
    }
    for (auto& [key, app] : c.state.apps)
        out.push_back(&app);
    return out;
}

/// The entries a journal listing keeps: ?outcome=, ?since_ms=, ?before_seq=, ?after_seq=,
/// ?user_agent= (a
/// substring of the User-Agent) and ?request_id= (the X-Request-ID, exactly).
struct entry_filter {
    std::optional<bool> accepted;
    time_ms since = INT64_MIN;
    std::uint64_t before = UINT64_MAX;
    std::uint64_t after = 0;
    std::string const* user_agent = nullptr;
    std::string const* request_id = nullptr;

    bool keeps(journal_entry const& e) const {
        return (!accepted || (e.accepted != nullptr) == *accepted) && e.time >= since &&
               e.seq < before && e.seq > after &&
               (!user_agent || e.meta.user_agent.find(*user_agent) != std::string::npos) &&
               (!request_id || e.meta.request_id == *request_id);
    }
};

api_result<entry_filter> filter_of(control_call& c) {
    entry_filter f;
    if (auto const* o = c.query_text("outcome")) {
        if (*o != "accepted" && *o != "rejected")
            return errors::bad_control_request("outcome", "outcome must be accepted or rejected");
        f.accepted = *o == "accepted";
    }
    auto since = c.query_int("since_ms", INT64_MIN, INT64_MIN, INT64_MAX);
    if (!since)
        return since.error();
    f.since = *since;
    auto before = c.query_int("before_seq", INT64_MAX, 1, INT64_MAX);
    if (!before)
        return before.error();
    f.before = static_cast<std::uint64_t>(*before);
    auto after = c.query_int("after_seq", 0, 0, INT64_MAX);
    if (!after)
        return after.error();
    f.after = static_cast<std::uint64_t>(*after);
    f.user_agent = c.query_text("user_agent");
    f.request_id = c.query_text("request_id");
    return f;
}

} // namespace

// A page of the journal holds entries of at most this many bytes (entry_bytes), so that one
// read never holds up other clients for long; "more" and "before_seq" lead to the next page.
constexpr std::size_t page_bytes = 4 << 20;

// GET /_emulator/journal?app=KEY&outcome=accepted|rejected&since_ms=T&before_seq=S
// &after_seq=S&user_agent=S&request_id=R&limit=N (oldest first; the newest N that fit a page).
// With wait_ms=T, a long poll: an empty listing waits up to T ms of real time for an entry (the
// console follows the journal this way, with after_seq its newest seq).
api_result<json::object> list_journal(control_call& c) {
    auto apps = selected_apps(c);
    if (!apps)
        return apps.error();
    auto filter = filter_of(c);
    if (!filter)
        return filter.error();
    auto limit = c.query_int("limit", INT64_MAX, 0, INT64_MAX);
    if (!limit)
        return limit.error();
    auto wait = c.query_int("wait_ms", 0, 0, max_wait_ms);
    if (!wait)
        return wait.error();
    struct pick {
        journal_entry const* entry;
        std::string_view app;
    };
    std::vector<pick> picked;
    std::uint64_t evicted = 0;
    for (auto* app : *apps) {
        evicted += app->journal.evicted();
        for (auto const& e : app->journal.entries())
            if (filter->keeps(e))
                picked.push_back({&e, app->config.key});
    }
    std::sort(picked.begin(), picked.end(),
              [](pick const& a, pick const& b) { return a.entry->seq < b.entry->seq; });
    // The newest `limit` entries, as many of them as fit a page.
    auto first =
        picked.end() - static_cast<std::ptrdiff_t>(std::min<std::size_t>(picked.size(), *limit));
    std::size_t bytes = 0;
    auto page = picked.end();
    while (page != first &&
           (page == picked.end() || bytes + (page - 1)->entry->bytes <= page_bytes))
        bytes += (--page)->entry->bytes;
    json::array entries;
    entries.reserve(static_cast<std::size_t>(picked.end() - page));
    for (auto it = page; it != picked.end(); ++it)
        entries.push_back(entry_json(*it->entry, it->app));
    json::object out{{"code", 200},
                     {"entries", std::move(entries)},
                     {"total", picked.size()},
                     {"evicted", evicted},
                     {"more", page != first}};
    if (page != first)
        out["before_seq"] = page->entry->seq;
    if (picked.empty() && *wait > 0)
        c.retry_until = c.now + *wait;
    return out;
}

// GET /_emulator/journal/{push_id} → {"code":200,"entry":{…}}.
api_result<json::object> get_journal_entry(control_call& c) {
    for (auto const& [key, app] : c.state.apps)
        if (auto const* e = app.journal.find(c.params.at(0)))
            return json::object{{"code", 200}, {"entry", entry_json(*e, key)}};
    return errors::not_found_object("push", c.params.at(0));
}

// DELETE /_emulator/journal?app=KEY (every app without ?app=).
api_result<json::object> clear_journal(control_call& c) {
    auto apps = selected_apps(c);
    if (!apps)
        return apps.error();
    std::size_t cleared = 0;
    for (auto* app : *apps) {
        cleared += app->journal.entries().size();
        app->journal.clear();
    }
    return json::object{{"code", 200}, {"cleared", cleared}};
}

// GET /_emulator/journal/wait?app=KEY&count=N&timeout_ms=T: a long poll. While the app has
// fewer than N accepted entries the answer says timed_out:true and sets retry_until (emulator
// time now + T); transport keeps asking until the answer has no retry_until or the real time
// T of the FIRST answer has passed (later retry_until values only mean "not yet"), then sends
// the last answer. So a re-call needs no memory of the first one.
api_result<json::object> wait_journal(control_call& c) {
    auto const* key = c.query_text("app");
    if (!key)
        return errors::bad_control_request("app", "app is required");
    auto* app = c.state.find_app(*key);
    if (!app)
        return errors::not_found_object("app", *key);
    auto count = c.query_int("count", 1, 0, INT64_MAX);
    if (!count)
        return count.error();
    auto timeout = c.query_int("timeout_ms", 10'000, 0, max_wait_ms);
    if (!timeout)
        return timeout.error();
    auto const have = app->journal.accepted();
    bool const done = have >= static_cast<std::uint64_t>(*count);
    if (!done && *timeout > 0)
        c.retry_until = c.now + *timeout;
    return json::object{{"code", 200}, {"accepted", have}, {"timed_out", !done}};
}

} // namespace push::core
