// Static facts about the tree, computed in one forward pass (children precede parents):
// the shortest possible match of each node, whether it can consume input at all, whether a
// match must begin at input start, and which code units can begin a match. The compiler
// uses them to drop needless loop machinery and the search loop to skip start positions.
#include "regex/analysis.hpp"

#include "ticketbridge/text/case_fold.hpp"

namespace tb::jsonata::regex {
namespace {

constexpr std::int64_t kLengthCap = 0x7FFFFFFF;

void add_unit(FirstUnits& f, char16_t unit) {
  if (unit < 256) {
    f.low[unit >> 6] |= std::uint64_t{1} << (unit & 63);
  } else {
    f.high = true;
  }
}

void add_units(FirstUnits& into, const FirstUnits& from) {
  for (int i = 0; i < 4; ++i) into.low[i] |= from.low[i];
  into.high = into.high || from.high;
  into.any = into.any || from.any;
}

void add_set(FirstUnits& f, const CharSet& set) {
  for (const CharRange& r : set.ranges()) {
    if (r.hi >= 256) f.high = true;
    const std::uint32_t end = r.hi < 256 ? r.hi : 255;
    for (std::uint32_t c = r.lo; c <= end; ++c) add_unit(f, static_cast<char16_t>(c));
  }
}

}  // namespace

Analysis analyze(const Ast& ast, bool ignore_case, bool multiline) {
  Analysis out;
  const std::size_t count = ast.nodes.size();
  out.min_length.assign(count, 0);
  out.empty_only.assign(count, 0);
  std::vector<FirstUnits> first(count);
  std::vector<char> anchored(count, 0);

  for (std::size_t i = 0; i < count; ++i) {
    const Node& node = ast.nodes[i];
    FirstUnits& f = first[i];
    std::int64_t len = 0;
    char& empty = out.empty_only[i];
    empty = 1;  // cleared below for nodes that can consume
    switch (node.kind) {
      case NodeKind::kEmpty:
      case NodeKind::kAssert:
      case NodeKind::kLook:
        f.nullable = true;
        anchored[i] = node.kind == NodeKind::kAssert &&
                      node.sub == static_cast<std::uint8_t>(AssertKind::kStart) && !multiline;
        break;
      case NodeKind::kChar:
        len = 1;
        empty = 0;
        add_unit(f, ignore_case ? text::canonicalize(static_cast<char16_t>(node.value))
                                : static_cast<char16_t>(node.value));
        break;
      case NodeKind::kDot:
        len = 1;
        empty = 0;
        f.any = true;
        break;
      case NodeKind::kClass:
        len = 1;
        empty = 0;
        if (node.sub != 0) {
          f.any = true;
        } else {
          const CharSet& set = ast.classes[static_cast<std::size_t>(node.value)];
          add_set(f, ignore_case ? set.canonicalized() : set);
        }
        break;
      case NodeKind::kBackref:
        empty = 0;
        f.nullable = true;
        f.any = true;
        break;
      case NodeKind::kCapture: {
        const auto child = static_cast<std::size_t>(node.child);
        len = out.min_length[child];
        empty = out.empty_only[child];
        f = first[child];
        anchored[i] = anchored[child];
        break;
      }
      case NodeKind::kQuant: {
        const auto child = static_cast<std::size_t>(node.child);
        len = out.min_length[child] * node.min;
        if (len > kLengthCap) len = kLengthCap;
        empty = node.max == 0 || out.empty_only[child];
        if (node.max == 0) {
          f.nullable = true;
        } else {
          f = first[child];
          f.nullable = f.nullable || node.min == 0;
        }
        anchored[i] = node.min > 0 && anchored[child];
        break;
      }
      case NodeKind::kSeq: {
        f.nullable = true;
        for (std::int32_t k = 0; k < node.kid_count; ++k) {
          const auto kid = static_cast<std::size_t>(ast.kids[static_cast<std::size_t>(node.first_kid + k)]);
          len += out.min_length[kid];
          if (len > kLengthCap) len = kLengthCap;
          if (!out.empty_only[kid]) empty = 0;
          if (f.nullable) {
            const bool keep_nullable = first[kid].nullable;
            add_units(f, first[kid]);
            f.nullable = keep_nullable;
          }
        }
        const auto head = static_cast<std::size_t>(ast.kids[static_cast<std::size_t>(node.first_kid)]);
        anchored[i] = anchored[head];
        break;
      }
      case NodeKind::kAlt: {
        len = kLengthCap;
        bool all_anchored = true;
        for (std::int32_t k = 0; k < node.kid_count; ++k) {
          const auto kid = static_cast<std::size_t>(ast.kids[static_cast<std::size_t>(node.first_kid + k)]);
          if (out.min_length[kid] < len) len = out.min_length[kid];
          if (!out.empty_only[kid]) empty = 0;
          add_units(f, first[kid]);
          f.nullable = f.nullable || first[kid].nullable;
          all_anchored = all_anchored && anchored[kid];
        }
        anchored[i] = all_anchored;
        break;
      }
    }
    out.min_length[i] = len;
  }
  if (ast.root >= 0) {
    const auto root = static_cast<std::size_t>(ast.root);
    out.root_first = first[root];
    out.anchored = anchored[root] != 0;
  }
  return out;
}

}  // namespace tb::jsonata::regex
