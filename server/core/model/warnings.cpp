#include "core/model/warnings.hpp"

#include "core/model/effective_content.hpp"
#include "core/model/field_hints.hpp"

namespace push::core {
namespace {

std::string or_list(std::vector<std::string> const& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out.append(i == 0 ? "" : i + 1 == items.size() ? " or " : ", ").append(items[i]);
    return out;
}

/// The platforms of `reached` whose devices would show no text.
std::vector<platform> silent_platforms(push_request const& push, recipients const& reached) {
    std::vector<platform> out;
    for (auto p : shown_platforms(push, reached))
        if (effective_alert(push.notification, p).empty())
            out.push_back(p);
    return out;
}

void precedence_warnings(push_request const& push, std::vector<push_warning>& out) {
    auto const& a = push.audience;
    auto note = [&](bool set, std::string_view path, std::string_view why) {
        if (set)
            out.push_back({"ignored_by_precedence",
                           std::string(path),
                           std::string(path) + " is ignored: " + std::string(why),
                           {}});
    };
    // audience/is-to-all: is_to_all 为 true 时参数无效 (tag, tag_or, userid, packageName).
    if (a.is_to_all) {
        constexpr std::string_view why = "audience.is_to_all is true (audience/is-to-all)";
        note(!a.tag.empty(), "audience.tag", why);
        note(!a.tag_or.empty(), "audience.tag_or", why);
        note(!a.userid.empty(), "audience.userid", why);
        note(!a.package_name.empty(), "audience.packageName", why);
        return;
    }
    // audience/userid-wins: 以 userid 为准; 如果 userid 有值时，则 platform 参数无效.
    if (!a.userid.empty()) {
        constexpr std::string_view why = "audience.userid is set (audience/userid-wins)";
        note(true, "platform", why);
        note(!a.tag.empty(), "audience.tag", why);
        note(!a.tag_or.empty(), "audience.tag_or", why);
        note(!a.package_name.empty(), "audience.packageName", why);
    }
}

} // namespace

std::string ignored_fields_text(std::span<std::string const> ignored) {
    if (ignored.empty())
        return {};
    std::string out = "ignored unknown fields: ";
    for (std::size_t i = 0; i < ignored.size(); ++i) {
        out.append(i == 0 ? "" : ", ").append(ignored[i]);
        if (auto hint = did_you_mean(ignored[i]); !hint.empty())
            out.append(" (did you mean ").append(or_list(hint)).append("?)");
    }
    return out;
}

std::string silent_platforms_text(push_request const& push, recipients const& reached) {
    // notification/alert-required only covers the listed platforms; a userid audience ignores
    // platform (audience/userid-wins) and can reach others, whose devices would get no text.
    std::string silent;
    for (auto p : silent_platforms(push, reached))
        silent.append(silent.empty() ? "" : ", ").append(to_string(p));
    if (silent.empty())
        return {};
    return "audience.userid reaches " + silent +
           " devices, which have no alert text (set notification.alert)";
}

std::vector<push_warning> push_warnings(std::span<std::string const> ignored,
                                        push_request const* push, recipients const* reached) {
    std::vector<push_warning> out;
    for (auto const& path : ignored) {
        auto hint = did_you_mean(path);
        std::string message = path + " is not a documented field: the service ignores it";
        if (!hint.empty())
            message += "; did you mean " + or_list(hint) + "?";
        out.push_back({"ignored_field", path, std::move(message), std::move(hint)});
    }
    if (!push || !reached)
        return out;
    precedence_warnings(*push, out);
    for (auto p : silent_platforms(*push, *reached)) {
        std::string const path = p == platform::ios       ? "notification.ios.alert"
                                 : p == platform::android ? "notification.android.alert"
                                                          : "notification.harmonyOS.alert";
        out.push_back({"no_alert_text",
                       path,
                       "audience.userid reaches " + std::string(to_string(p)) +
                           " devices, which have no alert text (set notification.alert)",
                       {}});
    }
    return out;
}

} // namespace push::core
