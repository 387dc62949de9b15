// JSON Merge Patch (RFC 7396): how a fixture says what it changes in a named base. A member set
// to null in the patch removes that member, so a patch cannot put a null into the result.
#pragma once

#include "conformance/text/json_pointer.hpp"

namespace push::conformance {

/// `target` with `patch` applied as RFC 7396 §2 defines it: an object patch merges member by
/// member (null removes), anything else replaces the target whole.
json::value merge_patch(json::value target, json::value const& patch);

} // namespace push::conformance
