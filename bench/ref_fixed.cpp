// Reference server "fixed", the ceiling of `scripts/bench --compare`: reads each request with
// Beast and answers the same successful /push.json body, doing no other work, so it costs what
// the HTTP layer alone costs on one thread. Usage: bench_ref_fixed PORT
#include "ref_server.hpp"

using namespace push::bench;

namespace {
constexpr std::string_view accepted = R"({"code":200,"id":"50whSR6kQiHb7YgFwQzXIb"})";
} // namespace

int main(int argc, char* argv[]) {
    if (argc != 2) {
        std::cerr << "usage: bench_ref_fixed PORT\n";
        return 2;
    }
    return serve(argv[1],
                 [](request const& req) { return json_response(req, http::status::ok, accepted); });
}
