#pragma once
// Eight bytes of text checked at once for anything a JSON string cannot hold as it is, shared
// by the escaper (template_render.cpp) and the parameter scanner (http/params_text.cpp), which
// both spend most of their time stepping over plain text.
#include <cstdint>
#include <cstring>

namespace tb {

// One bit (the high bit of its byte) for each of the eight bytes at `p` that may need a look:
// below 0x20, '"', '\\', 0x7F or not ASCII (which may start U+2028). A borrow may flag a byte
// that needs nothing (the caller looks at it and passes); no such byte goes unflagged.
inline std::uint64_t json_escape_flags8(const char* p) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  std::uint64_t w;
  std::memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  w = __builtin_bswap64(w);  // byte k of the text in bits 8k..8k+7, as the callers count them
#endif
  const std::uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
  const std::uint64_t found = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
                              ((w - ones * 0x20) & ~w) | (((w & ~high) + ones) | w);
  return found & high;
}

}  // namespace tb
