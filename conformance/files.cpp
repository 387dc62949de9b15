#include "conformance/files.hpp"

#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>

namespace push::conformance {

result<std::string> read_file(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return problem(path, "", "cannot read the file");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

result<boost::json::value> read_json_file(std::string const& path) {
    auto text = read_file(path);
    if (!text)
        return text.error();
    boost::system::error_code ec;
    auto doc = boost::json::parse(*text, ec);
    if (ec)
        return problem(path, "", "not valid JSON: " + ec.message());
    return doc;
}

result<> write_file(std::string const& path, std::string const& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        return fail("cannot write " + path);
    return {};
}

} // namespace push::conformance
