#pragma once
// The parsed form of a synonym table: every term already split into stemmed words, so the
// classifier compares stems with stems.

#include <string>
#include <unordered_set>
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
  std::vector<Group> groups;
  std::unordered_set<std::string> ignored;  ///< stems
  std::unordered_set<std::string> no_typo;  ///< stems
  std::unordered_set<std::string> all_clear;  ///< stems of "fine", "ok": "the WiFi is fine"
  std::unordered_set<std::string> negation;   ///< stems of "not", "isn't": "is not fine"
};

namespace categories {
inline constexpr double kWeakTermWeight = 0.5;
}  // namespace categories

}  // namespace tb
