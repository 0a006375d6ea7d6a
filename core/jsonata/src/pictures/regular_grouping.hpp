#pragma once
// F&O 4.7.4's test for a regular grouping, shared by the full number-picture code
// (number_format.cpp) and the engine's own formatter of the everyday pictures
// (simple_number_picture.cpp), which must decide it alike: header-only, as the WASM engines
// carry the second without the first.

#include <cstddef>
#include <numeric>

namespace tb::jsonata::pictures {

/// The common interval of grouping positions (digits from each separator to the end of the
/// integer part) when every multiple of it up to their count is one of them, else 0.
template <class Int>
Int regular_interval(const Int* positions, std::size_t count) {
  Int interval = 0;
  for (std::size_t i = 0; i < count; ++i) interval = std::gcd(interval, positions[i]);
  for (std::size_t k = 1; k <= count; ++k) {
    bool found = false;
    for (std::size_t i = 0; i < count && !found; ++i) found = positions[i] == static_cast<Int>(k) * interval;
    if (!found) return 0;
  }
  return interval;
}

}  // namespace tb::jsonata::pictures
