// What every control-API handler gets, and the helpers they share to read it.
#pragma once

#include "core/api.hpp"
#include "core/emulator_state.hpp"
#include "core/form.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace push::core {

struct admin_call {
    api_request const& req;
    emulator_state& state;
    time_ms now;      // emulator time
    time_ms real_now; // the wall clock `now` was derived from
    std::vector<std::string> params; // the `*` segments of the route, URL-decoded
    form_fields query;
    std::optional<time_ms> retry_until; // set by a long poll (emulator time)

    /// The JSON object body; an empty body is {} unless `required`.
    api_result<json::object> body(bool required) const;
    /// An integer query parameter within [min, max], or `fallback` when absent.
    api_result<std::int64_t> query_int(std::string_view name, std::int64_t fallback,
                                       std::int64_t min, std::int64_t max) const;
    /// A query parameter, or nullptr when absent or empty.
    std::string const* query_text(std::string_view name) const;
    /// The app named by the first route parameter, or 404.
    api_result<app_state*> app() const;
};

using admin_handler = api_result<json::object> (*)(admin_call&);

// Handlers, one per endpoint (admin_apps.cpp, admin_devices.cpp, admin_journal.cpp,
// admin_clock.cpp).
api_result<json::object> list_apps(admin_call&);
api_result<json::object> get_app(admin_call&);
api_result<json::object> put_app(admin_call&);
api_result<json::object> delete_app(admin_call&);
api_result<json::object> reset_app(admin_call&);
api_result<json::object> get_quota(admin_call&);
api_result<json::object> reset_quota(admin_call&);
api_result<json::object> get_faults(admin_call&);
api_result<json::object> add_fault(admin_call&);
api_result<json::object> clear_faults(admin_call&);
api_result<json::object> upsert_devices(admin_call&);
api_result<json::object> list_devices(admin_call&);
api_result<json::object> get_device(admin_call&);
api_result<json::object> delete_device(admin_call&);
api_result<json::object> delete_devices(admin_call&);
api_result<json::object> get_user_tags(admin_call&);
api_result<json::object> list_journal(admin_call&);
api_result<json::object> get_journal_entry(admin_call&);
api_result<json::object> clear_journal(admin_call&);
api_result<json::object> wait_journal(admin_call&);
api_result<json::object> get_clock(admin_call&);
api_result<json::object> set_clock(admin_call&);
api_result<json::object> advance_clock(admin_call&);
api_result<json::object> freeze_clock(admin_call&);
api_result<json::object> resume_clock(admin_call&);
api_result<json::object> reset_clock(admin_call&);

} // namespace push::core
