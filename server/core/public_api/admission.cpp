#include "core/public_api/admission.hpp"

#include "core/model/rule_table.hpp"
#include "core/model/signature.hpp"

namespace push::core {
namespace {

// tags.set/rate, tags.batch-set/rate, tags.get/rate (FACTS §5): per App Key and second.
struct tag_rate {
    std::uint32_t per_second;
    std::string_view rule;
};
constexpr tag_rate tag_rates[endpoint_count] = {
    {0, ""}, {100, "tags.set/rate"}, {10, "tags.batch-set/rate"}, {100, "tags.get/rate"}};

/// Finds the app by App-Key and checks the signature under the app's profile [D-1][D-2][D-3].
api_result<void> authenticate(signed_headers const& h, app_state* app, emulator_state& state,
                              time_ms now) {
    // auth/headers [D-2]: each of the four headers must be present and non-empty.
    for (auto [value, name] :
         {std::pair{h.app_key, "App-Key"}, std::pair{h.nonce, "Nonce"},
          std::pair{h.timestamp, "Timestamp"}, std::pair{h.signature, "Signature"}}) {
        if (!value || value->empty())
            return errors::unauthorized(std::string("missing header ") + name, "auth/headers");
    }
    // auth/app-key [D-2]
    if (!app)
        return errors::unauthorized("unknown App-Key", "auth/app-key");
    return verify_signature(h, app->config.secret, app->effective_profile(state.settings), now,
                            app->nonces);
}

/// The endpoint's limit: the /push.json quota [D-8][D-9] or a tag API's per-second rate.
api_result<void> take_rate(endpoint e, app_state& app, server_settings const& settings,
                           time_ms now) {
    if (e == endpoint::push)
        return app.quota.try_consume(app.config.limits, now, settings.utc_offset_minutes);
    auto const& rate = tag_rates[static_cast<std::size_t>(e)];
    return app.rate[static_cast<std::size_t>(e)].try_consume(rate.per_second, now, rate.rule);
}

} // namespace

api_result<void> check_body_size(std::size_t bytes, server_settings const& settings) {
    if (bytes > settings.max_body)
        return errors::body_too_large(settings.max_body);
    return {};
}

admission admit(endpoint e, api_request const& req, emulator_state& state, time_ms now) {
    admission a;
    auto const h = signed_headers_of(req);
    if (h.app_key) {
        a.app_key = *h.app_key;
        a.app = state.find_app(a.app_key);
    }
    if (a.app) {
        a.coverage.app = &a.app->coverage;
        a.coverage.requests = state.requests_of(*a.app);
    }
    // body/max-size [D-5]: transport stops reading at the limit; this guards direct callers.
    if (auto size = check_body_size(req.body.size(), state.settings); !size) {
        a.refusal = size.error();
        return a;
    }
    if (auto auth = authenticate(h, a.app, state, now); !auth) {
        a.refusal = auth.error();
        return a;
    }
    a.authenticated = true;
    // auth/rc-prefix: accepted in the RC- spelling.
    if (h.prefixed)
        a.coverage.add(rule_of("auth/rc-prefix"));
    // emulator/fault: an armed error answers instead of processing, consuming no quota; a
    // delay or truncation lets the request go on and changes how its answer is sent.
    if (!a.app->faults.empty()) {
        if (auto hit = a.app->faults.take_after_auth(e, req.origin.host)) {
            if (hit->action.kind != fault_kind::error)
                a.fault = hit->action;
            if (hit->answer) {
                a.refusal = std::move(*hit->answer);
                return a;
            }
        }
    }
    // quota/order [D-8]: the limiter runs before the business checks; a 429 consumes nothing.
    a.rate_checked = true;
    if (auto rate = take_rate(e, *a.app, state.settings, now); !rate)
        a.refusal = rate.error();
    return a;
}

std::optional<fault_action> fault_before_service(endpoint e, api_request const& req,
                                                 emulator_state& state) {
    // The app its App-Key names, plain or RC- spelt (auth/rc-prefix), as admit finds it.
    auto const* key = signed_headers_of(req).app_key;
    auto* app = key ? state.find_app(*key) : nullptr;
    if (!app || app->faults.empty())
        return std::nullopt;
    return app->faults.take_before_service(e, req.origin.host);
}

} // namespace push::core
