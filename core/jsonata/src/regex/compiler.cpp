// Ast -> instructions. The tree is walked with an explicit task stack so deeply nested
// patterns cost heap, not native stack. Inside lookbehinds everything is emitted for
// right-to-left matching: sequences in reverse order and consuming instructions flagged
// `back`, as ECMA-262 specifies (and V8 implements).
//
// Quantifiers compile to one of three shapes:
//   - a single-unit atom without captures: kRepeat, which scans and backs off in place so
//     `.*` over a megabyte needs one backtrack entry, not a million;
//   - min = max = 1: the body itself;
//   - otherwise a loop with, as needed, a counter (min/max), a start-position register for
//     the empty-iteration check (bodies that can match empty) and a kClear of the captures
//     inside (reset at every iteration).
#include "regex/compiler.hpp"

#include "regex/analysis.hpp"
#include "ticketbridge/text/case_fold.hpp"

namespace tb::jsonata::regex {
namespace {

class Compiler {
 public:
  Compiler(const Ast& ast, Regex::Program& prog)
      : ast_(ast), prog_(prog),
        analysis_(analyze(ast, prog.ignore_case, prog.multiline)) {}

  void run();

 private:
  struct Task {
    std::int32_t node;
    bool back;
    std::int32_t stage = 0;
    std::int32_t aux = 0;   // pc to patch / register, by node kind
    std::int32_t aux2 = 0;
    std::int32_t aux3 = 0;
  };

  std::int32_t emit(Op op, bool back = false, std::int32_t a = 0, std::int32_t b = 0,
                    std::int32_t c = 0, std::int32_t d = 0, std::uint8_t flag = 0) {
    Inst inst;
    inst.op = op;
    inst.back = back;
    inst.a = a;
    inst.b = b;
    inst.c = c;
    inst.d = d;
    inst.flag = flag;
    prog_.code.push_back(inst);
    return static_cast<std::int32_t>(prog_.code.size() - 1);
  }
  std::int32_t pc() const { return static_cast<std::int32_t>(prog_.code.size()); }
  std::int32_t new_register() { return prog_.register_count++; }
  const Node& node(std::int32_t id) const { return ast_.nodes[static_cast<std::size_t>(id)]; }
  std::int32_t kid(const Node& n, std::int32_t k) const {
    return ast_.kids[static_cast<std::size_t>(n.first_kid + k)];
  }

  bool is_single_unit(const Node& n) const {
    return n.kind == NodeKind::kChar || n.kind == NodeKind::kDot || n.kind == NodeKind::kClass;
  }
  void emit_char(char16_t unit, bool back);
  void emit_leaf(const Node& n, bool back);
  void emit_string(const Node& seq, std::int32_t from, std::int32_t to, bool back);
  void descend(const Task& child) {
    has_child_ = true;
    child_ = child;
  }
  void step(Task& task);
  void step_seq(Task& task);
  void step_alt(Task& task);
  void step_quant(Task& task);

