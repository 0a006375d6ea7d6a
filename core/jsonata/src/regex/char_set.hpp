#pragma once
// Sets of UTF-16 code units as sorted, merged ranges: the members of a character class, of
// the \d \w \s escapes, and of first-unit filters.

#include <cstdint>
#include <vector>

namespace tb::jsonata::regex {

struct CharRange {
  char16_t lo;
  char16_t hi;
};

class CharSet {
 public:
  void add(char16_t lo, char16_t hi) { ranges_.push_back({lo, hi}); normal_ = false; }
  void add(char16_t unit) { add(unit, unit); }
  void add_set(const CharSet& other);
  /// Adds the members of \d \D \w \W \s or \S (`kind` is the escape letter).
  void add_escape(char16_t kind);

  /// Sorts and merges the ranges; required before contains(), negated(), canonicalized().
  void normalize();
  CharSet negated() const;
  /// { Canonicalize(c) : c in this set }, normalized: the set to test a canonicalized unit
  /// against when the `i` flag is on.
  CharSet canonicalized() const;

  bool contains(char16_t unit) const;
  bool empty() const { return ranges_.empty(); }
  const std::vector<CharRange>& ranges() const { return ranges_; }

 private:
  std::vector<CharRange> ranges_;
  bool normal_ = true;
};

/// JavaScript's WhiteSpace or LineTerminator (the \s set).
bool is_js_space(char16_t unit);
bool is_line_terminator(char16_t unit);
bool is_word_unit(char16_t unit);

}  // namespace tb::jsonata::regex
