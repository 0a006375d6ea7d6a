// The list in force and its tree view. Replacement goes through a full validation first and
// swaps the list in one move, so a rejected file can never leave half a list behind.
#include <string_view>
#include <unordered_map>

#include "categories/text_normalise.hpp"
#include "ticketbridge/categories.hpp"

namespace tb {

std::vector<CategoryNode> category_tree(const CategoryList& list) {
  std::vector<CategoryNode> tree;
  std::unordered_map<std::string, std::size_t> index;  // comparison key -> node
  // Exact spelling -> node first: an imported list spells each category one way, so the
  // comparison key (an allocation per row) is built once per category, not once per row.
  std::unordered_map<std::string_view, std::size_t> spelled;
  for (const CategoryPair& p : list.pairs) {
    auto known = spelled.find(p.category);
    if (known == spelled.end()) {
      const auto [it, inserted] = index.try_emplace(categories::comparison_key(p.category), tree.size());
      if (inserted) tree.push_back(CategoryNode{p.category, {}});
      known = spelled.emplace(p.category, it->second).first;
    }
    tree[known->second].sub_categories.push_back(p.sub_category);
  }
  return tree;
}

ImportReport CategoryStore::replace_from_csv(std::string_view csv, const CsvImportOptions& options) {
  ImportReport report = import_categories_csv(csv, options);
  if (report.accepted) {
    list_ = report.list;
    ++generation_;
  }
  return report;
}

}  // namespace tb
