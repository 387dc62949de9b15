// Reader of notification.android, shared by the /push.json parser (push_request.cpp).
#pragma once

#include "core/model/json_reader.hpp"
#include "core/model/push.hpp"

namespace push::core {

/// Reads notification.android and its vendor blocks; rules notification.android.*.
api_result<android_options> parse_android(json::object const& o, std::string path,
                                          read_context& ctx);

} // namespace push::core
