// JSON pointers (RFC 6901): fixtures address body and journal values with them, and fixture
// problems name the bad value by one.
#pragma once

#include <boost/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace push::conformance {

namespace json = boost::json;

/// The value at a JSON pointer ("" is the whole document), or nullptr when absent.
json::value const* at_pointer(json::value const& doc, std::string_view pointer);

/// `pointer` extended by one object key (escaped as RFC 6901 says) or by one array index.
std::string child_pointer(std::string const& pointer, std::string_view key);
std::string child_pointer(std::string const& pointer, std::size_t index);

} // namespace push::conformance
