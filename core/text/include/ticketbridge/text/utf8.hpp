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

/// Characters that change how surrounding text is laid out without being seen: C0 and C1
/// controls, line and paragraph separators, bidirectional embeddings, overrides and
/// isolates, and zero-width spaces. A name or a reference holding one can display as
/// something it is not (U+202E turns "exe.txt" around).
inline bool is_layout_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200B || cp == 0x200E ||
         cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

}  // namespace tb::utf8
