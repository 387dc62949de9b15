// Compiles Asio's SSL implementation once for the harness's HTTPS client (Asio and Beast
// themselves are compiled in server/transport/beast_impl.cpp). If transport ever compiles
// <boost/asio/ssl/impl/src.hpp> itself, remove this file.
#include <boost/asio/ssl/impl/src.hpp>
