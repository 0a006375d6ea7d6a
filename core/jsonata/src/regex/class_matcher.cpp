#include <algorithm>

#include "ticketbridge/text/case_fold.hpp"
#include "regex/program.hpp"

namespace tb::jsonata::regex {

// With the i flag a unit matches when its canonical form is the canonical form of some
// member (ECMA-262 CharacterSetMatcher); negation applies after that test, so [^k] with i
// rejects both 'k' and 'K'.
ClassMatcher make_class_matcher(const CharSet& set, bool negated, bool fold) {
  ClassMatcher m;
  m.negated = negated;
  m.fold = fold;
  const CharSet members = fold ? set.canonicalized() : set;
  for (const CharRange& r : members.ranges()) {
    for (std::uint32_t c = r.lo; c <= r.hi && c < 0x80; ++c) m.ascii[c >> 6] |= std::uint64_t{1} << (c & 63);
    if (r.hi >= 0x80) m.ranges.push_back({r.lo < 0x80 ? char16_t{0x80} : r.lo, r.hi});
  }
  return m;
}

bool ClassMatcher::matches(char16_t unit) const {
  const char16_t u = fold ? text::canonicalize(unit) : unit;
  bool in = false;
  if (u < 0x80) {
    in = (ascii[u >> 6] >> (u & 63)) & 1;
  } else if (!ranges.empty()) {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), u,
                               [](char16_t x, const CharRange& r) { return x < r.lo; });
    in = it != ranges.begin() && u <= (it - 1)->hi;
  }
  return in != negated;
}

}  // namespace tb::jsonata::regex
