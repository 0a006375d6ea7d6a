#pragma once
// Strings inside the engine are WTF-8: UTF-8 that may also hold lone surrogates (as JavaScript
// strings can), encoded as three-byte sequences. A surrogate pair is always stored as one
// four-byte sequence, so byte equality is string equality. These helpers give the JavaScript
// views of such text: UTF-16 code units (indexes, regex offsets, ordering) and code points
// (what jsonata-js's $length and $substring count).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ticketbridge/text/utf8.hpp"

namespace tb::jsonata::utf {

/// Decodes the code point at s[i] and advances i. The text must be valid WTF-8.
inline std::uint32_t next(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { ++i; return c; }
  if (c < 0xE0) {
    std::uint32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    i += 2;
    return cp;
  }
  if (c < 0xF0) {
    std::uint32_t cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                       (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    i += 3;
    return cp;
  }
  std::uint32_t cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
                     ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
                     (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
  i += 4;
  return cp;
}

/// Byte length of the sequence that starts with lead byte c.
inline std::size_t seq_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

/// Writes cp (any value up to U+10FFFF, surrogates included): the shared encoder.
using tb::utf8::append;
using tb::utf8::encode;

bool is_ascii(const char* s, std::size_t n);
std::size_t utf16_length(std::string_view s);
std::size_t code_points(std::string_view s);

/// Byte offset of UTF-16 unit index `units` (clamped to the end). An index that falls inside
/// a surrogate pair lands after the pair.
std::size_t byte_offset_of_unit(std::string_view s, std::size_t units);
/// Byte offset of code point index `cps` (clamped to the end).
std::size_t byte_offset_of_code_point(std::string_view s, std::size_t cps);

std::u16string to_utf16(std::string_view s);
/// Writes `s` as UTF-16 into `out`, which has room for s.size() units (never fewer bytes than
/// units), and returns the units written: no string of its own to allocate and copy from.
std::size_t to_utf16(std::string_view s, char16_t* out);
/// Appends UTF-16 text as WTF-8 (pairs joined, lone surrogates kept).
void append_utf16(std::string& out, const char16_t* s, std::size_t n);

/// JavaScript string order (by UTF-16 code units): <0, 0, >0.
int compare(std::string_view a, std::string_view b);

/// Joins a + b the way JavaScript concatenation does: a lone high surrogate at the end of a
/// and a lone low surrogate at the start of b become one pair. Returns bytes written to out,
/// which must hold a.size() + b.size().
std::size_t concat_into(char* out, std::string_view a, std::string_view b);

/// out += piece, joining a lone high surrogate at the end of out with a lone low one at the
/// start of piece (JavaScript concatenation).
void append_js(std::string& out, std::string_view piece);

/// Validation is the shared tb::utf8::valid (JSON input) and tb::utf8::valid_wtf8 (what the
/// lexer can decode safely).
using tb::utf8::valid_wtf8;
inline bool valid_utf8(const char* s, std::size_t n) { return tb::utf8::valid(s, n); }

}  // namespace tb::jsonata::utf
