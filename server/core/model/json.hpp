// One alias header for the core, as CppCon2018's net.hpp does for the network layer.
#pragma once

#include <boost/json.hpp>

namespace push::core {
namespace json = boost::json;
} // namespace push::core
