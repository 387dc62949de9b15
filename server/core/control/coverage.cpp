// Control API: the error-path coverage of the traffic so far, one app's or everyone's.
#include "core/control/call.hpp"
#include "core/control/coverage_view.hpp"

namespace push::core {

// GET /_emulator/coverage?app=KEY (every request since start without ?app=).
api_result<json::object> get_coverage(control_call& c) {
    auto const* key = c.query_text("app");
    if (!key)
        return coverage_json(c.state.coverage, "");
    auto* app = c.state.find_app(*key);
    if (!app)
        return errors::not_found_object("app", *key);
    return coverage_json(app->coverage, *key);
}

// DELETE /_emulator/coverage?app=KEY (every counter without ?app=).
api_result<json::object> clear_coverage(control_call& c) {
    if (auto const* key = c.query_text("app")) {
        auto* app = c.state.find_app(*key);
        if (!app)
            return errors::not_found_object("app", *key);
        app->coverage.clear();
        return json::object{{"code", 200}};
    }
    c.state.coverage.clear();
    for (auto& [k, app] : c.state.apps)
        app.coverage.clear();
    return json::object{{"code", 200}};
}

} // namespace push::core
