// The top of the core: which handler a request goes to, with path normalization [D-12], 404
// and 405 [D-6]. Transport asks it before reading a body, then hands the request over.
#pragma once

#include "core/model/endpoints.hpp"
#include "core/model/message.hpp"
#include "core/model/state.hpp"

#include <string>
#include <string_view>

namespace push::core {

enum class route_kind : std::uint8_t { public_api, control, unknown };

/// Where a request-target leads.
struct route {
    route_kind kind = route_kind::unknown;
    core::endpoint endpoint = endpoint::push; // for public_api
    std::string path;                         // normalized [D-12]
};

/// The route of a request-target: a signed endpoint, the control API (/_emulator/...) or none.
route find_route(std::string_view target);

/// The metrics' endpoint slot of a route: its endpoint, control_slot or unknown_slot.
std::size_t endpoint_slot(route const& r) noexcept;

/// Whether the handler of `method` on `r` reads a body. The public API is POST only, so another
/// method there is answered (405) from the header, before the body size matters [D-8]; an
/// unknown path is answered 404 without reading one.
bool reads_body(route const& r, std::string_view method);

/// Handles a request whose route is known; `real_now` is the wall clock read by transport,
/// turned into emulator time by the state's virtual clock here.
api_response handle_routed(route const& r, api_request const& req, emulator_state& state,
                           time_ms real_now);

/// The answer to a request refused before a handler saw it (malformed HTTP, a body over
/// --max-body): `e`, counted in the error-path coverage like every answer of the emulated
/// service.
api_response refuse_unrouted(emulator_state& state, api_request const& req, api_error e);

/// find_route, then handle_routed.
api_response handle_request(api_request const& req, emulator_state& state, time_ms real_now);

} // namespace push::core
