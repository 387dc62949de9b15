// Test helper: a stand-in for the real service, which is not the emulator. A one-thread HTTP/1.1
// listener on 127.0.0.1 that checks each request's signature against its own App-Key and secret
// and answers what the test's script says; it keeps every request it saw.
//
//     service_double real("key", "secret", [](auto const& req, bool signed_ok) {
//         return service_double::answer{200, {{"Content-Type", "application/json"}}, "{}"};
//     });
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace push::test_support {

class service_double {
public:
    using header_list = std::vector<std::pair<std::string, std::string>>;
    struct request {
        std::string method, target;
        header_list headers;
        std::string body;
        /// The value of header `name` (case-insensitive), or "".
        std::string header(std::string const& name) const;
    };
    struct answer {
        int status = 200;
        header_list headers;
        std::string body;
    };
    /// What to answer; `signed_ok` says whether the request carries this service's App-Key and
    /// a signature made with its secret.
    using script = std::function<answer(request const&, bool signed_ok)>;

    service_double(std::string app_key, std::string secret, script s);
    ~service_double();
    service_double(service_double const&) = delete;
    service_double& operator=(service_double const&) = delete;

    std::string url() const;
    /// Every request seen so far.
    std::vector<request> requests();

private:
    void serve();
    void serve_one(int fd);

    std::string app_key_, secret_;
    script script_;
    int fd_ = -1;
    unsigned short port_ = 0;
    std::mutex mutex_;
    std::vector<request> seen_;
    std::thread thread_;
};

} // namespace push::test_support
