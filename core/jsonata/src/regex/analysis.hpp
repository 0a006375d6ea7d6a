#pragma once
// Static facts about a parsed pattern (see analysis.cpp).

#include <cstdint>
#include <vector>

#include "regex/ast.hpp"

namespace tb::jsonata::regex {

/// Which code units can begin a match of a node (canonicalized when the i flag is on).
struct FirstUnits {
  std::uint64_t low[4] = {0, 0, 0, 0};  // units < 256
  bool high = false;                    // some unit >= 256
  bool any = false;                     // unknown: anything may come first
  bool nullable = false;                // the node can match the empty string
};

struct Analysis {
  std::vector<std::int64_t> min_length;  // per node, capped at 0x7FFFFFFF
  std::vector<char> empty_only;          // per node: can never consume input
  FirstUnits root_first;
  bool anchored = false;
};

Analysis analyze(const Ast& ast, bool ignore_case, bool multiline);

}  // namespace tb::jsonata::regex
