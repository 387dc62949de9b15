#include "core/model/ids.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>

using namespace push::core;

TEST_CASE("response/id-format: 22 characters of [0-9A-Za-z]") {
    id_generator g(7);
    std::regex const shape("[0-9A-Za-z]{22}");
    for (int i = 0; i < 100; ++i) {
        auto id = g.next();
        CHECK(id.size() == push_id_length);
        CHECK(std::regex_match(id, shape));
    }
}

TEST_CASE("response/id-format: ids are unique and the seed makes them reproducible") {
    id_generator a(42), b(42), c(43);
    std::set<std::string> seen;
    for (int i = 0; i < 100'000; ++i) {
        auto id = a.next();
        REQUIRE(id == b.next());
        seen.insert(id);
    }
    CHECK(seen.size() == 100'000);
    id_generator a2(42);
    CHECK(a2.next() != c.next());
}
