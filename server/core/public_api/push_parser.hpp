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

/// Parses and validates a /push.json body under a profile. Unknown fields are not errors
/// [D-11]: each one's JSON path is appended to `ignored_fields` (reported in
/// X-Emulator-Warnings). On an error, the list holds those of the objects read completely
/// before it.
api_result<push_request> parse_push(json::value const& body, profile p,
                                    std::vector<std::string>& ignored_fields);

/// What parsing noticed beside its result: the ignored fields, and whether a value meaning
/// "not set" or a lenient coercion was accepted (body/unset-values, body/lenient-coercions).
struct parse_notes {
    std::vector<std::string> ignored_fields;
    bool unset_values = false;
    bool coercions = false;
};

/// parse_push, with everything it noticed.
api_result<push_request> parse_push(json::value const& body, profile p, parse_notes& notes);

} // namespace push::core
