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

TEST_CASE(
    "log: a TAB, a space or a byte >= 0x80 in the App-Key or target cannot split or fake fields") {
    system_clock::time_point const t{milliseconds(1408710653123)};
    request_record r{"POST", "/push.json?a=b\tc", 200, 200, "k x\tapp=evil\n2014 \xff",
                     "",     microseconds(1)};
    auto const line = format_request_line(r, t);
    CHECK(line == "2014-08-22T12:30:53.123Z POST /push.json?a=b\\x09c 200 code=200 "
                  "app=k\\x20x\\x09app=evil\\x0a2014\\x20\\xff rule=- 0.001ms");
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\t') == std::string::npos);
}

TEST_CASE("log: with a deferred flush, lines of one loop turn are written together, in order") {
    std::ostringstream out;
    std::vector<std::function<void()>> posted;
    {
        logger log(log_level::info, out);
        log.defer_flush([&](std::function<void()> f) { posted.push_back(std::move(f)); });
        log.request({"GET", "/a", 200, 200, "", "", microseconds(1)});
        log.write(log_level::warn, "between");
        log.request({"GET", "/b", 200, 200, "", "", microseconds(1)});
        CHECK(out.str().empty());
        REQUIRE(posted.size() == 1); // one flush asked for the whole batch
        posted.front()();
        auto const text = out.str();
        CHECK(text.find(" GET /a ") < text.find(" warn between"));
        CHECK(text.find(" warn between") < text.find(" GET /b "));
        log.request({"GET", "/c", 200, 200, "", "", microseconds(1)});
        CHECK(posted.size() == 2);
    } // the logger writes what is left when it goes
    CHECK(out.str().find(" GET /c ") != std::string::npos);
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
