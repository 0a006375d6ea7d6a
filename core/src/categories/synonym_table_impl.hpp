#pragma once
// The parsed form of a synonym table: every term already split into stemmed words, so the
// classifier compares stems with stems.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "ticketbridge/categories.hpp"

namespace tb {

struct SynonymTable::Impl {
  struct Term {
    std::vector<std::string> stems;  ///< one stem per word; several for a phrase
    double weight = 1.0;             ///< 1 for strong terms, kWeakTermWeight for weak ones
  };
  struct Group {
    std::vector<Term> terms;
  };
  /// Sorted, unique stems (a sorted vector: these sets are small, and hash sets of strings
  /// cost the WASM binary more than they save).
  using WordSet = std::vector<std::string>;
  std::vector<Group> groups;
  WordSet ignored;
  WordSet no_typo;
  WordSet all_clear;  ///< "fine", "ok": "the WiFi is fine"
  WordSet negation;   ///< "not", "isn't": "is not fine"
};

namespace categories {
inline constexpr double kWeakTermWeight = 0.5;

inline bool contains(const SynonymTable::Impl::WordSet& set, std::string_view word) {
  const auto it = std::lower_bound(set.begin(), set.end(), word,
                                   [](const std::string& a, std::string_view b) { return a < b; });
  return it != set.end() && *it == word;
}

inline void sort_unique(SynonymTable::Impl::WordSet& set) {
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
}
}  // namespace categories

}  // namespace tb
