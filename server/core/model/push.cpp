#include "core/model/push.hpp"

namespace push::core {

std::string_view effective_alert(notification const& n, platform p) noexcept {
    // notification/effective-content: 推送内容以对应平台系统的 alert 为准
    std::optional<std::string> const* own = nullptr;
    if (p == platform::ios && n.ios)
        own = &n.ios->alert;
    if (p == platform::android && n.android)
        own = &n.android->alert;
    if (p == platform::harmonyos && n.harmony_os)
        own = &n.harmony_os->alert;
    if (own && *own)
        return **own;
    if (n.alert)
        return *n.alert;
    return {};
}

std::optional<std::string> effective_title(notification const& n, platform p) {
    // notification/effective-content: ios.title 优先级高于 notification.title
    if (p == platform::ios && n.ios && n.ios->title)
        return n.ios->title;
    return n.title;
}

} // namespace push::core
