#pragma once
// Which pairs of a list share a category, compared as the importer compares names (case and
// white space ignored), named by the first spelling met. category_tree() and the report's
// JSON text both group this way; computed once, without copying any name.

#include <cstddef>
#include <vector>

#include "ticketbridge/categories.hpp"

namespace tb::categories {

struct CategoryGroups {
  std::vector<std::size_t> leader;    ///< per group, in order of first appearance: the pair that names it
  std::vector<std::size_t> group_of;  ///< per pair, in list order: its group
};

CategoryGroups group_by_category(const CategoryList& list);

}  // namespace tb::categories
