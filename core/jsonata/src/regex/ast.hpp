#pragma once
// The parsed form of a pattern: a flat array of nodes in which every node's children come
// before it, so analyses run as one forward pass and nothing needs recursion.

#include <cstdint>
#include <string>
#include <vector>

#include "regex/char_set.hpp"

namespace tb::jsonata::regex {

enum class NodeKind : std::uint8_t {
  kEmpty,
  kChar,      // value = code unit
  kDot,
  kClass,     // value = index into Ast::classes, sub = 1 when negated
  kAssert,    // sub = AssertKind
  kBackref,   // value = group number (named references are resolved by the parser)
  kCapture,   // value = group number, child
  kLook,      // sub = LookKind, child
  kQuant,     // child, min, max, sub = 1 when greedy, captures (cap_lo, cap_hi] inside
  kSeq,       // kids
  kAlt,       // kids
};

enum class AssertKind : std::uint8_t { kStart, kEnd, kWordBoundary, kNotWordBoundary };
enum class LookKind : std::uint8_t { kAhead, kNotAhead, kBehind, kNotBehind };

inline constexpr std::int32_t kInfinity = 0x7FFFFFFF;

struct Node {
  NodeKind kind = NodeKind::kEmpty;
  std::uint8_t sub = 0;
  std::int32_t value = 0;
  std::int32_t child = -1;
  std::int32_t first_kid = 0;  // kSeq/kAlt: children are kids[first_kid, first_kid + kid_count)
  std::int32_t kid_count = 0;
  std::int32_t min = 0;
  std::int32_t max = 0;
  std::int32_t cap_lo = 0;  // kQuant: groups cap_lo+1 .. cap_hi are inside the child
  std::int32_t cap_hi = 0;
};

struct Ast {
  std::vector<Node> nodes;
  std::vector<std::int32_t> kids;
  std::vector<CharSet> classes;   // normalized, not negated, not case-folded
  std::int32_t root = -1;
  std::int32_t capture_count = 0;
  std::vector<std::u16string> group_names;  // [i] names group i+1; empty when unnamed
};

}  // namespace tb::jsonata::regex
