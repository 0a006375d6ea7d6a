// The list in force and its tree view. Replacement goes through a full validation first and
// swaps the list in one move, so a rejected file can never leave half a list behind.
#include "categories/category_groups.hpp"
#include "ticketbridge/categories.hpp"

namespace tb {

std::vector<CategoryNode> category_tree(const CategoryList& list) {
  const categories::CategoryGroups groups = categories::group_by_category(list);
  std::vector<CategoryNode> tree;
  tree.reserve(groups.leader.size());
  for (std::size_t leader : groups.leader) tree.push_back(CategoryNode{list.pairs[leader].category, {}});
  for (std::size_t i = 0; i < list.pairs.size(); ++i) {
    tree[groups.group_of[i]].sub_categories.push_back(list.pairs[i].sub_category);
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
