#include "support/service_double.hpp"

#include "core/model/signature.hpp"
#include "core/model/text.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>
#include <stdexcept>

namespace push::test_support {

namespace {

// The request line and headers of `head` (up to the blank line).
service_double::request parse_head(std::string const& head) {
    service_double::request r;
    std::istringstream in(head);
    std::string line;
    std::getline(in, line);
    std::istringstream first(line);
    first >> r.method >> r.target;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers.emplace_back(line.substr(0, colon), value);
    }
    return r;
}

std::string reason(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    default:
        return "Status";
    }
}

} // namespace

std::string service_double::request::header(std::string const& name) const {
    for (auto const& [n, v] : headers)
        if (core::iequals(n, name))
            return v;
    return {};
}

service_double::service_double(std::string app_key, std::string secret, script s)
    : app_key_(std::move(app_key)), secret_(std::move(secret)), script_(std::move(s)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 16) != 0)
        throw std::runtime_error("service_double: cannot listen");
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
}

service_double::~service_double() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
}

std::string service_double::url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::vector<service_double::request> service_double::requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
}

void service_double::serve() {
    // One request per connection: the harness sends each on a fresh one.
    for (int c; (c = ::accept(fd_, nullptr, nullptr)) >= 0; ::close(c))
        serve_one(c);
}

void service_double::serve_one(int c) {
    // Read the head, then Content-Length bytes of body.
    std::string data;
    char buf[4096];
    std::size_t need = std::string::npos, head_end = std::string::npos;
    while (need == std::string::npos || data.size() < need) {
        auto n = ::read(c, buf, sizeof buf);
        if (n <= 0)
            break;
        data.append(buf, static_cast<std::size_t>(n));
        if (head_end == std::string::npos &&
            (head_end = data.find("\r\n\r\n")) != std::string::npos) {
            auto r = parse_head(data.substr(0, head_end));
            auto cl = r.header("Content-Length");
            need = head_end + 4 + (cl.empty() ? 0 : std::stoul(cl));
        }
    }
    if (head_end == std::string::npos)
        return;
    auto r = parse_head(data.substr(0, head_end));
    r.body = data.substr(head_end + 4);
    bool const signed_ok =
        r.header("App-Key") == app_key_ && !r.header("Signature").empty() &&
        r.header("Signature") ==
            core::expected_signature(secret_, r.header("Nonce"), r.header("Timestamp"));
    {
        std::lock_guard<std::mutex> lock(mutex_);
        seen_.push_back(r);
    }
    auto a = script_(r, signed_ok);
    // Answer and close.
    std::string out = "HTTP/1.1 " + std::to_string(a.status) + " " + reason(a.status) + "\r\n";
    for (auto const& [n, v] : a.headers)
        out += n + ": " + v + "\r\n";
    out += "Connection: close\r\nContent-Length: " + std::to_string(a.body.size()) + "\r\n\r\n" +
           a.body;
    (void)!::write(c, out.data(), out.size());
}

} // namespace push::test_support
