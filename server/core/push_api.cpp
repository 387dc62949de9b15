#include "core/push_api.hpp"

#include "core/push_record.hpp"
#include "core/push_request.hpp"
#include "core/signature.hpp"

namespace push::core {
namespace {

// body/content-type [D-11]: strict requires application/json; lenient does not look.
bool is_json_content_type(api_request const& req) {
    auto const* ct = req.find_header("Content-Type");
    if (!ct)
        return false;
    std::string_view v = *ct;
    auto const semi = v.find(';');
    v = v.substr(0, semi);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    return iequals(v, "application/json");
}

std::string join(std::vector<std::string> const& items) {
    std::string out;
    for (auto const& s : items) {
        if (!out.empty())
            out += ", ";
        out += s;
    }
    return out;
}

/// Everything after the quota: enabled → parse → validate. Consumes quota even when it fails
/// [D-8].
api_result<push_request> validate_push(api_request const& req, app_state& app,
                                       emulator_state& state, std::vector<header>& headers) {
    // service/enabled: 如未开通服务,Server API 将返回 1009 错误。
    if (!app.config.push_enabled)
        return errors::not_enabled();

    auto const prof = app.effective_profile(state.settings);
    if (prof == profile::strict && !is_json_content_type(req))
        return errors::bad_request("", "Content-Type must be application/json",
                                   "body/content-type");

    auto body = parse_json_body(req.body);
    if (!body)
        return body.error();

    std::vector<std::string> ignored;
    auto parsed = parse_push(*body, parse_options{prof}, ignored);
    // body/unknown-fields [D-7][D-11]: reported in a header, never in the body.
    if (!ignored.empty())
        headers.push_back({"X-Emulator-Warnings", "ignored unknown fields: " + join(ignored)});
    return parsed;
}

std::string limit_text(std::uint32_t used, std::uint32_t limit) {
    return std::to_string(used) + "/" + (limit == 0 ? std::string("unlimited") : std::to_string(limit));
}

// [D-7] Quota state is a debugging aid the real service does not send: X-Emulator-* only.
void add_quota_headers(app_state const& app, emulator_state const& state, time_ms now,
                       std::vector<header>& headers) {
    auto const s = app.quota.snapshot(now, state.settings.utc_offset_minutes);
    auto const& lim = app.config.limits;
    headers.push_back({"X-Emulator-Quota", "hour=" + limit_text(s.hour_used, lim.per_hour) +
                                               "; day=" + limit_text(s.day_used, lim.per_day)});
    headers.push_back({"X-Emulator-Quota-Reset-Ms", "hour=" + std::to_string(s.hour_resets_at) +
                                                        "; day=" + std::to_string(s.day_resets_at)});
}

} // namespace

api_result<app_state*> authenticate(api_request const& req, emulator_state& state, time_ms now) {
    auto const h = signed_headers_of(req);
    // auth/headers [D-2]: each of the four headers must be present and non-empty.
    for (auto [value, name] : {std::pair{h.app_key, "App-Key"}, std::pair{h.nonce, "Nonce"},
                               std::pair{h.timestamp, "Timestamp"},
                               std::pair{h.signature, "Signature"}}) {
        if (!value || value->empty())
            return errors::unauthorized(std::string("missing header ") + name, "auth/headers");
    }
    // auth/app-key [D-2]
    auto* app = state.find_app(*h.app_key);
    if (!app)
        return errors::unauthorized("unknown App-Key", "auth/app-key");
    auto ok = verify_signature(h, app->config.secret, app->effective_profile(state.settings), now,
                               app->nonces);
    if (!ok)
        return ok.error();
    return app;
}

// --- Emulator state: faults and the push journal (docs/state.md). process_push is the [D-8]
// pipeline with one addition, armed faults answered right after authentication; handle_push
// journals every outcome of a known App-Key.
namespace {
/// The [D-8] pipeline up to an accepted request (`accepted` set) or an error (in the response).
api_response process_push(api_request const& req, emulator_state& state, time_ms now,
                          std::optional<push_request>& accepted) {
    api_response res;
    // body/max-size [D-5]: transport stops reading at the limit; this guards direct callers.
    if (req.body.size() > state.settings.max_body) {
        res.result = errors::body_too_large(state.settings.max_body);
        return res;
    }
    auto app = authenticate(req, state, now);
    if (!app) {
        res.result = app.error();
        return res;
    }
    // emulator/fault: an armed fault answers instead of processing, consuming no quota.
    if (auto fault = (*app)->faults.take("/push.json")) {
        res.result = std::move(*fault);
        return res;
    }
    // quota/order [D-8]: the limiter runs before the business checks; a 429 consumes nothing.
    auto quota = (*app)->quota.try_consume((*app)->config.limits, now,
                                           state.settings.utc_offset_minutes);
    add_quota_headers(**app, state, now, res.headers);
    if (!quota) {
        res.result = quota.error();
        return res;
    }
    auto push = validate_push(req, **app, state, res.headers);
    if (!push) {
        res.result = push.error();
        return res;
    }
    // response/id-format: {"code":200,"id":"50whSR6kQiHb7YgFwQzXIb"}
    res.result = json::object{{"code", 200}, {"id", (*app)->ids.next()}};
    accepted = std::move(*push);
    return res;
}
} // namespace

api_response handle_push(api_request const& req, emulator_state& state, time_ms now) {
    std::optional<push_request> accepted;
    api_response res = process_push(req, state, now, accepted);
    record_push(req, accepted ? &*accepted : nullptr, res, state, now);
    return res;
}
// --- end of emulator state additions.

} // namespace push::core
