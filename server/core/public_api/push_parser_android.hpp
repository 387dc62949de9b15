// Reader of notification.android, shared by the /push.json parser (push_request.cpp).
#pragma once

#include "core/model/json_reader.hpp"
#include "core/model/push.hpp"

namespace push::core {

/// Reads notification.android and its vendor blocks into `android`; rules
/// notification.android.*; errors go to `r`.
void parse_android(object_reader& r, android_options& android);

} // namespace push::core
