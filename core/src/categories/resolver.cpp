// Checks a pair proposed by the host. The list's own spelling is returned so the ITSM always
// receives the value it knows; near misses are named so an LLM (or a person) can correct
// itself in one more turn.
#include <algorithm>

#include "categories/edit_distance.hpp"
#include "categories/text_normalise.hpp"
#include "ticketbridge/categories.hpp"

namespace tb {
namespace {

using categories::comparison_key;

constexpr std::size_t kMaxCompared = 200;  // code points of a proposal worth comparing
constexpr std::size_t kClosest = 3;

std::string describe(const CategoryPair& p) { return "'" + p.category + " / " + p.sub_category + "'"; }

}  // namespace

Result<CategoryPair> resolve(const CategoryPair& proposal, const CategoryList& list) {
  if (list.pairs.empty()) {
    return make_error("CATEGORY_LIST_EMPTY", "no category list has been imported");
  }
  const std::string want_cat = comparison_key(proposal.category);
  const std::string want_sub = comparison_key(proposal.sub_category);
  for (const CategoryPair& p : list.pairs) {
    if (comparison_key(p.category) == want_cat && comparison_key(p.sub_category) == want_sub) return p;
  }

  const std::u32string cat = categories::to_code_points(want_cat, kMaxCompared);
  const std::u32string sub = categories::to_code_points(want_sub, kMaxCompared);
  // A sub_category spelled exactly right is the strongest hint of what was meant ("Software /
  // VPN" means Network / VPN); otherwise the smallest total edit distance wins.
  struct Ranked {
    bool sub_matches;
    std::size_t distance, index;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(list.pairs.size());
  for (std::size_t i = 0; i < list.pairs.size(); ++i) {
    const CategoryPair& p = list.pairs[i];
    const std::string sub_key = comparison_key(p.sub_category);
    const std::size_t d =
        categories::edit_distance(cat, categories::to_code_points(comparison_key(p.category), kMaxCompared), kMaxCompared) +
        categories::edit_distance(sub, categories::to_code_points(sub_key, kMaxCompared), kMaxCompared);
    ranked.push_back({sub_key == want_sub, d, i});
  }
  const std::size_t shown = std::min(kClosest, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(shown), ranked.end(),
                    [](const Ranked& a, const Ranked& b) {
                      if (a.sub_matches != b.sub_matches) return a.sub_matches;
                      return a.distance != b.distance ? a.distance < b.distance : a.index < b.index;
                    });
  const std::string proposed = "'" + categories::shorten(proposal.category, 60) + " / " +
                               categories::shorten(proposal.sub_category, 60) + "'";
  std::string message = proposed + " is not on the category list; closest valid pairs: ";
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) message += ", ";
    message += describe(list.pairs[ranked[i].index]);
  }
  return make_error("CATEGORY_NOT_FOUND", std::move(message));
}

}  // namespace tb
