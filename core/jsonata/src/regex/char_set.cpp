#include "regex/char_set.hpp"

#include <algorithm>

#include "ticketbridge/text/case_fold.hpp"

namespace tb::jsonata::regex {
namespace {

// JavaScript's WhiteSpace and LineTerminator code points (ECMA-262 §12.2, §12.3, with the
// Unicode "Zs" category as V8 ships it), as sorted ranges.
constexpr CharRange kSpaceRanges[] = {
    {0x0009, 0x000D}, {0x0020, 0x0020}, {0x00A0, 0x00A0}, {0x1680, 0x1680},
    {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F},
    {0x3000, 0x3000}, {0xFEFF, 0xFEFF},
};
constexpr CharRange kWordRanges[] = {{u'0', u'9'}, {u'A', u'Z'}, {u'_', u'_'}, {u'a', u'z'}};
constexpr CharRange kDigitRanges[] = {{u'0', u'9'}};

template <std::size_t N>
void add_ranges(CharSet& set, const CharRange (&ranges)[N], bool negate) {
  if (!negate) {
    for (const CharRange& r : ranges) set.add(r.lo, r.hi);
    return;
  }
  std::uint32_t next = 0;
  for (const CharRange& r : ranges) {
    if (r.lo > next) set.add(static_cast<char16_t>(next), static_cast<char16_t>(r.lo - 1));
    next = static_cast<std::uint32_t>(r.hi) + 1;
  }
  if (next <= 0xFFFF) set.add(static_cast<char16_t>(next), 0xFFFF);
}

}  // namespace

void CharSet::add_set(const CharSet& other) {
  ranges_.insert(ranges_.end(), other.ranges_.begin(), other.ranges_.end());
  normal_ = false;
}

void CharSet::add_escape(char16_t kind) {
  switch (kind) {
    case u'd': add_ranges(*this, kDigitRanges, false); break;
    case u'D': add_ranges(*this, kDigitRanges, true); break;
    case u'w': add_ranges(*this, kWordRanges, false); break;
    case u'W': add_ranges(*this, kWordRanges, true); break;
    case u's': add_ranges(*this, kSpaceRanges, false); break;
    case u'S': add_ranges(*this, kSpaceRanges, true); break;
    default: break;
  }
}

void CharSet::normalize() {
  if (normal_) return;
  normal_ = true;
  if (ranges_.empty()) return;
  std::sort(ranges_.begin(), ranges_.end(),
            [](const CharRange& a, const CharRange& b) { return a.lo < b.lo; });
  std::size_t out = 0;
  for (std::size_t i = 1; i < ranges_.size(); ++i) {
    CharRange& last = ranges_[out];
    const CharRange& r = ranges_[i];
    if (static_cast<std::uint32_t>(r.lo) <= static_cast<std::uint32_t>(last.hi) + 1) {
      if (r.hi > last.hi) last.hi = r.hi;
    } else {
      ranges_[++out] = r;
    }
  }
  ranges_.resize(out + 1);
}

CharSet CharSet::negated() const {
  CharSet out;
  std::uint32_t next = 0;
  for (const CharRange& r : ranges_) {
    if (r.lo > next) out.ranges_.push_back({static_cast<char16_t>(next), static_cast<char16_t>(r.lo - 1)});
    next = static_cast<std::uint32_t>(r.hi) + 1;
  }
  if (next <= 0xFFFF) out.ranges_.push_back({static_cast<char16_t>(next), 0xFFFF});
  return out;
}

CharSet CharSet::canonicalized() const {
  CharSet out;
  for (const CharRange& r : ranges_) {
    text::canonicalize_range(r.lo, r.hi, [&out](char16_t lo, char16_t hi) { out.add(lo, hi); });
  }
  out.normalize();
  return out;
}

bool CharSet::contains(char16_t unit) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), unit,
                             [](char16_t u, const CharRange& r) { return u < r.lo; });
  if (it == ranges_.begin()) return false;
  --it;
  return unit <= it->hi;
}

bool is_js_space(char16_t unit) {
  if (unit < 0x80) return unit == 0x20 || (unit >= 0x09 && unit <= 0x0D);
  for (const CharRange& r : kSpaceRanges) {
    if (unit >= r.lo && unit <= r.hi) return true;
  }
  return false;
}

bool is_line_terminator(char16_t unit) {
  return unit == 0x0A || unit == 0x0D || unit == 0x2028 || unit == 0x2029;
}

bool is_word_unit(char16_t unit) {
  return (unit >= u'a' && unit <= u'z') || (unit >= u'A' && unit <= u'Z') ||
         (unit >= u'0' && unit <= u'9') || unit == u'_';
}

}  // namespace tb::jsonata::regex
