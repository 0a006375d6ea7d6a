#pragma once
// Sixteen bytes at a time: which of them end a run of plain JSON string text ('"', '\\',
// control characters, and every byte >= 0x80, which the callers then look at one by one).
// SSE2 natively, WebAssembly SIMD in the WASM build (-msimd128); without either the callers
// fall back to eight-byte words. Scanning strings is most of the time spent reading and
// writing JSON, and WebAssembly engines do not turn the word loop into vector code.

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#define TB_BYTE_SCAN16 1
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define TB_BYTE_SCAN16 1
#endif

// -Os (the WASM build's default) leaves small functions out of line, and a call per string
// costs more than the scan; the few helpers of the JSON reader's inner loop are forced inline.
#if defined(__GNUC__)
#define TB_HOT_INLINE inline __attribute__((always_inline))
#else
#define TB_HOT_INLINE inline
#endif

namespace tb::jsonata {

#if defined(TB_BYTE_SCAN16)
/// Bit i set when byte p[i] is '"', '\\', below 0x20 or above 0x7F. Reads exactly 16 bytes.
TB_HOT_INLINE unsigned special_mask16(const char* p) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed compare: bytes >= 0x80 are negative, so "< 0x20" catches them too.
  const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                       _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
  return static_cast<unsigned>(_mm_movemask_epi8(special));
#else
  const v128_t v = wasm_v128_load(p);
  const v128_t special = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat('"')),
                                                   wasm_i8x16_eq(v, wasm_i8x16_splat('\\'))),
                                      wasm_i8x16_lt(v, wasm_i8x16_splat(0x20)));
  return static_cast<unsigned>(wasm_i8x16_bitmask(special));
#endif
}
#endif

#if defined(TB_BYTE_SCAN16)
/// Over the 64 bytes at p: bit i of `quotes` set when p[i] is '"', of `others` when p[i] is
/// '\\', below 0x20 or above 0x7F. Reads exactly 64 bytes.
TB_HOT_INLINE void string_masks64(const char* p, std::uint64_t& quotes, std::uint64_t& others) {
  quotes = others = 0;
  for (int k = 0; k < 4; ++k) {
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const auto q = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
    const auto o = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')), _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)))));
#else
    const v128_t v = wasm_v128_load(p + 16 * k);
    const auto q = static_cast<unsigned>(wasm_i8x16_bitmask(wasm_i8x16_eq(v, wasm_i8x16_splat('"'))));
    const auto o = static_cast<unsigned>(wasm_i8x16_bitmask(
        wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat('\\')), wasm_i8x16_lt(v, wasm_i8x16_splat(0x20)))));
#endif
    quotes |= static_cast<std::uint64_t>(q) << (16 * k);
    others |= static_cast<std::uint64_t>(o) << (16 * k);
  }
}
#endif

#if !defined(TB_BYTE_SCAN16)
// Non-zero when some byte of w is '"', '\\', a control character or non-ASCII.
inline std::uint64_t special_bytes(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  std::uint64_t q = w ^ (ones * '"');
  std::uint64_t b = w ^ (ones * '\\');
  return (((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w) | w) & highs;
}
#endif

/// Length of the run of plain string text at p: '"', '\\', control and non-ASCII bytes end
/// it. The caller guarantees a terminator within reach and 16 readable bytes past it (the JSON
/// reader pads its copy of the text with NULs).
TB_HOT_INLINE std::size_t plain_run(const char* p) {
  std::size_t i = 0;
#if defined(TB_BYTE_SCAN16)
  for (;; i += 16)
    if (unsigned mask = special_mask16(p + i)) return i + static_cast<std::size_t>(__builtin_ctz(mask));
#else
  for (;; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (special_bytes(word)) break;
  }
  for (;; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return i;
  }
#endif
}

}  // namespace tb::jsonata
