#include "core/public_api/tag_api.hpp"

#include "core/model/form.hpp"
#include "core/model/json_reader.hpp"
#include "core/model/rule_table.hpp"
#include "core/model/tags.hpp"
#include "core/model/text.hpp"
#include "core/public_api/admission.hpp"

namespace push::core {
namespace {

/// What a tag request's handler gets past the entry check: the app, or the answer already.
struct tag_call {
    api_response res;
    app_state* app = nullptr;
};

tag_call enter(endpoint e, api_request const& req, emulator_state& state, time_ms now) {
    auto a = admit(e, req, state, now);
    tag_call c;
    c.res.app_key = a.app_key;
    c.res.coverage = a.coverage;
    c.res.fault = a.fault;
    if (a.refusal)
        c.res.result = std::move(*a.refusal);
    else
        c.app = a.app;
    return c;
}

/// The answer of a refused tag request, with what the entry check put in it.
api_response refuse(tag_call& c, api_error e) {
    c.res.result = std::move(e);
    return std::move(c.res);
}

/// The JSON object body of a tag request, read tolerantly [D-11]; `rule` names its shape.
api_result<json::object> object_body(api_request const& req, std::string_view rule) {
    auto body = parse_json_body(req.body);
    if (!body)
        return body.error();
    if (!body->is_object())
        return errors::bad_request("", "the request body must be a JSON object", rule);
    return std::move(body->get_object());
}

/// Reports the unknown members a reader saw [D-7][D-11].
void warn_ignored(read_context const& ctx, api_response& res) {
    if (!ctx.ignored_fields.empty())
        res.headers.push_back(
            {"X-Emulator-Warnings", "ignored unknown fields: " + join(ctx.ignored_fields)});
}

/// The two set endpoints: the users `read_users` finds in the body get the body's tag list,
/// which replaces theirs (tags.set/replace).
template <class ReadUsers>
api_response set_tags(endpoint e, std::string_view rule, api_request const& req,
                      emulator_state& state, time_ms now, ReadUsers read_users) {
    auto c = enter(e, req, state, now);
    if (!c.app)
        return std::move(c.res);
    auto body = object_body(req, rule);
    if (!body)
        return refuse(c, body.error());
    read_context ctx;
    object_reader r(*body, "", ctx);
    std::vector<std::string> const users = read_users(r);
    if (!r.ok())
        return refuse(c, r.error());
    auto tags = parse_tag_list(r.raw("tags"), "tags", rule);
    if (!tags)
        return refuse(c, tags.error());
    if (auto done = r.finish(); !done)
        return refuse(c, done.error());
    // tags.set/replace: the new list replaces the old one; [] clears it.
    for (auto const& u : users)
        c.app->registry.set_tags(u, *tags);
    c.res.coverage.add(rule_of("tags.set/replace"));
    warn_ignored(ctx, c.res);
    return std::move(c.res);
}

} // namespace

api_response handle_tag_set(api_request const& req, emulator_state& state, time_ms now) {
    // tags.set/body: {"userId":"u1","tags":[…]}
    constexpr std::string_view rule = "tags.set/body";
    return set_tags(endpoint::tag_set, rule, req, state, now, [&](object_reader& r) {
        std::string user;
        r.require_string("userId", user, rule);
        return std::vector<std::string>{std::move(user)};
    });
}

api_response handle_tag_batch_set(api_request const& req, emulator_state& state, time_ms now) {
    // tags.batch-set/body: {"userIds":[…],"tags":[…]}
    constexpr std::string_view rule = "tags.batch-set/body";
    return set_tags(endpoint::tag_batch_set, rule, req, state, now, [&](object_reader& r) {
        std::vector<std::string> users;
        // tags.batch-set/max-users: ≤ 1000 userIds
        r.read_strings("userIds", users, max_batch_users, rule, "tags.batch-set/max-users");
        if (r.ok() && users.empty())
            r.fail(errors::missing_field("userIds", rule));
        return users;
    });
}

api_response handle_tags_get(api_request const& req, emulator_state& state, time_ms now) {
    auto c = enter(endpoint::tags_get, req, state, now);
    if (!c.app)
        return std::move(c.res);
    constexpr std::string_view rule = "tags.get/body";
    // body/non-empty
    if (is_blank(req.body))
        return refuse(c, errors::empty_body());
    // tags.get/body: form userIds=a&userIds=b, URL-encoded.
    auto form = parse_form(req.body);
    if (!form)
        return refuse(c, errors::bad_request("", "malformed form body (bad %-escape)", rule));
    std::vector<std::string> users;
    for (auto const& [key, value] : *form) {
        if (key != "userIds")
            continue;
        auto const path = element_path("userIds", users.size());
        if (value.empty())
            return refuse(c, errors::bad_request(path, path + " must not be empty", rule));
        // A user id goes back as a JSON key: once %-decoded it must be UTF-8.
        if (!is_valid_utf8(value))
            return refuse(c, errors::bad_request(path, path + " must be valid UTF-8", rule));
        users.push_back(value);
    }
    if (users.empty())
        return refuse(c, errors::missing_field("userIds", rule));
    // tags.get/max-users: ≤ 50 userIds
    if (users.size() > max_get_users)
        return refuse(c, errors::too_many("userIds", max_get_users, "tags.get/max-users"));
    json::object result;
    for (auto const& u : users) {
        json::array tags;
        for (auto& t : c.app->registry.tags_of(u))
            tags.push_back(json::string(t));
        result[u] = std::move(tags);
    }
    c.res.result = json::object{{"code", 200}, {"result", std::move(result)}};
    return std::move(c.res);
}

} // namespace push::core
