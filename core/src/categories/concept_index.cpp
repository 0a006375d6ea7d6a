// A synonym line speaks for a pair only when one of its strong terms is (part of) the pair's
// category or sub_category name, so an admin's list decides what each concept means; the other
// lines stay in the index as off-list concepts. Words of a name that no line knows become
// concepts of their own, so lists far from the built-in table still work.
#include "categories/concept_index.hpp"

#include <algorithm>

#include "categories/stemmer.hpp"

namespace tb::categories {
namespace {

using Impl = SynonymTable::Impl;

// Inserts keeping `v` ordered by decreasing `length(item)`, after items of equal length, so
// the longest phrase is tried first and equal ones keep the table's order.
template <class T, class Length>
void insert_longest_first(std::vector<T>& v, T item, Length length) {
  const std::size_t n = length(item);
  v.insert(std::find_if(v.begin(), v.end(), [&](const T& x) { return length(x) < n; }), std::move(item));
}

bool all_letters(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

class Builder {
 public:
  Builder(const CategoryList& list, const Impl& table) : list_(list), table_(table) {
    for (std::size_t g = 0; g < table.groups.size(); ++g) {
      for (const Impl::Term& t : table.groups[g].terms) {
        if (t.stems.size() == 1) index_.known_words.push_back(t.stems[0]);
        if (t.weight >= 1.0) {
          insert_longest_first(strong_[t.stems[0]], Strong{&t.stems, g},
                               [](const Strong& s) { return s.stems->size(); });
        }
      }
    }
    sort_unique(index_.known_words);
    index_.table = &table;
  }

  ConceptIndex build() {
    for (std::size_t p = 0; p < list_.pairs.size(); ++p) {
      pair_links_.clear();
      link_name(list_.pairs[p].category, kCategoryLinkWeight);
      link_name(list_.pairs[p].sub_category, kSubCategoryLinkWeight);
      for (const auto& [concept_id, weight] : pair_links_) {
        if (concept_id >= index_.links.size()) index_.links.resize(concept_id + 1);
        index_.links[concept_id].push_back({p, weight});
      }
    }
    index_.links.resize(table_.groups.size() + implicit_words_.size());
    add_terms();
    return std::move(index_);
  }

 private:
  struct Strong {
    const std::vector<std::string>* stems;
    std::size_t group;
  };

  // Splits a name into units (a strong table term, longest first, or an unknown word) and
  // shares the name's weight among them, so a two-word name weighs what a one-word name does.
  void link_name(const std::string& name, double weight) {
    std::vector<std::string> words = stem_words(name);
    words.erase(std::remove_if(words.begin(), words.end(),
                               [&](const std::string& w) { return contains(table_.ignored, w); }),
                words.end());
    std::vector<std::vector<std::size_t>> units;
    for (std::size_t i = 0; i < words.size();) {
      std::vector<std::size_t> groups;
      std::size_t length = 0;
      if (const auto it = strong_.find(words[i]); it != strong_.end()) {
        for (const Strong& s : it->second) {
          const std::size_t n = s.stems->size();
          if (length && n < length) break;
          if (i + n <= words.size() && std::equal(s.stems->begin(), s.stems->end(), words.begin() + i)) {
            length = n;
            if (std::find(groups.begin(), groups.end(), s.group) == groups.end()) groups.push_back(s.group);
          }
        }
      }
      if (!length) {
        length = 1;
        const auto [it, inserted] =
            implicit_.try_emplace(words[i], table_.groups.size() + implicit_words_.size());
        if (inserted) implicit_words_.push_back(words[i]);
        groups.push_back(it->second);
      }
      units.push_back(std::move(groups));
      i += length;
    }
    if (units.empty()) return;
    const double share = weight / static_cast<double>(units.size());
    for (const auto& groups : units) {
      for (std::size_t g : groups) {
        auto it = std::find_if(pair_links_.begin(), pair_links_.end(),
                               [g](const auto& l) { return l.first == g; });
        if (it == pair_links_.end()) pair_links_.emplace_back(g, share);
        else it->second = std::max(it->second, share);
      }
    }
  }

  // A concept's terms are added together, from `concept_start_` on.
  void add_term(std::vector<std::string> stems, double weight, std::size_t concept_id) {
    for (std::size_t i = concept_start_; i < index_.terms.size(); ++i) {
      if (index_.terms[i].stems == stems) return;  // "charge" and "charging" are one stem
    }
    index_.terms.push_back(IndexedTerm{std::move(stems), weight, concept_id});
  }

  // Off-list concepts are searched for too: they compete with the pairs as "none of them".
  // Terms are added concept by concept (table lines, then the list's own words in the order
  // they were met), so the index never depends on hash-map iteration order.
  void add_terms() {
    for (std::size_t g = 0; g < table_.groups.size(); ++g) {
      concept_start_ = index_.terms.size();
      // Strong before weak, so a stem listed both ways keeps its strong weight.
      for (const bool strong : {true, false}) {
        for (const Impl::Term& t : table_.groups[g].terms) {
          if ((t.weight >= 1.0) == strong) add_term(t.stems, t.weight, g);
        }
      }
    }
    for (std::size_t k = 0; k < implicit_words_.size(); ++k) {
      concept_start_ = index_.terms.size();
      add_term({implicit_words_[k]}, 1.0, table_.groups.size() + k);
    }
    for (std::size_t i = 0; i < index_.terms.size(); ++i) {
      const IndexedTerm& t = index_.terms[i];
      insert_longest_first(index_.by_first_stem[t.stems[0]], i,
                           [this](std::size_t id) { return index_.terms[id].stems.size(); });
      if (t.stems.size() == 1 && t.stems[0].size() >= 3 && all_letters(t.stems[0])) {
        index_.typo_targets.push_back(i);
      }
    }
  }

  const CategoryList& list_;
  const Impl& table_;
  ConceptIndex index_;
  std::unordered_map<std::string, std::vector<Strong>> strong_;
  std::unordered_map<std::string, std::size_t> implicit_;  // word -> concept id
  std::vector<std::string> implicit_words_;                 // by concept id - table size
  std::vector<std::pair<std::size_t, double>> pair_links_;
  std::size_t concept_start_ = 0;
};

}  // namespace

ConceptIndex build_concept_index(const CategoryList& list, const SynonymTable::Impl& table) {
  return Builder(list, table).build();
}

}  // namespace tb::categories
