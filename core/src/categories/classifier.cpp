// Scores every pair by the evidence its concepts find in the conversation, then turns scores
// into confidences with a softmax that includes a "none of them" option, worth kBaseline or
// the evidence for the strongest off-list concept (a conversation about a mouse, when the list
// has no Mouse), whichever is more. That option is what lets the classifier decline: a lone
// weak hint, two pairs with equal evidence, or a topic the list lacks leave the best pair
// below half of the probability mass.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "categories/concept_index.hpp"
#include "categories/edit_distance.hpp"
#include "categories/stemmer.hpp"
#include "ticketbridge/categories.hpp"
#include "ticketbridge/text/js_math.hpp"

namespace tb {
namespace {

using categories::ConceptIndex;

constexpr double kSharpness = 1.5;   // how fast confidence grows with the score lead
constexpr double kBaseline = 1.0;    // score of "none of them": one clear mention's worth
constexpr double kTypoWeight = 0.8;  // a misspelt term counts a little less than a correct one
constexpr std::size_t kAllClearReach = 3;  // words after a term that may clear it

// Repetition adds evidence, with diminishing returns: saying "wifi" five times is not five
// times the proof, and a long conversation cannot drown out the rest.
double saturate(double x) { return x <= 1 ? x : 1 + text::js_log(x); }

double round4(double x) { return std::round(x * 10000.0) / 10000.0; }

bool all_letters(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

class Scanner {
 public:
  explicit Scanner(const ConceptIndex& index) : index_(index), evidence_(index.links.size(), 0.0) {}

  void scan(std::string_view text, double weight) {
    stems_ = categories::stem_words(text);
    for (std::size_t i = 0; i < stems_.size();) {
      const std::size_t used = match_at(i, weight);
      if (used) {
        i += used;
        continue;
      }
      const std::vector<std::size_t>& typos = typo_matches(stems_[i]);
      const double w = typos.empty() || cleared_after(i + 1) ? 0.0 : weight * kTypoWeight;
      for (std::size_t id : typos) {
        const categories::IndexedTerm& t = index_.terms[id];
        evidence_[t.concept_id] += w * t.weight;
      }
      ++i;
    }
  }

  const std::vector<double>& evidence() const { return evidence_; }

 private:
  // "the WiFi is fine": an all-clear word soon after a term, with no negation before it,
  // means the employee ruled that thing out.
  bool cleared_after(std::size_t from) const {
    const SynonymTable::Impl& table = *index_.table;
    for (std::size_t k = from; k < stems_.size() && k < from + kAllClearReach; ++k) {
      if (categories::contains(table.negation, stems_[k])) return false;
      if (categories::contains(table.all_clear, stems_[k])) return true;
    }
    return false;
  }

  // Credits the longest term(s) starting at `i`; returns how many words they cover.
  std::size_t match_at(std::size_t i, double weight) {
    const auto it = index_.by_first_stem.find(stems_[i]);
    if (it == index_.by_first_stem.end()) return 0;
    std::size_t length = 0;
    double w = weight;
    for (std::size_t id : it->second) {
      const categories::IndexedTerm& t = index_.terms[id];
      const std::size_t n = t.stems.size();
      if (length && n < length) break;
      if (i + n > stems_.size() || !std::equal(t.stems.begin() + 1, t.stems.end(), stems_.begin() + i + 1)) {
        continue;
      }
      if (!length && cleared_after(i + n)) w = 0;
      length = n;
      evidence_[t.concept_id] += w * t.weight;
    }
    return length;
  }

  // Typo tolerance: one edit from a term with the same first letter. Swapped neighbours are
  // typos at any length ("vnp"); a missing or extra letter when both words have five letters
  // or more ("batery"); a wrong letter only from six on. Shorter words one edit apart are
  // mostly two real words ("macro" / "maco" for macOS, "model" / "modem"). Words the table knows, and the everyday
  // words it lists as no-typo, are taken as written.
  const std::vector<std::size_t>& typo_matches(const std::string& stem) {
    const auto cached = typo_cache_.find(stem);
    if (cached != typo_cache_.end()) return cached->second;
    std::vector<std::size_t>& found = typo_cache_[stem];
    if (stem.size() < 3 || !all_letters(stem) || categories::contains(index_.known_words, stem) ||
        categories::contains(index_.table->no_typo, stem)) {
      return found;
    }
    for (std::size_t id : index_.typo_targets) {
      const std::string& term = index_.terms[id].stems[0];
      if (term[0] != stem[0] || term.size() + 1 < stem.size() || stem.size() + 1 < term.size()) continue;
      const std::size_t shorter = std::min(stem.size(), term.size());
      bool close = false;
      switch (categories::one_edit(stem, term)) {
        case categories::OneEdit::kSwap: close = true; break;
        case categories::OneEdit::kInsertion: close = shorter >= 5; break;
        case categories::OneEdit::kSubstitution: close = shorter >= 6; break;
        default: break;
      }
      if (close) found.push_back(id);
    }
    return found;
  }

  const ConceptIndex& index_;
  std::vector<double> evidence_;
  std::vector<std::string> stems_;
  std::unordered_map<std::string, std::vector<std::size_t>> typo_cache_;
};

}  // namespace

Classification classify(const Conversation& conversation, const CategoryList& list,
                        const ClassifyOptions& options) {
  Classification out;
  if (list.pairs.empty()) return out;
  const ConceptIndex index = categories::build_concept_index(list, options.synonyms.impl());
  Scanner scanner(index);
  for (const Message& m : conversation.messages) {
    const double w = m.role == "assistant" ? options.assistant_weight : options.employee_weight;
    if (w > 0) scanner.scan(m.text, w);
  }
  if (options.summary_weight > 0) scanner.scan(conversation.summary, options.summary_weight);
  if (options.diagnostics_weight > 0) {
    for (const Diagnostic& d : conversation.diagnostics) {
      scanner.scan(d.name, options.diagnostics_weight);
      scanner.scan(d.result, options.diagnostics_weight);
    }
  }

  std::vector<double> score(list.pairs.size(), 0.0);
  double none = kBaseline;
  const std::vector<double>& evidence = scanner.evidence();
  for (std::size_t c = 0; c < evidence.size(); ++c) {
    if (evidence[c] <= 0) continue;
    const double e = saturate(evidence[c]);
    if (index.links[c].empty()) none = std::max(none, categories::kOffListWeight * e);
    for (const categories::ConceptLink& link : index.links[c]) score[link.pair] += link.weight * e;
  }
  std::vector<std::size_t> contenders;
  double top = none;
  for (std::size_t p = 0; p < score.size(); ++p) {
    if (score[p] > 0) {
      contenders.push_back(p);
      top = std::max(top, score[p]);
    }
  }
  if (contenders.empty()) return out;
  // Ties keep list order, so the answer never depends on the sort's whims.
  std::sort(contenders.begin(), contenders.end(), [&](std::size_t a, std::size_t b) {
    return score[a] != score[b] ? score[a] > score[b] : a < b;
  });
  // Pairs without any evidence are not candidates: counting them would make every answer less
  // confident the longer the list is.
  double total = text::js_exp(kSharpness * (none - top));
  for (std::size_t p : contenders) total += text::js_exp(kSharpness * (score[p] - top));
  auto confidence = [&](std::size_t p) { return round4(text::js_exp(kSharpness * (score[p] - top)) / total); };

  out.confidence = confidence(contenders[0]);
  std::size_t first_alternative = 0;
  if (out.confidence >= options.threshold) {
    out.pair = list.pairs[contenders[0]];
    first_alternative = 1;
  }
  for (std::size_t i = first_alternative;
       i < contenders.size() && out.alternatives.size() < options.max_alternatives; ++i) {
    out.alternatives.push_back(ScoredPair{list.pairs[contenders[i]], confidence(contenders[i])});
  }
  return out;
}

}  // namespace tb
