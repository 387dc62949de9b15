// The one alias header of the network layer, as in CppCon2018's net.hpp: `net`, `beast`, `http`,
// `json`. Only server/transport (and test helpers) include it; server/core never sees Beast.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace push::transport {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace json = boost::json;
using tcp = boost::asio::ip::tcp;
} // namespace push::transport
