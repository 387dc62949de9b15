// transport/log: the request line format and the levels.
#include "transport/log.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace push::transport;
using namespace std::chrono;

TEST_CASE("log: the request line has time, method, target, status, code, app, rule, duration") {
    system_clock::time_point const t{milliseconds(1408710653123)};
    request_record r{"POST", "/push.json", 429, 1008, "k", "quota/per-hour", microseconds(1500)};
    CHECK(format_request_line(r, t) ==
          "2014-08-22T12:30:53.123Z POST /push.json 429 code=1008 app=k rule=quota/per-hour "
          "1.500ms");
    request_record anonymous{"GET", "/x", 404, 404, "", "", microseconds(7)};
    CHECK(format_request_line(anonymous, t) ==
          "2014-08-22T12:30:53.123Z GET /x 404 code=404 app=- rule=- 0.007ms");
}

TEST_CASE("log: levels filter lines; off writes nothing") {
    std::ostringstream out;
    logger warn_only(log_level::warn, out);
    warn_only.write(log_level::info, "hidden");
    warn_only.request({"GET", "/", 200, 200, "", "", microseconds(1)});
    warn_only.write(log_level::error, "shown");
    CHECK(out.str().find("hidden") == std::string::npos);
    CHECK(out.str().find(" GET / ") == std::string::npos);
    CHECK(out.str().find(" error shown\n") != std::string::npos);
    std::ostringstream none;
    logger off(log_level::off, none);
    off.write(log_level::error, "x");
    CHECK(none.str().empty());
}

TEST_CASE("log: level names") {
    for (auto l :
         {log_level::off, log_level::error, log_level::warn, log_level::info, log_level::debug})
        CHECK(parse_log_level(to_string(l)) == l);
    CHECK(!parse_log_level("INFO"));
    CHECK(!parse_log_level("trace"));
}

TEST_CASE("log: a strict-profile refusal carries the same hint as its errorMessage") {
    system_clock::time_point const t{milliseconds(1408710653123)};
    request_record r{"POST",
                     "/push.json",
                     401,
                     1004,
                     "k",
                     "auth/timestamp-format",
                     microseconds(20),
                     "official SDKs send seconds: run the lenient profile"};
    CHECK(format_request_line(r, t) ==
          "2014-08-22T12:30:53.123Z POST /push.json 401 code=1004 app=k "
          "rule=auth/timestamp-format 0.020ms hint=\"official SDKs send seconds: run the lenient "
          "profile\"");
}
