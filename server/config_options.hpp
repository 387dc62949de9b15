// The emulator's settings as a table: each one a flag and (mostly) a config-file key, with its
// parser. Internal to config.cpp and config_options.cpp.
#pragma once

#include "config.hpp"

#include <boost/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace push::config_detail {

/// nullopt when the value was applied, else what is wrong with it.
using problem = std::optional<std::string>;
enum class json_kind { string, integer, string_or_integer, string_list };

/// One setting, reachable as a flag and (when json_key is set) as a config-file key.
struct option {
    std::string_view flag;
    std::string_view json_key;
    json_kind kind;
    std::string_view value_name;
    std::string_view help;
    std::function<problem(emulator_config&, std::string_view)> apply;
};

/// Every setting, in --help order.
std::vector<option> const& options();
/// The listener settings (config_listeners.cpp), placed in the table after --port.
std::vector<option> listener_options();
/// Checks the listener settings together: a certificate needs its key and an HTTPS port, no
/// two listeners share a port.
problem check_listeners(emulator_config const& config);
option const* find_flag(std::string_view flag);
/// The text form of a JSON scalar of the option's kind, or nullopt for a wrong type.
std::optional<std::string> scalar_text(boost::json::value const& v, json_kind kind);
/// The values a config-file member gives a flag: one scalar, or each string of a string_list
/// option's array; nullopt for a wrong type.
std::optional<std::vector<std::string>> flag_values(boost::json::value const& v, json_kind kind);
/// "expected a string" etc., for a value of the wrong JSON type.
std::string_view kind_name(json_kind k);
/// `s` in double quotes, for messages.
std::string quoted(std::string_view s);

} // namespace push::config_detail
