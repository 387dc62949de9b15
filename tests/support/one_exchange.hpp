// Test helper: one request on a fresh connection, and how the server ended it — with an answer,
// an orderly close without one, a reset, or silence until the client gave up. For faults that
// close, reset or hang the connection, which http_client reports only as an exception.
#pragma once

#include "support/http_client.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace push::test_support {

enum class connection_end { closed, reset, timed_out };

struct exchange_outcome {
    std::string received; // every byte the server sent
    connection_end end = connection_end::closed;
    std::chrono::milliseconds took{0}; // from sending to the end
};

/// Connects to 127.0.0.1:port, sends `bytes` and reads until the server closes or resets the
/// connection, or `timeout` passes without an end (then the client closes, as one that gives up).
exchange_outcome send_once(unsigned short port, std::string_view bytes,
                           std::chrono::milliseconds timeout = 5000ms);

/// The bytes of a signed POST of `body` to `target` for app `key` with `secret`, asking the
/// server to close the connection after its answer.
std::string signed_post(std::string_view target, std::string_view key, std::string_view secret,
                        std::string_view body);

} // namespace push::test_support
