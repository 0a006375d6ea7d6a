#pragma once
/// @file
/// @brief Encodings the HTTP side needs (HTTP Basic credentials are base64 of "user:password").

#include <string>
#include <string_view>

namespace tb {

/// @brief base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view bytes);

}  // namespace tb
