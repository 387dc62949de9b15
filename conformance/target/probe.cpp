#include "conformance/target/probe.hpp"

#include "conformance/target/http_client.hpp"

namespace push::conformance {

result<probe_answer> probe_emulator(endpoint const& at, std::optional<std::string> const& token,
                                    std::chrono::milliseconds timeout) {
    outgoing_request req;
    req.method = "GET";
    req.target = "/_emulator/health";
    if (token)
        req.headers.emplace_back("X-Emulator-Token", *token);
    auto r = send_request(at, req, timeout).response;
    if (!r)
        return fail("cannot reach " + at.url() + ": " + r.error().cause);
    if (r->status == 200 && r->body.find("\"ok\"") != std::string::npos)
        return probe_answer::emulator;
    return probe_answer::other;
}

} // namespace push::conformance
