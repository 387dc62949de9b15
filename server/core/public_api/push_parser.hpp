// The /push.json body parser: every field and rule of the reference page
// (shared/spec/push-json.zh.txt) and FACTS §4, errors naming the JSON path.
#pragma once

#include "core/model/error.hpp"
#include "core/model/json.hpp"
#include "core/model/profile.hpp"
#include "core/model/push.hpp"

#include <string>
#include <vector>

namespace push::core {

/// What parsing noticed beside its result, for X-Emulator-Warnings [D-7], the journal and the
/// coverage counts.
struct parse_notes {
    /// Unknown fields, which are not errors [D-11]: their JSON paths. On an error, those of the
    /// objects read completely before it.
    std::vector<std::string> ignored_fields;
    /// What only the lenient profile accepts ([D-13], [D-14]), one line each.
    std::vector<std::string> warnings;
    /// A value meaning "not set" or a lenient coercion was accepted (body/unset-values,
    /// body/lenient-coercions).
    bool unset_values = false;
    bool coercions = false;
};

/// parse_push, with everything it noticed.
api_result<push_request> parse_push(json::value const& body, profile p, parse_notes& notes);

} // namespace push::core
