#pragma once
/// @file
/// @brief JavaScript's Canonicalize(ch) for the `i` flag outside unicode mode: two code units
/// match case-insensitively exactly when their canonical forms are equal. The JSONata
/// engine's regex and the transcript redaction's term matching share it.

#include <cstdint>

namespace tb::text {

/// Canonical (simple uppercase) form of one UTF-16 code unit, per ECMA-262 non-unicode rules.
char16_t canonicalize(char16_t unit);

/// A code point's case fold for comparisons: Canonicalize for the BMP, identity beyond it.
inline char32_t fold_case(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp > 0xFFFF) return cp;
  return canonicalize(static_cast<char16_t>(cp));
}

/// Calls `emit(lo, hi)` with ranges whose union is { canonicalize(c) : lo0 <= c <= hi0 }.
/// Ranges may overlap and come in any order.
template <class Emit>
void canonicalize_range(char16_t lo0, char16_t hi0, Emit&& emit);

namespace detail {
struct CaseRun {
  std::uint16_t first;
  std::uint16_t last;
  std::uint16_t delta;  // added modulo 0x10000
  std::uint8_t stride;  // 1: every unit in [first, last]; 2: every other unit from first
};
extern const CaseRun kCaseRuns[];
extern const std::uint32_t kCaseRunCount;
}  // namespace detail

template <class Emit>
void canonicalize_range(char16_t lo0, char16_t hi0, Emit&& emit) {
  std::uint32_t lo = lo0;
  const std::uint32_t hi = hi0;
  // Walk the runs in order; the gaps between them map to themselves.
  for (std::uint32_t r = 0; r < detail::kCaseRunCount && lo <= hi; ++r) {
    const detail::CaseRun& run = detail::kCaseRuns[r];
    if (run.last < lo) continue;
    if (run.first > hi) break;
    if (run.first > lo) {
      emit(static_cast<char16_t>(lo), static_cast<char16_t>(run.first - 1));
      lo = run.first;
    }
    const std::uint32_t end = run.last < hi ? run.last : hi;
    if (run.stride == 1) {
      emit(static_cast<char16_t>((lo + run.delta) & 0xFFFF),
           static_cast<char16_t>((end + run.delta) & 0xFFFF));
    } else {
      for (std::uint32_t c = lo; c <= end; ++c) {
        const bool mapped = ((c - run.first) & 1) == 0;
        const std::uint32_t to = mapped ? (c + run.delta) & 0xFFFF : c;
        emit(static_cast<char16_t>(to), static_cast<char16_t>(to));
      }
    }
    lo = end + 1;
  }
  if (lo <= hi) emit(static_cast<char16_t>(lo), static_cast<char16_t>(hi));
}

}  // namespace tb::text
