// Reader of notification.android, shared by the /push.json parser (push_request.cpp).
#pragma once

#include "core/json_read.hpp"
#include "core/push_request.hpp"

namespace push::core {

/// Reads notification.android and its vendor blocks; rules notification.android.*.
api_result<android_options> parse_android(json::object const& o, std::string path,
                                          read_context& ctx);

} // namespace push::core
