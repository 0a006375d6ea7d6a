#pragma once
// Sixteen bytes at a time: which of them end a run of plain JSON string text ('"', '\\',
// control characters, and every byte >= 0x80, which the callers then look at one by one).
// SSE2 natively, WebAssembly SIMD in the WASM build (-msimd128); without either the callers
// fall back to eight-byte words. Scanning strings is most of the time spent reading and
// writing JSON, and WebAssembly engines do not turn the word loop into vector code.

#include <cstdint>

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

}  // namespace tb::jsonata
