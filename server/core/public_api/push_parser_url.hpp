// The image URLs whose scheme the reference page leaves open [D-13] (mi.large_icon_uri,
// fcm.imageUrl, ios.richMediaUri): lenient accepts any http:// or https:// URL (http:// with a
// warning), strict requires https://, as the page does for hw, honor and ohos images.
#pragma once

#include "core/model/json_reader.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace push::core {

/// Reads the image URL member `key` under [D-13]; a non-string fails with `type_rule`, a URL of
/// another scheme with `url_rule`. An accepted http:// URL adds a line to the context's warnings.
void read_image_url(object_reader& r, std::string_view key, std::optional<std::string>& out,
                    std::string_view type_rule, std::string_view url_rule);

} // namespace push::core
