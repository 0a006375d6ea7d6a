#include "categories/category_groups.hpp"

#include <string>
#include <string_view>
#include <unordered_map>

#include "categories/text_normalise.hpp"

namespace tb::categories {

CategoryGroups group_by_category(const CategoryList& list) {
  CategoryGroups groups;
  groups.group_of.reserve(list.pairs.size());
  std::unordered_map<std::string, std::size_t> by_key;  // comparison key -> group
  // Exact spelling -> group first: an imported list spells each category one way, so the
  // comparison key (an allocation) is built once per category, not once per row.
  std::unordered_map<std::string_view, std::size_t> spelled;
  for (std::size_t i = 0; i < list.pairs.size(); ++i) {
    const std::string& category = list.pairs[i].category;
    auto known = spelled.find(category);
    if (known == spelled.end()) {
      const auto [it, inserted] = by_key.try_emplace(comparison_key(category), groups.leader.size());
      if (inserted) groups.leader.push_back(i);
      known = spelled.emplace(category, it->second).first;
    }
    groups.group_of.push_back(known->second);
  }
  return groups;
}

}  // namespace tb::categories
