#pragma once
// UTF-8 encoding and checked decoding, shared by every module that walks text by code point
// (JSONata strings, category names, redaction scanners, regex error messages).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tb::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

/// Writes cp (up to U+10FFFF; surrogates as three bytes, which JSONata's WTF-8 strings need)
/// to out; returns the number of bytes written (1 to 4).
std::size_t encode(char* out, std::uint32_t cp);

inline void append(std::string& out, std::uint32_t cp) {
  char buf[4];
  out.append(buf, encode(buf, cp));
}

/// Decodes the code point at s[i] and advances i past it. Malformed or truncated sequences,
/// overlongs, surrogates and values past U+10FFFF yield U+FFFD and advance by one byte.
char32_t decode(std::string_view s, std::size_t& i);

}  // namespace tb::utf8
