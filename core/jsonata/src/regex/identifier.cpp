#include "regex/identifier.hpp"

#include <cstddef>

namespace tb::jsonata::regex {
namespace {

#include "regex/identifier_data.inc"

template <std::size_t N>
bool in_ranges(const unsigned char (&table)[N], std::uint32_t cp) {
  std::size_t i = 0;
  auto varint = [&]() {
    std::uint32_t value = 0;
    for (int shift = 0; i < N; shift += 7) {
      const unsigned char b = table[i++];
      value |= static_cast<std::uint32_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) break;
    }
    return value;
  };
  std::uint32_t next = 0;
  while (i < N) {
    const std::uint32_t lo = next + varint();
    const std::uint32_t hi = lo + varint();
    if (cp < lo) return false;
    if (cp <= hi) return true;
    next = hi + 1;
  }
  return false;
}

bool ascii_letter(std::uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

}  // namespace

bool is_identifier_start(std::uint32_t cp) {
  if (cp < 0x80) return ascii_letter(cp) || cp == '$' || cp == '_';
  return in_ranges(kIdStartRanges, cp);
}

bool is_identifier_part(std::uint32_t cp) {
  if (cp < 0x80) return ascii_letter(cp) || cp == '$' || cp == '_' || (cp >= '0' && cp <= '9');
  if (cp == 0x200C || cp == 0x200D) return true;
  return in_ranges(kIdStartRanges, cp) || in_ranges(kIdContinueOnlyRanges, cp);
}

}  // namespace tb::jsonata::regex
