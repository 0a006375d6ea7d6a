#pragma once
/// @file
/// @brief Safe edges around nlohmann::json: parsing that reports errors as values and bounds
/// nesting, and serialising that never throws on invalid UTF-8.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"

namespace tb {

inline constexpr int kMaxJsonNesting = 256;

/// Parse JSON text. Errors (with `code_prefix` + "_INVALID_JSON" / "_TOO_DEEP" /
/// "_INVALID_UTF8" / "_TOO_LARGE") carry the byte offset in `position`.
Result<nlohmann::json> parse_json(std::string_view text, std::string_view code_prefix,
                                  std::size_t max_bytes, int max_nesting = kMaxJsonNesting);

/// Parse JSON text as a JavaScript host wrote it (JSON.stringify), through the JSONata
/// engine's reader, about a tenth of parse_json()'s cost on string-heavy text (parameters, a
/// transcript). Same errors as parse_json(); the one difference in what is read: a number
/// with an integral value below 2^53 is an integer however it is written ("1.0", "1e3"), as
/// JavaScript reads it, and any other number a double (never a 64-bit integer). A number
/// past a double's range is refused, as parse_json() refuses it.
Result<nlohmann::json> parse_json_as_js(std::string_view text, std::string_view code_prefix, std::size_t max_bytes,
                                        int max_nesting = kMaxJsonNesting);

/// Serialise compactly; invalid UTF-8 in strings is replaced (U+FFFD) instead of aborting.
std::string dump_json(const nlohmann::json& value, int indent = -1);

/// Append `text` as a JSON string literal, the bytes dump_json() writes for it (invalid UTF-8
/// replaced by U+FFFD the same way), without building a JSON value.
void append_json_string(std::string& out, std::string_view text);
/// JSON pointer for an object member / array element, for error paths ("/apiCalls/x/method").
std::string json_path_join(std::string_view parent, std::string_view member);
std::string json_path_join(std::string_view parent, std::size_t index);

/// JSON text with every lone surrogate escape (a "\\uD83D" without its pair, which a
/// JavaScript string can hold but UTF-8 cannot) inside strings replaced by "\\uFFFD".
/// `repaired` (when given) receives how many were replaced.
std::string repair_lone_surrogates(std::string_view json_text, std::size_t* repaired = nullptr);

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace tb
