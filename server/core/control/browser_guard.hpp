// The control API answers scripts, tests and the console, never a web page a developer happens
// to open: a browser can be made to send requests to localhost (a form or fetch() from any
// site), and with DNS rebinding to read the answers. Scripts send no Origin; browsers always do.
#pragma once

#include "core/model/message.hpp"
#include "core/model/state.hpp"

namespace push::core {

/// emulator/host: the Host header must name localhost (or a *.localhost name), an IP address
/// or a name given with --allow-host; a rebound DNS name is refused (403). No Host: allowed.
/// emulator/origin: a request that changes state (any method but GET and HEAD) carrying an
/// Origin other than the emulator's own, or `Sec-Fetch-Site: cross-site`, is refused (403).
api_result<void> check_browser(api_request const& req, server_settings const& settings);

/// True when the request comes from the emulator's own origin or from no browser at all (no
/// Origin header and no cross-site Sec-Fetch-Site).
bool is_same_origin(api_request const& req);

} // namespace push::core
