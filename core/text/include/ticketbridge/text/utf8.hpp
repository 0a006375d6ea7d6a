#pragma once
/// @file
/// @brief UTF-8 encoding, checked decoding and validation: the one copy the JSONata engine and
/// the product core share (JSONata strings and JSON input, category names and CSV files,
/// redaction scanners, regex error messages).
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

/// True when s is valid UTF-8: no overlongs, no surrogates, nothing past U+10FFFF (what JSON
/// text, CSV files and configured strings must be).
bool valid(const char* s, std::size_t n);
inline bool valid(std::string_view s) { return valid(s.data(), s.size()); }

/// True when s is well-formed WTF-8: valid UTF-8 that may also encode lone surrogates (the
/// text of a JavaScript string). A surrogate pair must be one four-byte sequence, not two
/// three-byte ones, so byte equality stays string equality.
bool valid_wtf8(const char* s, std::size_t n);

/// Characters that change how surrounding text is laid out without being seen: C0 and C1
/// controls, line and paragraph separators, bidirectional embeddings, overrides and
/// isolates, and zero-width spaces. A name or a reference holding one can display as
/// something it is not (U+202E turns "exe.txt" around).
inline bool is_layout_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200B || cp == 0x200E ||
         cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

}  // namespace tb::utf8
