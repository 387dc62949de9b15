// The journal as the control API shows it: a typed entry rendered to JSON only when asked for.
#pragma once

#include "core/model/journal.hpp"
#include "core/model/json.hpp"

#include <string_view>

namespace push::core {

/// {"seq","id","app","time_ms","outcome","status","code","rule","path","message","request",
/// "origin","warnings"}, plus "effective" (content per shown platform) and "recipients" for an
/// accepted push.
json::object entry_json(journal_entry const& e, std::string_view app_key);

/// The request body as received: its JSON, or {"raw": "..."} when it is not JSON (bytes that
/// are not UTF-8 become U+FFFD, with "invalid_utf8": true).
json::value request_as_received(std::string_view body);

} // namespace push::core
