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

bool all_letters(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

class Builder {
 public:
  Builder(const CategoryList& list, const Impl& table) : list_(list), table_(table) {
    for (std::size_t g = 0; g < table.groups.size(); ++g) {
      for (const Impl::Term& t : table.groups[g].terms) {
        if (t.stems.size() == 1) index_.known_words.insert(t.stems[0]);
        if (t.weight >= 1.0) strong_[t.stems[0]].push_back({&t.stems, g});
      }
    }
    for (auto& [stem, candidates] : strong_) {
      std::stable_sort(candidates.begin(), candidates.end(), [](const Strong& a, const Strong& b) {
        return a.stems->size() > b.stems->size();
      });
    }
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
    index_.links.resize(table_.groups.size() + implicit_.size());
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
                               [&](const std::string& w) { return table_.ignored.count(w) > 0; }),
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
            implicit_.try_emplace(words[i], table_.groups.size() + implicit_.size());
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
  void add_terms() {
    for (std::size_t g = 0; g < table_.groups.size(); ++g) {
      std::vector<const Impl::Term*> terms;
      for (const Impl::Term& t : table_.groups[g].terms) terms.push_back(&t);
      concept_start_ = index_.terms.size();
      // Strong before weak, so a stem listed both ways keeps its strong weight.
      std::stable_sort(terms.begin(), terms.end(),
                       [](const Impl::Term* a, const Impl::Term* b) { return a->weight > b->weight; });
      for (const Impl::Term* t : terms) add_term(t->stems, t->weight, g);
    }
    for (const auto& [word, concept_id] : implicit_) {
      concept_start_ = index_.terms.size();
      add_term({word}, 1.0, concept_id);
    }
    // Deterministic order regardless of hash-map iteration: by concept, then insertion.
    std::stable_sort(index_.terms.begin(), index_.terms.end(),
                     [](const IndexedTerm& a, const IndexedTerm& b) { return a.concept_id < b.concept_id; });
    for (std::size_t i = 0; i < index_.terms.size(); ++i) {
      const IndexedTerm& t = index_.terms[i];
      index_.by_first_stem[t.stems[0]].push_back(i);
      if (t.stems.size() == 1 && t.stems[0].size() >= 3 && all_letters(t.stems[0])) {
        index_.typo_targets.push_back(i);
      }
    }
    for (auto& [stem, ids] : index_.by_first_stem) {
      std::stable_sort(ids.begin(), ids.end(), [this](std::size_t a, std::size_t b) {
        return index_.terms[a].stems.size() > index_.terms[b].stems.size();
      });
    }
  }

  const CategoryList& list_;
  const Impl& table_;
  ConceptIndex index_;
  std::unordered_map<std::string, std::vector<Strong>> strong_;
  std::unordered_map<std::string, std::size_t> implicit_;  // word -> concept id
  std::vector<std::pair<std::size_t, double>> pair_links_;
  std::size_t concept_start_ = 0;
};

}  // namespace

ConceptIndex build_concept_index(const CategoryList& list, const SynonymTable::Impl& table) {
  return Builder(list, table).build();
}

}  // namespace tb::categories
