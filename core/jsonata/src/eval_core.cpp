// evaluate(): the guardrails, dispatch on node type, and the result-sequence rules
// (empty sequence -> undefined, singleton -> its item unless kept as an array).
#include <cmath>
#include <cstring>

#include "builtins.hpp"
#include "eval_internal.hpp"
#include "utf.hpp"

namespace tb::jsonata {

Eval::Eval(Arena& a, const Limits& l) : arena(a), limits(l) {}

EvalError& Eval::fail(const char* code) {
  err = EvalError();
  err.code = code;
  return err;
}

Value Eval::oom() {
  EvalError& e = fail("JSONATA_MEMORY_LIMIT");
  e.has_message = true;
  e.message = "Out of memory while evaluating the expression";
  return Value::error();
}

Value Eval::stack_overflow() {
  fail("D1011").set_value(Value::number(limits.max_depth));
  return Value::error();
}

Frame* Eval::new_frame(Frame* parent) {
  Frame* f = free_frames_;
  if (f) {
    free_frames_ = f->parent;
  } else {
    f = arena.make<Frame>();
    if (!f) {
      oom();
      return nullptr;
    }
    f->items = nullptr;
    f->cap = 0;
  }
  f->parent = parent;
  f->size = 0;
  f->captured = false;
  f->call = false;
  return f;
}

void Eval::release(Frame* f) {
  f->parent = free_frames_;
  free_frames_ = f;
}

void Eval::capture(Frame* f) {
  for (; f && !f->captured; f = f->parent) f->captured = true;
}

Function* Eval::new_thunk() {
  Function* f = free_thunks_;
  if (f) free_thunks_ = f->target;
  else f = arena.make<Function>();
  if (!f) {
    oom();
    return nullptr;
  }
  std::memset(static_cast<void*>(f), 0, sizeof *f);
  return f;
}

void Eval::release(Function* thunk) {
  thunk->target = free_thunks_;
  free_thunks_ = thunk;
}

namespace {
// True when `thunk` is a pending tail call whose scope lies inside `frame`.
bool thunk_within(Value v, const Frame* frame) {
  if (v.kind != Kind::Function || v.fn->kind != FnKind::Lambda || !v.fn->thunk) return false;
  for (const Frame* f = v.fn->env; f; f = f->parent)
    if (f == frame) return true;
  return false;
}
}  // namespace

void release_scope(Eval& ev, Frame* frame, Value result) {
  if (!frame->captured && !thunk_within(result, frame)) ev.release(frame);
}

bool Eval::bind(Frame* f, std::string_view name, std::uint32_t hash, Value v) {
  for (std::uint32_t i = 0; i < f->size; ++i) {
    Binding& b = f->items[i];
    if (b.hash == hash && b.len == name.size() && std::memcmp(b.name, name.data(), name.size()) == 0) {
      b.value = v;
      return true;
    }
  }
  if (f->size == f->cap) {
    std::uint32_t cap = f->cap ? f->cap * 2 : 4;
    auto* items = arena.alloc_array<Binding>(cap);
    if (!items) {
      oom();
      return false;
    }
    if (f->size) std::memcpy(items, f->items, f->size * sizeof(Binding));
    f->items = items;
    f->cap = cap;
  }
  f->items[f->size++] = Binding{name.data(), static_cast<std::uint32_t>(name.size()), hash, v};
  return true;
}

Value lookup_variable(Frame* env, std::string_view name, std::uint32_t hash, int builtin) {
  for (Frame* f = env; f; f = f->parent) {
    for (std::uint32_t i = 0; i < f->size; ++i) {
      const Binding& b = f->items[i];
      if (b.hash == hash && b.len == name.size() && std::memcmp(b.name, name.data(), name.size()) == 0)
        return b.value;
    }
  }
  if (builtin == -1) builtin = builtin_index(name);  // -2: known not to be a built-in
  return builtin >= 0 ? builtin_value(builtin) : Value::undefined();
}

Array* Eval::new_seq(std::size_t cap) {
  Array* a = new_array(arena, cap, kSequence);
  if (!a) oom();
  return a;
}

bool Eval::seq_push(Array* seq, Value v) {
  if (seq->size >= limits.max_sequence) {
    fail("D2015").set_value(Value::number(static_cast<double>(limits.max_sequence)));
    return false;
  }
  if (!push(arena, seq, v)) {
    oom();
    return false;
  }
  return true;
}

char* Eval::alloc_chars(std::size_t n) {
  if (n > 0x7FFFFFFFu || arena.reserved() + n > limits.max_memory) {
    oom();
    return nullptr;
  }
  auto* p = static_cast<char*>(arena.alloc(n ? n : 1));
  if (!p) oom();
  return p;
}

Value Eval::make_string(std::string_view s) {
  char* p = alloc_chars(s.size());
  if (!p) return Value::error();
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return Value::string(p, s.size());
}

int Eval::numeric(Value v) {
  if (v.kind != Kind::Number) return 0;
  if (std::isnan(v.num)) return 0;
  if (std::isinf(v.num)) {
    fail("D1001").set_value(v);
    return -1;
  }
  return 1;
}

Value Eval::boolean(Value v) {
  if (v.is_undefined()) return v;
  int t = truthy(v);
  return t < 0 ? Value::error() : Value::boolean(t == 1);
}

int Eval::truthy(Value v) {
  switch (v.kind) {
    case Kind::Undefined:
    case Kind::Null:
    case Kind::Function:
    case Kind::Error:
      return 0;
    case Kind::Bool:
      return v.b ? 1 : 0;
    case Kind::String:
      return v.len > 0 ? 1 : 0;
    case Kind::Number: {
      int n = numeric(v);
      if (n < 0) return -1;
      return n == 1 && v.num != 0 ? 1 : 0;
    }
    case Kind::Object:
      return v.obj->size > 0 ? 1 : 0;
    case Kind::Array: {
      const Array* a = v.arr;
      if (a->size == 1) return truthy(a->items[0]);
      for (std::uint32_t i = 0; i < a->size; ++i) {
        int t = truthy(a->items[i]);
        if (t != 0) return t;
      }
      return 0;
    }
  }
  return 0;
}

Value Eval::guard_failed() { return Value::error(); }

bool Eval::check_limits() {
  if (limits.time_limit_ms > 0 && limits.clock && limits.clock() - start_ms > limits.time_limit_ms) {
    fail("D1012").set_value(Value::number(limits.time_limit_ms));
    return false;
  }
  if (arena.reserved() > limits.max_memory) {
    oom();
    return false;
  }
  return true;
}

Value Eval::eval(const Node* expr, Value input, Frame* env) {
  ++depth;
  if (limits.max_depth > 0 && depth > limits.max_depth) {
    return stack_overflow();
  }
  if (limits.max_frames > 0 && ++nesting > limits.max_frames) {
    return stack_overflow();
  }
  char probe;
  std::size_t used = stack_base > &probe ? static_cast<std::size_t>(stack_base - &probe)
                                         : static_cast<std::size_t>(&probe - stack_base);
  if (used > limits.max_stack_bytes) {
    return stack_overflow();
  }
  if ((++ticks & 63) == 0 && !check_limits()) return Value::error();

  Value result = dispatch(expr, input, env);
  if (result.is_error()) return result;

  for (const Stage& st : expr->predicate) {
    result = eval_filter(*this, st.expr, result, env);
    if (result.is_error()) return result;
  }
  if (expr->type != NT::Path && expr->group) {
    result = eval_group(*this, expr->group->pairs, expr->group->position, result, env);
    if (result.is_error()) return result;
  }
  if (result.kind == Kind::Array && result.arr->has(kSequence) && !result.arr->has(kTupleStream)) {
    Array* seq = result.arr;
    if (expr->keep_array && !seq->has(kKeepSingleton)) {
      seq = reflag(arena, seq, static_cast<std::uint8_t>(seq->flags | kKeepSingleton));
      if (!seq) return oom();
      result = Value::array(seq);
    }
    if (seq->size == 0) result = Value::undefined();
    else if (seq->size == 1 && !seq->has(kKeepSingleton)) result = seq->items[0];
  }
  if (!sealed(arena, result)) return oom();
  --depth;
  --nesting;
  return result;
}

namespace {

Value eval_negate(Eval& ev, const Node* expr, Value input, Frame* env) {
  Value v = ev.eval(expr->expr, input, env);
  if (v.is_error() || v.is_undefined()) return v;
  int n = ev.numeric(v);
  if (n < 0) return Value::error();
  if (n == 1) return Value::number(-v.num);
  EvalError& e = ev.fail("D1002");
  e.position = expr->position;
  e.set_token("-");
  e.set_value(v);
  return Value::error();
}

// The items are evaluated first and the array allocated once at its final size, and a lone
// array item ([1..1e7], [$items]) lends its items to a new header: growing by doubling used to
// touch three times the memory of a large range, which in WebAssembly is mostly the cost of
// the heap's fresh pages.
Value eval_array(Eval& ev, const Node* expr, Value input, Frame* env) {
  const std::uint8_t flags = expr->cons_array ? kCons : 0;
  const std::size_t nitems = expr->list.size();
  Value small[8];
  Value* vals = nitems <= 8 ? small : ev.arena.alloc_array<Value>(nitems);
  if (!vals) return ev.oom();
  std::size_t total = 0, spliced = 0;
  for (std::size_t k = 0; k < nitems; ++k) {
    const Node* item = expr->list[k];
    Value v = ev.eval(item, input, env);
    if (v.is_error()) return v;
    vals[k] = v;
    if (v.is_undefined()) continue;
    if (item->type == NT::ArrayCons || v.kind != Kind::Array) {
      ++total;
      continue;
    }
    if (total + v.arr->size > ev.limits.max_sequence) {
      ev.fail("D2015").set_value(Value::number(static_cast<double>(total) + v.arr->size));
      return Value::error();
    }
    total += v.arr->size;
    ++spliced;
  }
  if (nitems == 1 && spliced == 1) {
    Array* shared = reflag(ev.arena, vals[0].arr, flags);
    return shared ? Value::array(shared) : ev.oom();
  }
  Array* out = new_array(ev.arena, total, flags);
  if (!out) return ev.oom();
  for (std::size_t k = 0; k < nitems; ++k) {
    Value v = vals[k];
    if (v.is_undefined()) continue;
    if (expr->list[k]->type == NT::ArrayCons || v.kind != Kind::Array) {
      out->items[out->size++] = v;
    } else if (v.arr->size) {
      std::memcpy(out->items + out->size, v.arr->items, v.arr->size * sizeof(Value));
      out->size += v.arr->size;
    }
  }
  return Value::array(out);
}

Value eval_condition(Eval& ev, const Node* expr, Value input, Frame* env) {
  Value c = ev.eval(expr->condition, input, env);
  if (c.is_error()) return c;
  int t = ev.truthy(c);
  if (t < 0) return Value::error();
  if (t) return ev.eval(expr->then, input, env);
  if (expr->otherwise) return ev.eval(expr->otherwise, input, env);
  return Value::undefined();
}

Value eval_block(Eval& ev, const Node* expr, Value input, Frame* env) {
  Frame* frame = ev.new_frame(env);
  if (!frame) return Value::error();
  Value result = Value::undefined();
  for (const Node* e : expr->list) {
    result = ev.eval(e, input, frame);
    if (result.is_error()) break;
  }
  release_scope(ev, frame, result);
  return result;
}

Value eval_variable(Eval& ev, const Node* expr, Value input, Frame* env) {
  if (expr->text.empty()) {
    if (input.kind == Kind::Array && input.arr->has(kOuterWrapper)) return input.arr->items[0];
    return input;
  }
  return lookup_variable(env, expr->text, expr->hash, expr->builtin);
}

Value eval_regex(Eval& ev, const Node* expr) {
  auto* f = ev.arena.make<Function>();
  if (!f) return ev.oom();
  std::memset(static_cast<void*>(f), 0, sizeof *f);
  f->kind = FnKind::Regex;
  f->re = expr->regex;
  f->node = expr;
  return Value::function(f);
}

}  // namespace

Value Eval::dispatch(const Node* expr, Value input, Frame* env) {
  switch (expr->type) {
    case NT::Path: return eval_path(*this, expr, input, env);
    case NT::Binary: return eval_binary(*this, expr, input, env);
    case NT::Negate: return eval_negate(*this, expr, input, env);
    case NT::ArrayCons: return eval_array(*this, expr, input, env);
    case NT::ObjectCons: return eval_group(*this, expr->pairs, expr->position, input, env);
    case NT::Name: return lookup_field(*this, input, expr->text, expr->hash);
    case NT::String:
    case NT::Number:
    case NT::Literal: return expr->literal;
    case NT::Wildcard: return eval_wildcard(*this, input);
    case NT::Descendant: return eval_descendants(*this, input);
    case NT::Parent: return lookup_variable(env, expr->slot->label, hash_key(expr->slot->label), -2);
    case NT::Condition: return eval_condition(*this, expr, input, env);
    case NT::Block: return eval_block(*this, expr, input, env);
    case NT::Bind: {
      Value v = eval(expr->rhs, input, env);
      if (v.is_error()) return v;
      if (!bind(env, expr->lhs->text, expr->lhs->hash, v)) return Value::error();
      return v;
    }
    case NT::Regex: return eval_regex(*this, expr);
    case NT::Function: return call_function(expr, input, env, nullptr);
    case NT::Variable: return eval_variable(*this, expr, input, env);
    case NT::Lambda: return eval_lambda(*this, expr, input, env);
    case NT::Partial: return eval_partial(*this, expr, input, env);
    case NT::Apply: return eval_apply_expr(*this, expr, input, env);
    case NT::Transform: return eval_transform(*this, expr, input, env);
    default: return Value::undefined();
  }
}

}  // namespace tb::jsonata
