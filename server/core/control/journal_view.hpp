// The journal as the control API shows it: a typed entry rendered to JSON only when asked for.
#pragma once

#include "core/model/journal.hpp"
#include "core/model/json.hpp"

#include <string>
#include <string_view>

namespace push::core {

/// {"seq","id","app","time_ms","outcome","status","code","rule","path","message","request",
/// "origin","warnings"}, plus "effective" (content per shown platform), "recipients" (with the
/// devices reached and those left out) and "effective_by_channel" for an accepted push.
json::object entry_json(journal_entry const& e, std::string_view app_key);

/// A device a push left out, as the journal shows it; `at` is the push's emulator time (a stale
/// device's age is measured from it).
json::object excluded_json(excluded_device const& d, time_ms at);

/// Why a device was left out, in a sentence naming the rules.
std::string exclusion_detail(excluded_device const& d, time_ms at);

/// "40d 3h", "2h 5m", "30s": the two largest units of a duration.
std::string age_text(time_ms ms);

/// The request body as received: its JSON, or {"raw": "..."} when it is not JSON (bytes that
/// are not UTF-8 become U+FFFD, with "invalid_utf8": true).
json::value request_as_received(std::string_view body);

} // namespace push::core
