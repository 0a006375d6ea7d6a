#pragma once
// Edit distances for the resolver (ranking near misses) and the classifier (typo tolerance).

#include <cstddef>
#include <string>
#include <string_view>

namespace tb::categories {

/// Optimal-string-alignment distance (insert, delete, substitute, swap neighbours) between
/// code-point sequences; stops counting at `cap` (returns cap when the distance is larger).
std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t cap);

enum class OneEdit { kNone, kEqual, kSubstitution, kSwap, kInsertion };

/// How `a` and `b` differ when they are at most one edit apart (an adjacent swap counts as
/// one; kInsertion means one has a letter the other lacks); kNone when further apart.
OneEdit one_edit(std::string_view a, std::string_view b);

/// Decode UTF-8 into code points, keeping at most `max_chars` of them.
std::u32string to_code_points(std::string_view s, std::size_t max_chars);

}  // namespace tb::categories
