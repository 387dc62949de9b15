#include "core/tag_api.hpp"

#include "core/form.hpp"
#include "core/push_api.hpp"

namespace push::core {
namespace {

std::string element(std::string const& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

/// The shared front of every tag endpoint: body size → signature → armed fault → rate limit.
/// Answers the app on success; `pick` chooses the endpoint's limiter.
template <class Limiter>
api_result<app_state*> admit(api_request const& req, emulator_state& state, time_ms now,
                             std::string_view path, Limiter pick, std::uint32_t per_second,
                             std::string_view rate_rule) {
    // body/max-size [D-5]
    if (req.body.size() > state.settings.max_body)
        return errors::body_too_large(state.settings.max_body);
    auto app = authenticate(req, state, now);
    if (!app)
        return app.error();
    // emulator/fault: answered right after authentication.
    if (auto fault = (*app)->faults.take(path))
        return std::move(*fault);
    // Like quota/order [D-8]: the limiter runs before the body is looked at.
    auto rate = pick(**app).try_consume(per_second, now, rate_rule);
    if (!rate)
        return rate.error();
    return app;
}

api_result<json::object> json_object_body(api_request const& req, std::string_view rule) {
    auto body = parse_json_body(req.body);
    if (!body)
        return body.error();
    json::value& parsed = *body;
    if (!parsed.is_object())
        return errors::bad_request("", "the request body must be a JSON object", rule);
    return std::move(parsed.get_object());
}

/// A required non-empty string member.
api_result<std::string> user_id(json::object const& o, std::string const& key,
                                std::string_view rule) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null())
        return errors::missing_field(key, rule);
    if (!v->is_string())
        return errors::wrong_type(key, "a string", rule);
    if (v->get_string().empty())
        return errors::bad_request(key, key + " must not be empty", rule);
    return std::string(v->get_string());
}

api_response answer(api_result<json::object> r) {
    api_response res;
    res.result = std::move(r);
    return res;
}

} // namespace

api_result<std::vector<std::string>> parse_tag_list(json::value const* v, std::string const& path,
                                                    std::string_view body_rule) {
    if (!v || v->is_null())
        return errors::missing_field(path, body_rule);
    if (!v->is_array())
        return errors::wrong_type(path, "an array of strings", body_rule);
    auto const& a = v->get_array();
    // tags.set/max-tags: ≤ 20 tags
    if (a.size() > max_tags_per_user)
        return errors::too_many(path, max_tags_per_user, "tags.set/max-tags");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_string())
            return errors::wrong_type(element(path, i), "a string", body_rule);
        auto const& tag = a[i].get_string();
        // tags.set/tag-length: each tag 1–40 bytes (an empty tag is a parameter error).
        if (tag.empty())
            return errors::bad_request(element(path, i), element(path, i) + " must not be empty",
                                       body_rule);
        if (tag.size() > max_tag_bytes)
            return errors::too_long(element(path, i), max_tag_bytes, "bytes", "tags.set/tag-length");
        out.emplace_back(tag);
    }
    return out;
}

api_response handle_tag_set(api_request const& req, emulator_state& state, time_ms now) {
    // tags.set/rate: 100/s per App Key
    auto app = admit(req, state, now, "/user/tag/set.json",
                     [](app_state& a) -> per_second_limiter& { return a.tag_rate.set; },
                     tag_set_per_second, "tags.set/rate");
    if (!app)
        return answer(app.error());
    // tags.set/body: {"userId":"u1","tags":[…]}
    auto body = json_object_body(req, "tags.set/body");
    if (!body)
        return answer(body.error());
    auto user = user_id(*body, "userId", "tags.set/body");
    if (!user)
        return answer(user.error());
    auto tags = parse_tag_list(body->if_contains("tags"), "tags", "tags.set/body");
    if (!tags)
        return answer(tags.error());
    // tags.set/replace: the new list replaces the old one; [] clears it.
    (*app)->registry.set_tags(*user, *tags);
    return answer(json::object{{"code", 200}});
}

api_response handle_tag_batch_set(api_request const& req, emulator_state& state, time_ms now) {
    // tags.batch-set/rate: 10/s per App Key
    auto app = admit(req, state, now, "/user/tag/batch/set.json",
                     [](app_state& a) -> per_second_limiter& { return a.tag_rate.batch_set; },
                     tag_batch_per_second, "tags.batch-set/rate");
    if (!app)
        return answer(app.error());
    // tags.batch-set/body: {"userIds":[…],"tags":[…]}
    auto body = json_object_body(req, "tags.batch-set/body");
    if (!body)
        return answer(body.error());
    auto const* ids = body->if_contains("userIds");
    if (!ids || ids->is_null())
        return answer(errors::missing_field("userIds", "tags.batch-set/body"));
    if (!ids->is_array() || ids->get_array().empty())
        return answer(errors::wrong_type("userIds", "a non-empty array of strings",
                                         "tags.batch-set/body"));
    auto const& arr = ids->get_array();
    // tags.batch-set/max-users: ≤ 1000 userIds
    if (arr.size() > max_batch_users)
        return answer(errors::too_many("userIds", max_batch_users, "tags.batch-set/max-users"));
    std::vector<std::string> users;
    for (std::size_t i = 0; i < arr.size(); ++i) {
        if (!arr[i].is_string() || arr[i].get_string().empty())
            return answer(errors::wrong_type(element("userIds", i), "a non-empty string",
                                             "tags.batch-set/body"));
        users.emplace_back(arr[i].get_string());
    }
    auto tags = parse_tag_list(body->if_contains("tags"), "tags", "tags.batch-set/body");
    if (!tags)
        return answer(tags.error());
    // tags.set/replace applies to every user of the batch.
    for (auto const& u : users)
        (*app)->registry.set_tags(u, *tags);
    return answer(json::object{{"code", 200}});
}

api_response handle_tags_get(api_request const& req, emulator_state& state, time_ms now) {
    // tags.get/rate: 100/s per App Key
    auto app = admit(req, state, now, "/user/tags/get.json",
                     [](app_state& a) -> per_second_limiter& { return a.tag_rate.get; },
                     tag_get_per_second, "tags.get/rate");
    if (!app)
        return answer(app.error());
    // body/non-empty
    if (req.body.find_first_not_of(" \t\r\n") == std::string::npos)
        return answer(errors::empty_body());
    // tags.get/body: form userIds=a&userIds=b, URL-encoded.
    auto form = parse_form(req.body);
    if (!form)
        return answer(errors::bad_request("", "malformed form body (bad %-escape)",
                                          "tags.get/body"));
    std::vector<std::string> users;
    for (auto const& [key, value] : *form) {
        if (key != "userIds")
            continue;
        if (value.empty())
            return answer(errors::bad_request(element("userIds", users.size()),
                                              element("userIds", users.size()) +
                                                  " must not be empty",
                                              "tags.get/body"));
        users.push_back(value);
    }
    if (users.empty())
        return answer(errors::missing_field("userIds", "tags.get/body"));
    // tags.get/max-users: ≤ 50 userIds
    if (users.size() > max_get_users)
        return answer(errors::too_many("userIds", max_get_users, "tags.get/max-users"));
    json::object result;
    for (auto const& u : users) {
        json::array tags;
        for (auto& t : (*app)->registry.tags_of(u))
            tags.push_back(json::string(t));
        result[u] = std::move(tags);
    }
    return answer(json::object{{"code", 200}, {"result", std::move(result)}});
}

} // namespace push::core
