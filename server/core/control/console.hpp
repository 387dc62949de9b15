// The console: a single page (HTML, CSS, plain JavaScript from server/console/, compiled into
// the binary by cmake/embed_console.cmake) served at /_emulator/ui/, that watches and drives the
// emulator through the control API only (docs/console.md).
#pragma once

#include "core/model/message.hpp"

#include <span>
#include <string_view>

namespace push::core {

/// One file of the console, as compiled in.
struct console_asset {
    std::string_view name;         // "index.html"
    std::string_view content_type; // "text/html; charset=utf-8"
    std::string_view etag;         // a quoted prefix of the file's SHA-1
    std::string_view bytes;
};

/// Every file of the console (generated at build time).
std::span<console_asset const> console_assets() noexcept;

/// True for /_emulator/ui and the paths under it.
bool is_console_path(std::string_view normalized_path) noexcept;

/// Answers GET or HEAD of a console path: /_emulator/ui redirects to /_emulator/ui/, which is
/// index.html; a file is sent with its ETag (304 when If-None-Match names it); 404 for a file
/// the console does not have, 405 for another method.
api_response serve_console(api_request const& req, std::string_view normalized_path);

} // namespace push::core
