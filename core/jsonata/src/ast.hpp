#pragma once
// The syntax tree. The parser builds raw nodes (binary '.', '[', '{', '^', '@', '#', ':=',
// '~>'); the post-parse pass (ast_process.cpp) turns them into what the evaluator reads:
// paths of steps with stages, group-by and sort steps, tuple-stream flags, parent (%)
// ancestry slots and tail-call thunks - the same shape jsonata-js evaluates.

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "projection.hpp"
#include "regex/regex.hpp"
#include "signature.hpp"
#include "value.hpp"

namespace tb::jsonata {

enum class NT : std::uint8_t {
  Binary, Negate, ArrayCons, ObjectCons, Path, Name, String, Number, Literal, Wildcard, Descendant,
  Parent, Condition, Block, Bind, Regex, Function, Partial, Variable, Lambda, Apply, Transform,
  Sort, Placeholder, Operator,  // Operator: a keyword (and/or/in) still to become a name
  End,                          // '(end)' reached where an operand was expected
};

enum class Op : std::uint8_t {
  None, Add, Sub, Mul, Div, Mod, Eq, Ne, Lt, Le, Gt, Ge, Concat, And, Or, In, Range,
  // raw only, removed by the post-parse pass
  Dot, Filter, Group, OrderBy, Focus, Index, Assign, Chain,
};

/// The operator as written in an expression (error tokens, ast()); "" for the raw-only ones.
inline const char* op_token(Op op) {
  switch (op) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Mod: return "%";
    case Op::Eq: return "=";
    case Op::Ne: return "!=";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::Concat: return "&";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::In: return "in";
    case Op::Range: return "..";
    default: return "";
  }
}

struct Node;

/// A parent-operator slot: the label under which a step's ancestor is recorded in tuples.
struct Slot {
  std::string label;
  int level = 1;
  int index = 0;
};

struct Stage {
  bool is_index = false;  // else a filter
  Node* expr = nullptr;
  std::string_view var;   // index variable name (a view, as Node::text)
  std::uint32_t position = 0;
};

struct GroupSpec {
  std::vector<std::pair<Node*, Node*>> pairs;
  std::uint32_t position = 0;
};

struct SortTerm {
  bool descending = false;
  Node* expr = nullptr;
};

struct Node {
  NT type = NT::Literal;
  Op op = Op::None;
  std::uint32_t position = 0;
  std::uint16_t depth = 1;  // raw tree height, bounded at parse time

  bool keep_array = false;
  bool cons_array = false;
  bool tuple = false;
  bool thunk = false;
  bool keep_singleton_array = false;
  bool simple_path = false;  // Path of plain field names only (evaluated by a fast walk)

  Value literal;      // String / Number / Literal(true, false, null)
  // Name, variable, string literal, operator keyword, regex source: a view into the
  // program's source text or string arena (or a literal), never a copy of its own.
  std::string_view text;
  std::uint32_t hash = 0;
  int builtin = -1;   // Variable: index of the built-in with this name, if any

  Node* lhs = nullptr;
  Node* rhs = nullptr;
  Node* expr = nullptr;       // Negate operand
  std::vector<Node*> list;    // path steps, block / array items, call arguments, lambda params
  std::vector<std::pair<Node*, Node*>> pairs;  // object constructor
  std::vector<SortTerm> terms;
  std::vector<Stage> stages;     // per-step stages (filters and index bindings)
  std::vector<Stage> predicate;  // filters on a non-path expression
  GroupSpec* group = nullptr;

  Node* condition = nullptr;
  Node* then = nullptr;
  Node* otherwise = nullptr;
  Node* pattern = nullptr;  // transform
  Node* update = nullptr;
  Node* del = nullptr;
  Node* procedure = nullptr;
  Node* body = nullptr;
  const Signature* signature = nullptr;

  std::string_view focus;      // step '@' variable
  std::string_view index_var;  // step '#' variable
  Slot* ancestor = nullptr;
  Slot* slot = nullptr;   // Parent
  // Slots still looking for their parent step. Shared (not copied) between nodes exactly
  // where jsonata-js shares its arrays, so the same later additions are seen; null = none.
  std::shared_ptr<std::vector<Slot*>> seeking;

  const regex::Regex* regex = nullptr;
};

/// Owns every node, slot, signature and regex of one compiled expression.
struct Program {
  std::vector<Node*> nodes;  // every node, in creation order (owned by node_chunks_)
  std::vector<std::unique_ptr<Slot>> slots;
  std::vector<std::unique_ptr<GroupSpec>> groups;
  std::vector<std::unique_ptr<Signature>> signatures;
  std::vector<std::unique_ptr<regex::Regex>> regexes;
  std::vector<std::unique_ptr<Projection>> projections;  // see plan_projection()
  Arena strings;  // literal string storage
  Node* root = nullptr;
  std::string source;

  Program() = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  ~Program() {
    for (Node* n : nodes) n->~Node();
    for (void* c : node_chunks_) ::operator delete(c);
  }

  // Nodes are constructed in chunks of raw storage (16, 32, then 64 nodes) rather than one
  // heap block each: a compile makes tens of nodes, and their malloc/free pairs were a fifth
  // of its cost. Only the nodes handed out are constructed and destroyed.
  Node* make(NT t, std::uint32_t pos) {
    if (chunk_left_ == 0) {
      const std::size_t n = node_chunks_.size() >= 2 ? 64 : 16u << node_chunks_.size();
      if (nodes.capacity() < nodes.size() + n) nodes.reserve(nodes.size() + n);
      node_chunks_.reserve(node_chunks_.size() + 1);
      void* raw = ::operator new(n * sizeof(Node));
      node_chunks_.push_back(raw);
      chunk_next_ = static_cast<Node*>(raw);
      chunk_left_ = n;
    }
    Node* n = new (chunk_next_++) Node();
    --chunk_left_;
    nodes.push_back(n);
    n->type = t;
    n->position = pos;
    return n;
  }

 private:
  std::vector<void*> node_chunks_;
  Node* chunk_next_ = nullptr;
  std::size_t chunk_left_ = 0;
};

}  // namespace tb::jsonata
