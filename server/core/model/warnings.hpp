// The warnings a /push.json request raises beside its answer: fields the service ignores, and
// platforms a push reaches without text. The answer carries the ignored fields and the silent
// platforms in X-Emulator-Warnings [D-7]; the journal lists every warning with its JSON path,
// computed when the entry is shown from what the entry keeps.
#pragma once

#include "core/model/audience.hpp"
#include "core/model/push.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace push::core {

struct push_warning {
    /// "ignored_field" (unknown, body/unknown-fields), "ignored_by_precedence" (set, but the
    /// audience precedence makes the service ignore it) or "no_alert_text".
    std::string_view kind;
    std::string path;
    std::string message;
    /// For an ignored field: the documented fields that look intended.
    std::vector<std::string> did_you_mean;
};

/// "ignored unknown fields: foo, notification.ios.threadId (did you mean
/// notification.ios.thread-id?)", the X-Emulator-Warnings text; "" when nothing was ignored.
std::string ignored_fields_text(std::span<std::string const> ignored);

/// The X-Emulator-Warnings text for the platforms a userid push reached without alert text
/// (a userid audience ignores platform, audience/userid-wins); "" when there are none.
std::string silent_platforms_text(push_request const& push, recipients const& reached);

/// Every warning of a journaled request: its ignored fields, then, for an accepted push
/// (`push` and `reached` set), the fields the audience precedence made irrelevant and the
/// platforms reached without text.
std::vector<push_warning> push_warnings(std::span<std::string const> ignored,
                                        push_request const* push, recipients const* reached);

} // namespace push::core
