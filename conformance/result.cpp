#include "conformance/result.hpp"

#include <stdexcept>

namespace push::conformance {

problem::problem(std::string file, std::string pointer, std::string message)
    : message(std::move(message)), file(std::move(file)), pointer(std::move(pointer)) {}

problem fail(std::string message, std::string cause) {
    problem p;
    p.message = std::move(message);
    p.cause = std::move(cause);
    return p;
}

std::string problem::describe() const {
    auto line = file.empty()
                    ? message
                    : file + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message;
    for (auto const& p : more)
        line += "\n" + p.describe();
    return line;
}

std::ostream& operator<<(std::ostream& os, problem const& p) {
    return os << p.describe();
}

void throw_exception_from_error(problem const& p, boost::source_location const&) {
    throw std::runtime_error(p.describe());
}

} // namespace push::conformance
