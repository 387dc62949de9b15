// The fixture document reader, shared by the fixture loader's files: typed access to the members
// of one fixture, each failure naming the file and the JSON pointer of the offending value.
// Internal to fixture*.cpp; users include conformance/fixture.hpp.
#pragma once

#include "conformance/fixture.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace push::conformance::detail {

/// `ptr` extended by one object key (escaped as RFC 6901 says) or by one array index.
std::string child(std::string const& ptr, std::string_view key);
std::string child(std::string const& ptr, std::size_t i);

/// True when `path` (query and doubled slashes ignored) is /push.json, the call that spends quota.
bool is_push_path(std::string const& path);

// A cursor over one fixture document: the file name for errors and helpers that read typed
// members, each failing with the JSON pointer of the bad value.
class reader {
public:
    explicit reader(std::string file) : file_(std::move(file)) {}

    load_error fail(std::string pointer, std::string message) const;

    load_result<json::object const*> object(json::value const& v, std::string const& p) const;
    load_result<std::string> string(json::value const& v, std::string const& p) const;
    load_result<bool> boolean(json::value const& v, std::string const& p) const;
    load_result<int> integer(json::value const& v, std::string const& p) const;

    // Expectations (fixture_expect.cpp).
    load_result<expectation> expect(json::value const& v, std::string const& p) const;
    load_result<std::vector<field_check>> checks(json::value const& v, std::string const& p,
                                                 bool pointers) const;
    load_result<matcher> one_matcher(std::string_view name, json::value const& arg,
                                     std::string const& p) const;

    // Requests and steps (fixture_request.cpp).
    load_result<request_spec> request(json::object const& o, std::string const& p,
                                      bool control) const;
    /// Adds the expectation at `p` to a parsed request step and decides whether it spends quota.
    load_result<void> expect_step(step& s, json::value const& v, std::string const& p,
                                  bool control) const;
    load_result<step> one_step(json::value const& v, std::string const& p) const;

    // Signing (fixture_signing.cpp).
    load_result<signing_spec> signing(json::value const& v, std::string const& p) const;

    // Body macros (fixture_body.cpp).
    load_result<json::value> expand(json::value const& v, std::string const& p) const;

private:
    load_result<void> request_field(request_spec& r, int& bodies, std::string_view key,
                                    json::value const& val, std::string const& p,
                                    bool control) const;
    load_result<step> clock_step(json::value const& v, std::string const& p) const;
    load_result<void> signing_override(signing_spec& s, std::string_view key,
                                       json::value const& val, std::string const& p) const;
    load_result<json::value> generate(json::object const& o, std::string const& p) const;

    std::string file_;
};

} // namespace push::conformance::detail
