#pragma once
// The syntax tree. The parser builds raw nodes (binary '.', '[', '{', '^', '@', '#', ':=',
// '~>'); the post-parse pass (ast_process.cpp) turns them into what the evaluator reads:
// paths of steps with stages, group-by and sort steps, tuple-stream flags, parent (%)
// ancestry slots and tail-call thunks - the same shape jsonata-js evaluates.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "arena.hpp"
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

/// A node's list (steps, items, arguments, pairs, stages ...) in the program's arena: a node
/// then needs no destructor and a list no malloc of its own (growing std::vectors one push at
/// a time, and destroying them, was a third of a compile). Grows by doubling; what a list
/// outgrows stays in the arena until the program goes. Read like a vector; written through
/// push_back/append with the arena.
template <class T>
class NodeList {
  static_assert(std::is_trivially_destructible<T>::value, "arena storage is never destroyed");

 public:
  T* begin() { return items_; }
  T* end() { return items_ + size_; }
  const T* begin() const { return items_; }
  const T* end() const { return items_ + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return items_[i]; }
  const T& operator[](std::size_t i) const { return items_[i]; }
  T& front() { return items_[0]; }
  T& back() { return items_[size_ - 1]; }
  const T& front() const { return items_[0]; }
  const T& back() const { return items_[size_ - 1]; }
  T* data() { return items_; }
  const T* data() const { return items_; }
  void clear() { size_ = 0; }

  void push_back(Arena& a, const T& v) {
    if (size_ == cap_) grow(a, size_ + 1);
    new (&items_[size_++]) T(v);
  }
  /// Appends `other`'s items (`other` may be this list).
  void append(Arena& a, const NodeList& other) {
    const std::size_t n = other.size_;
    if (size_ + n > cap_) grow(a, size_ + n);
    for (std::size_t i = 0; i < n; ++i) new (&items_[size_ + i]) T(other.items_[i]);
    size_ += static_cast<std::uint32_t>(n);
  }

 private:
  void grow(Arena& a, std::size_t need) {
    std::size_t cap = cap_ ? 2u * cap_ : 2u;
    while (cap < need) cap *= 2;
    T* p = a.alloc_array<T>(cap);
    // Out of memory: std::vector's growth (which this replaces) ended the process the same way
    // with exceptions off; a compile is far below any arena limit.
    if (!p) std::abort();
    for (std::size_t i = 0; i < size_; ++i) new (&p[i]) T(items_[i]);
    items_ = p;
    cap_ = static_cast<std::uint32_t>(cap);
  }

  T* items_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t cap_ = 0;
};

using NodePairs = NodeList<std::pair<Node*, Node*>>;

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
  NodePairs pairs;
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
  NodeList<Node*> list;    // path steps, block / array items, call arguments, lambda params
  NodePairs pairs;         // object constructor
  NodeList<SortTerm> terms;
  NodeList<Stage> stages;     // per-step stages (filters and index bindings)
  NodeList<Stage> predicate;  // filters on a non-path expression
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
  NodeList<Slot*>* seeking = nullptr;

  const regex::Regex* regex = nullptr;
};

static_assert(std::is_trivially_destructible<Node>::value, "nodes live in the program's arena");

/// Owns every node, slot, signature and regex of one compiled expression.
struct Program {
  // Nodes, their lists and literal strings: one arena, released at once with the program.
  // Nodes were chunks of 16 to 64 constructed and destroyed one by one; now nothing of a node
  // needs destroying (see NodeList).
  Arena pool;
  std::vector<std::unique_ptr<Slot>> slots;
  std::vector<std::unique_ptr<GroupSpec>> groups;
  std::vector<std::unique_ptr<Signature>> signatures;
  std::vector<std::unique_ptr<regex::Regex>> regexes;
  // See plan_projection(). Reserved to their exact number before the first is made, so their
  // addresses (which fields' `sub` hold) are stable.
  std::vector<Projection> projections;
  Node* root = nullptr;
  std::string_view source;  // the expression's text, in `pool`

  Program() = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  Node* make(NT t, std::uint32_t pos) {
    void* raw = pool.alloc(sizeof(Node));
    if (!raw) std::abort();  // as the operator new this replaces, with exceptions off
    Node* n = new (raw) Node();
    n->type = t;
    n->position = pos;
    return n;
  }

  /// A list shared between nodes (Node::seeking).
  NodeList<Slot*>* make_slot_list() {
    void* raw = pool.alloc(sizeof(NodeList<Slot*>));
    if (!raw) std::abort();
    return new (raw) NodeList<Slot*>();
  }
};

}  // namespace tb::jsonata