  const Ast& ast_;
  Regex::Program& prog_;
  Analysis analysis_;
  std::vector<Task> tasks_;
  bool has_child_ = false;
  Task child_{};
  std::vector<std::int32_t> patches_;  // pending forward jumps of open alternations
  std::vector<std::int32_t> class_index_;  // Ast class -> Program class, per fold/negation
};

void Compiler::emit_char(char16_t unit, bool back) {
  if (prog_.ignore_case) {
    const char16_t canon = text::canonicalize(unit);
    // An ASCII non-letter is its own and only case variant: compare it directly.
    if (!(unit < 0x80 && canon == unit && !((unit | 0x20) >= u'a' && (unit | 0x20) <= u'z'))) {
      emit(Op::kCharFold, back, canon);
      return;
    }
  }
  emit(Op::kChar, back, unit);
}

void Compiler::emit_leaf(const Node& n, bool back) {
  switch (n.kind) {
    case NodeKind::kChar:
      emit_char(static_cast<char16_t>(n.value), back);
      break;
    case NodeKind::kDot:
      emit(prog_.dot_all ? Op::kAny : Op::kDot, back);
      break;
    case NodeKind::kClass: {
      const auto index = static_cast<std::size_t>(n.value);
      if (class_index_[index] < 0) {
        prog_.classes.push_back(make_class_matcher(ast_.classes[index], n.sub != 0, prog_.ignore_case));
        class_index_[index] = static_cast<std::int32_t>(prog_.classes.size() - 1);
      }
      emit(Op::kClass, back, class_index_[index]);
      break;
    }
    case NodeKind::kAssert:
      switch (static_cast<AssertKind>(n.sub)) {
        case AssertKind::kStart: emit(prog_.multiline ? Op::kLineStart : Op::kInputStart); break;
        case AssertKind::kEnd: emit(prog_.multiline ? Op::kLineEnd : Op::kInputEnd); break;
        case AssertKind::kWordBoundary: emit(Op::kWordBoundary); break;
        case AssertKind::kNotWordBoundary: emit(Op::kNotWordBoundary); break;
      }
      break;
    case NodeKind::kBackref:
      emit(Op::kBackref, back, n.value, 0, 0, 0, prog_.ignore_case ? 1 : 0);
      break;
    default:
      break;
  }
}

// Kids [from, to) of `seq` are all kChar: one string instruction, literal in text order.
void Compiler::emit_string(const Node& seq, std::int32_t from, std::int32_t to, bool back) {
  const auto offset = static_cast<std::int32_t>(prog_.literals.size());
  for (std::int32_t k = from; k < to; ++k) {
    const auto unit = static_cast<char16_t>(node(kid(seq, k)).value);
    prog_.literals += prog_.ignore_case ? text::canonicalize(unit) : unit;
  }
  emit(prog_.ignore_case ? Op::kStringFold : Op::kString, back, offset, to - from);
}

void Compiler::run() {
  prog_.register_count = 2 * (ast_.capture_count + 1);
  class_index_.assign(ast_.classes.size(), -1);
  tasks_.push_back({ast_.root, false});
  while (!tasks_.empty()) {
    const std::size_t index = tasks_.size() - 1;
    Task task = tasks_[index];
    has_child_ = false;
    step(task);
    if (task.stage >= 0) {
      tasks_[index] = task;
      if (has_child_) tasks_.push_back(child_);
    } else if (has_child_) {
      tasks_[index] = child_;  // finished but hands over to one child (tail position)
    } else {
      tasks_.pop_back();
    }
  }
  emit(Op::kMatch);

  const FirstUnits& f = analysis_.root_first;
  prog_.anchored = analysis_.anchored;
  prog_.min_length = static_cast<std::int32_t>(
      ast_.root >= 0 ? analysis_.min_length[static_cast<std::size_t>(ast_.root)] : 0);
  if (!f.any && !f.nullable) {
    prog_.has_filter = true;
    for (int i = 0; i < 4; ++i) prog_.filter_low[i] = f.low[i];
    prog_.filter_high = f.high;
    // One possible first unit (a pattern that starts with a literal, as most do): the search
    // looks for that unit four at a time instead of testing the filter at every position.
    int count = 0, unit = -1;
    for (int i = 0; i < 4; ++i)
      for (int b = 0; b < 64; ++b)
        if ((f.low[i] >> b) & 1) {
          ++count;
          unit = i * 64 + b;
        }
    if (count == 1 && !f.high && !prog_.ignore_case) prog_.first_unit = unit;
  }
}

// Advances one task: emits code and may hand one child to descend(). A finished task sets
// stage = -1.
void Compiler::step(Task& task) {
  const Node& n = node(task.node);
  switch (n.kind) {
    case NodeKind::kEmpty:
      task.stage = -1;
      return;
    case NodeKind::kSeq:
      step_seq(task);
      return;
    case NodeKind::kAlt:
      step_alt(task);
      return;
    case NodeKind::kQuant:
      step_quant(task);
      return;
    case NodeKind::kCapture: {
      const std::int32_t open = 2 * n.value + (task.back ? 1 : 0);
      const std::int32_t close = 2 * n.value + (task.back ? 0 : 1);
      if (task.stage == 0) {
        emit(Op::kSave, false, open);
        task.stage = 1;
        descend({n.child, task.back});
      } else {
        emit(Op::kSave, false, close);
        task.stage = -1;
      }
      return;
    }
    case NodeKind::kLook: {
      const auto kind = static_cast<LookKind>(n.sub);
      const std::uint8_t positive = (kind == LookKind::kAhead || kind == LookKind::kBehind) ? 1 : 0;
      if (task.stage == 0) {
        task.aux = new_register();
        task.aux2 = emit(Op::kLookBegin, false, task.aux, 0, 0, 0, positive);
        task.stage = 1;
        const bool back = kind == LookKind::kBehind || kind == LookKind::kNotBehind;
        descend({n.child, back});
      } else {
        emit(Op::kLookEnd, false, task.aux, 0, 0, 0, positive);
        prog_.code[static_cast<std::size_t>(task.aux2)].c = pc();
        task.stage = -1;
      }
      return;
    }
    default:
      emit_leaf(n, task.back);
      task.stage = -1;
      return;
  }
}

// stage = number of kids handled; kids go left to right, or right to left when `back`.
void Compiler::step_seq(Task& task) {
  const Node& n = node(task.node);
  if (task.stage >= n.kid_count) {
    task.stage = -1;
    return;
  }
  const std::int32_t count = n.kid_count;
  const std::int32_t k = task.back ? count - 1 - task.stage : task.stage;
  // Merge a run of literal units into one string instruction.
  std::int32_t lo = k;
  std::int32_t hi = k + 1;
  if (node(kid(n, k)).kind == NodeKind::kChar) {
    if (task.back) {
      while (lo > 0 && node(kid(n, lo - 1)).kind == NodeKind::kChar) --lo;
    } else {
      while (hi < count && node(kid(n, hi)).kind == NodeKind::kChar) ++hi;
    }
  }
  if (hi - lo > 1) {
    emit_string(n, lo, hi, task.back);
    task.stage += hi - lo;
    return;
  }
  task.stage += 1;
  descend({kid(n, k), task.back});
}

// Layout: split L1,N1; L1: kid1; jump end; N1: split L2,N2; ... Nk-1: kidk; end:
// aux = pending split pc, aux2 = base of this alternation's jumps in patches_.
void Compiler::step_alt(Task& task) {
  const Node& n = node(task.node);
  const std::int32_t count = n.kid_count;
  if (task.stage == 0) task.aux2 = static_cast<std::int32_t>(patches_.size());
  if (task.stage > 0 && task.stage < count) {
    patches_.push_back(emit(Op::kJump));
    prog_.code[static_cast<std::size_t>(task.aux)].b = pc();
  }
  if (task.stage == count) {
    for (std::size_t i = static_cast<std::size_t>(task.aux2); i < patches_.size(); ++i) {
      prog_.code[static_cast<std::size_t>(patches_[i])].a = pc();
    }
    patches_.resize(static_cast<std::size_t>(task.aux2));
    task.stage = -1;
    return;
  }
  if (task.stage < count - 1) task.aux = emit(Op::kSplit, false, pc() + 1);
  descend({kid(n, task.stage), task.back});
  task.stage += 1;
}

// aux = loop head pc, aux2 = counter register or -1, aux3 = progress register or -1.
void Compiler::step_quant(Task& task) {
  const Node& n = node(task.node);
  const Node& body = node(n.child);
  const bool greedy = n.sub != 0;
  if (task.stage == 0) {
    if (n.max == 0) {
      task.stage = -1;
      return;
    }
    // A body that never consumes gives the same result on every iteration, so like V8 it
    // runs once (min > 0) or not at all: (?:){2147483647} must not loop two billion times.
    const bool empty_only = analysis_.empty_only[static_cast<std::size_t>(n.child)] != 0;
    if (empty_only && n.min == 0) {
      task.stage = -1;
      return;
    }
    if ((n.min == 1 && n.max == 1) || empty_only) {
      task.stage = -1;
      descend({n.child, task.back});
      return;
    }
    if (is_single_unit(body)) {
      emit(Op::kRepeat, task.back, 0, n.min, n.max, 0, greedy ? 1 : 0);
      emit_leaf(body, task.back);
      task.stage = -1;
      return;
    }
    const bool counted = n.min > 0 || n.max != kInfinity;
    const bool may_be_empty = analysis_.min_length[static_cast<std::size_t>(n.child)] == 0;
    task.aux2 = counted ? new_register() : -1;
    task.aux3 = may_be_empty ? new_register() : -1;
    if (counted) emit(Op::kSetCounter, false, task.aux2, 0);
    task.aux = pc();
    if (counted) {
      emit(Op::kLoop, false, task.aux2, n.min, n.max, 0, greedy ? 1 : 0);
    } else if (greedy) {
      emit(Op::kSplit, false, task.aux + 1, 0);
    } else {
      emit(Op::kSplit, false, 0, task.aux + 1);
    }
    if (may_be_empty) emit(Op::kSave, false, task.aux3);
    if (n.cap_hi > n.cap_lo) emit(Op::kClear, false, 2 * (n.cap_lo + 1), 2 * (n.cap_hi + 1));
    task.stage = 1;
    descend({n.child, task.back});
    return;
  }
  if (task.aux3 >= 0) emit(Op::kCheckProgress, false, task.aux3, task.aux2, n.min);
  if (task.aux2 >= 0) emit(Op::kIncrement, false, task.aux2);
  emit(Op::kJump, false, task.aux);
  Inst& head = prog_.code[static_cast<std::size_t>(task.aux)];
  if (head.op == Op::kLoop) {
    head.d = pc();
  } else if (greedy) {
    head.b = pc();
  } else {
    head.a = pc();
  }
  task.stage = -1;
}

}  // namespace

void compile_program(const Ast& ast, Regex::Program& prog) {
  Compiler compiler(ast, prog);
  compiler.run();
}

}  // namespace tb::jsonata::regex
