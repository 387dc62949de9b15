#include "core/control/journal_view.hpp"

#include "core/model/effective_content.hpp"
#include "core/model/message.hpp"
#include "core/model/text.hpp"
#include "core/model/warnings.hpp"

namespace push::core {
namespace {

json::object recipients_json(recipients const& r) {
    json::object by_platform;
    for (auto p : all_platforms)
        by_platform[to_string(p)] = r.by_platform[index_of(p)];
    json::object by_channel;
    for (std::size_t c = 0; c < channel_count; ++c)
        if (r.by_channel[c] != 0)
            by_channel[to_string(static_cast<channel>(c))] = r.by_channel[c];
    json::array ids;
    for (auto const& id : r.device_ids)
        ids.push_back(json::string(id));
    return {{"total", r.total},
            {"by_platform", std::move(by_platform)},
            {"by_channel", std::move(by_channel)},
            {"device_ids", std::move(ids)},
            {"truncated", r.truncated}};
}

json::value or_null(std::string const& s) {
    return s.empty() ? json::value(nullptr) : json::value(json::string(s));
}

json::object origin_json(request_meta const& m) {
    return {{"listener", or_null(m.listener)},
            {"host", or_null(m.host)},
            {"remote_port", m.remote_port ? json::value(m.remote_port) : json::value(nullptr)},
            {"user_agent", or_null(m.user_agent)},
            {"request_id", or_null(m.request_id)}};
}

json::array warnings_json(journal_entry const& e) {
    auto const* a = e.accepted.get();
    json::array out;
    for (auto& w :
         push_warnings(e.ignored_fields, a ? &a->push : nullptr, a ? &a->reached : nullptr)) {
        json::array hints;
        for (auto& h : w.did_you_mean)
            hints.push_back(json::string(h));
        out.push_back({{"kind", w.kind},
                       {"path", w.path},
                       {"message", w.message},
                       {"did_you_mean", std::move(hints)}});
    }
    return out;
}

} // namespace

json::value request_as_received(std::string_view body) {
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = max_json_depth;
    json::value v = json::parse(body, ec, {}, opts);
    if (!ec)
        return v;
    // A body that is not JSON is kept as text; bytes that are not UTF-8 become U+FFFD so that
    // the journal itself stays valid JSON.
    bool replaced = false;
    json::object raw{{"raw", to_valid_utf8(body, replaced)}};
    if (replaced)
        raw["invalid_utf8"] = true;
    return raw;
}

json::object entry_json(journal_entry const& e, std::string_view app_key) {
    json::object b;
    b["seq"] = e.seq;
    b["id"] = e.accepted ? json::value(json::string(e.accepted->id)) : json::value(nullptr);
    b["app"] = app_key;
    b["time_ms"] = e.time;
    b["outcome"] = e.accepted ? "accepted" : "rejected";
    if (e.accepted) {
        b["status"] = 200;
        b["code"] = 200;
        b["rule"] = nullptr;
        b["path"] = nullptr;
        b["message"] = nullptr;
    } else {
        b["status"] = e.refusal.status();
        b["code"] = e.refusal.code();
        b["rule"] = or_null(e.refusal.rule());
        b["path"] = or_null(e.refusal.path());
        b["message"] = e.refusal.message();
    }
    b["request"] = request_as_received(e.body);
    b["origin"] = origin_json(e.meta);
    b["warnings"] = warnings_json(e);
    if (e.accepted) {
        auto const& a = *e.accepted;
        b["effective"] = effective_content(a.push.notification, shown_platforms(a.push, a.reached));
        b["recipients"] = recipients_json(a.reached);
    }
    return b;
}

} // namespace push::core
