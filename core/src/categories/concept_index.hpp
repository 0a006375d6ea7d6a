#pragma once
// What the classifier looks for in a conversation, built from the category list and the
// synonym table: concepts (a synonym line, or a word of a category name that no line knows),
// the stemmed terms that evidence each concept, and which pairs each concept speaks for.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "categories/synonym_table_impl.hpp"
#include "ticketbridge/categories.hpp"

namespace tb::categories {

/// How much a concept counts for a pair when it comes from the sub_category's name versus
/// the category's: the sub_category is what tells pairs of one category apart.
inline constexpr double kSubCategoryLinkWeight = 2.0;
inline constexpr double kCategoryLinkWeight = 1.0;
/// A synonym line that speaks for no pair ("mouse" when the list has no Mouse) is evidence that
/// the conversation is about something off the list; it counts like a category-level concept.
inline constexpr double kOffListWeight = 1.0;

struct IndexedTerm {
  std::vector<std::string> stems;
  double weight = 1.0;
  std::size_t concept_id = 0;
};

struct ConceptLink {
  std::size_t pair = 0;
  double weight = 0;
};

struct ConceptIndex {
  std::vector<IndexedTerm> terms;
  /// First stem -> term ids, longest phrase first.
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_stem;
  /// Single-word terms a misspelt word may be matched to.
  std::vector<std::size_t> typo_targets;
  /// Concept id -> the pairs it speaks for (empty: an off-list concept).
  std::vector<std::vector<ConceptLink>> links;
  /// Every single-word stem the table knows (such words are never taken for typos).
  SynonymTable::Impl::WordSet known_words;
  const SynonymTable::Impl* table = nullptr;
};

/// Build the index of `list` against `table` (which must outlive the index).
ConceptIndex build_concept_index(const CategoryList& list, const SynonymTable::Impl& table);

}  // namespace tb::categories
