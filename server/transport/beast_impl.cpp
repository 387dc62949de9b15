// The only translation unit that compiles the Asio and Beast implementations
// (BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION are set by CMake), so
// every other file includes the headers only and builds fast. Asio's SSL part serves HTTPS
// (transport/tls.*) and the harness's HTTPS client alike.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
