#include "core/control/call.hpp"

#include "core/model/text.hpp"

#include <charconv>

namespace push::core {

api_result<json::object> control_call::body(bool required) const {
    if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
        if (required)
            return errors::bad_control_request("", "a JSON object body is required");
        return json::object{};
    }
    boost::system::error_code ec;
    json::value v = json::parse(req.body, ec);
    if (ec) {
        if (auto const bad = first_invalid_utf8(req.body); bad != std::string_view::npos)
            return errors::bad_control_request("", "malformed JSON body: not valid UTF-8 at byte " +
                                                       std::to_string(bad));
        return errors::bad_control_request("", "malformed JSON body: " + ec.message());
    }
    if (!v.is_object())
        return errors::bad_control_request("", "the body must be a JSON object");
    return std::move(v.get_object());
}

std::string const* control_call::query_text(std::string_view name) const {
    auto const* v = find_field(query, name);
    return v && !v->empty() ? v : nullptr;
}

api_result<std::int64_t> control_call::query_int(std::string_view name, std::int64_t fallback,
                                                 std::int64_t min, std::int64_t max) const {
    auto const* v = query_text(name);
    if (!v)
        return fallback;
    std::int64_t n = 0;
    auto const [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || end != v->data() + v->size() || n < min || n > max)
        return errors::bad_control_request(std::string(name),
                                           std::string(name) + " must be an integer from " +
                                               std::to_string(min) + " to " + std::to_string(max));
    return n;
}

api_result<app_state*> control_call::app() const {
    auto* a = state.find_app(params.at(0));
    if (!a)
        return errors::not_found_object("app", params.at(0));
    return a;
}

api_result<control_call::app_body> control_call::app_and_body() const {
    auto a = app();
    if (!a)
        return a.error();
    auto b = body(true);
    if (!b)
        return b.error();
    return app_body{*a, std::move(*b)};
}

} // namespace push::core
