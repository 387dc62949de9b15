// The harness's one error convention: whatever can fail returns result<T>, whose error is a
// problem in words for the user. Exceptions stay inside the one call that lets a library throw.
#pragma once

#include <boost/system/result.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace push::conformance {

/// Why something the harness tried did not work. A problem in a file (a fixture) also names the
/// file and the JSON pointer of the bad value; a network problem also keeps its bare cause.
class problem {
public:
    problem() = default;
    /// A problem in `file` at the JSON `pointer` of the bad value ("" for the whole file).
    problem(std::string file, std::string pointer, std::string message);

    std::string message;
    /// The bare reason inside `message` ("Connection refused"), for callers that reword it.
    std::string cause;
    std::string file;
    std::string pointer;
    /// Further problems found in the same pass (load_fixtures reports every unusable fixture).
    std::vector<problem> more;

    /// The text for the user: `message`, or "file: /pointer: message" for a problem in a file;
    /// then one line per problem in `more`.
    std::string describe() const;
};

/// A problem that `message` describes whole; `cause` is its bare reason, when a caller may
/// reword the message. (Not a constructor: result<std::string> needs a problem that a string
/// does not construct.)
problem fail(std::string message, std::string cause = {});

template <class T = void> using result = boost::system::result<T, problem>;

/// For test messages and logs: the problem as describe() gives it.
std::ostream& operator<<(std::ostream& os, problem const& p);

/// Lets result<T>::value() throw: a std::runtime_error carrying describe().
[[noreturn]] void throw_exception_from_error(problem const& p, boost::source_location const& loc);

} // namespace push::conformance
