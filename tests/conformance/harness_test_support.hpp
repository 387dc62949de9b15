// Test helper for the harness tests: a fixture from its JSON text, failing the test case with
// the loader's problem (file, pointer, message) when the text is not a valid fixture.
//
//     auto f = push::conformance::test_support::fixture_from(R"({"id":"a/001",…})", "t.json");
#pragma once

#include "conformance/fixture/fixture.hpp"

#include <doctest/doctest.h>

#include <string>

namespace push::conformance::test_support {

inline fixture fixture_from(std::string const& text, std::string const& file = "f.json") {
    auto f = parse_fixture(json::parse(text), file);
    if (!f)
        FAIL(f.error().describe());
    return *f;
}

} // namespace push::conformance::test_support
