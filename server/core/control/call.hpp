// What every control-API handler gets, and the helpers they share to read it.
#pragma once

#include "core/model/form.hpp"
#include "core/model/json_reader.hpp"
#include "core/model/message.hpp"
#include "core/model/state.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace push::core {

struct control_call {
    api_request const& req;
    emulator_state& state;
    time_ms now;                     // emulator time
    time_ms real_now;                // the wall clock `now` was derived from
    std::vector<std::string> params; // the `*` segments of the route, URL-decoded
    form_fields query;
    std::optional<time_ms> retry_until;                        // set by a long poll (emulator time)
    read_context read{profile::lenient, read_mode::exact, {}}; // bodies are read exactly
    bool with_secrets = false; // apps are shown with their secret (see control_api.cpp)

    /// The JSON object body; an empty body is {} unless `required`.
    api_result<json::object> body(bool required) const;
    /// An integer query parameter within [min, max], or `fallback` when absent.
    api_result<std::int64_t> query_int(std::string_view name, std::int64_t fallback,
                                       std::int64_t min, std::int64_t max) const;
    /// A query parameter, or nullptr when absent or empty.
    std::string const* query_text(std::string_view name) const;
    /// The app named by the first route parameter, or 404.
    api_result<app_state*> app() const;
    /// That app and the required JSON object body, or 404 / 400.
    struct app_body {
        app_state* app;
        json::object body;
    };
    api_result<app_body> app_and_body() const;
};

using control_handler = api_result<json::object> (*)(control_call&);

// Handlers, one per endpoint (apps.cpp, devices.cpp, faults.cpp, journal.cpp,
// journal_devices.cpp, verify.cpp, coverage.cpp, clock.cpp).
api_result<json::object> list_apps(control_call&);
api_result<json::object> get_app(control_call&);
api_result<json::object> put_app(control_call&);
api_result<json::object> delete_app(control_call&);
api_result<json::object> reset_app(control_call&);
api_result<json::object> get_quota(control_call&);
api_result<json::object> reset_quota(control_call&);
api_result<json::object> get_faults(control_call&);
api_result<json::object> add_fault(control_call&);
api_result<json::object> clear_faults(control_call&);
api_result<json::object> upsert_devices(control_call&);
api_result<json::object> list_devices(control_call&);
api_result<json::object> get_device(control_call&);
api_result<json::object> delete_device(control_call&);
api_result<json::object> delete_devices(control_call&);
api_result<json::object> get_user_tags(control_call&);
api_result<json::object> put_user_tags(control_call&);
api_result<json::object> list_journal(control_call&);
api_result<json::object> get_journal_entry(control_call&);
api_result<json::object> explain_journal_device(control_call&);
api_result<json::object> verify_journal(control_call&);
api_result<json::object> verify_no_rejections(control_call&);
api_result<json::object> get_coverage(control_call&);
api_result<json::object> clear_coverage(control_call&);
api_result<json::object> clear_journal(control_call&);
api_result<json::object> wait_journal(control_call&);
api_result<json::object> get_clock(control_call&);
api_result<json::object> set_clock(control_call&);
api_result<json::object> advance_clock(control_call&);
api_result<json::object> freeze_clock(control_call&);
api_result<json::object> resume_clock(control_call&);
api_result<json::object> reset_clock(control_call&);

} // namespace push::core
