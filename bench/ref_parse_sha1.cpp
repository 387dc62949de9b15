// Reference server "parse+sha1", the floor of real work in `scripts/bench --compare`: reads each
// request with Beast, checks its signature (hex(SHA1(secret + Nonce + Timestamp)) against the
// Signature header, OpenSSL EVP) and parses its body with boost::json, then answers the same
// successful /push.json body. 401 on a bad signature, 400 on a body that is not JSON.
// Usage: bench_ref_parse_sha1 PORT SECRET
#include "ref_server.hpp"

#include <boost/json.hpp>
#include <openssl/evp.h>

#include <string>

using namespace push::bench;

namespace {

constexpr std::string_view accepted = R"({"code":200,"id":"50whSR6kQiHb7YgFwQzXIb"})";
constexpr std::string_view bad_signature = R"({"code":1004,"errorMessage":"signature mismatch"})";
constexpr std::string_view bad_json = R"({"code":1002,"errorMessage":"malformed JSON body"})";

/// Lower-case hex of SHA1(secret + nonce + timestamp).
std::string expected_signature(std::string_view secret, std::string_view nonce,
                               std::string_view timestamp) {
    std::string input;
    input.reserve(secret.size() + nonce.size() + timestamp.size());
    input.append(secret).append(nonce).append(timestamp);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(input.data(), input.size(), md, &len, EVP_sha1(), nullptr);
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        hex.push_back(digits[md[i] >> 4]);
        hex.push_back(digits[md[i] & 0xf]);
    }
    return hex;
}

/// Whether the request's Signature header matches, ignoring the case of the hex digits.
bool signature_matches(request const& req, std::string_view secret) {
    auto const expected = expected_signature(secret, req["Nonce"], req["Timestamp"]);
    return beast::iequals(req["Signature"], expected);
}

} // namespace

int main(int argc, char* argv[]) {
    if (argc != 3) {
        std::cerr << "usage: bench_ref_parse_sha1 PORT SECRET\n";
        return 2;
    }
    std::string const secret = argv[2];
    return serve(argv[1], [&secret](request const& req) {
        if (!signature_matches(req, secret))
            return json_response(req, http::status::unauthorized, bad_signature);
        boost::system::error_code ec;
        auto const parsed = boost::json::parse(req.body(), ec);
        if (ec)
            return json_response(req, http::status::bad_request, bad_json);
        return json_response(req, http::status::ok, accepted);
    });
}
