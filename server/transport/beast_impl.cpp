// The only translation unit that compiles the Asio and Beast implementations
// (BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION are set by CMake), so
// every other file includes the headers only and builds fast.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
