// Functions: calls, the tail-call trampoline, lambdas, partial application, the chain
// operator ~> and the transform operator |...|...|.
#include <cmath>

#include "builtins.hpp"
#include "eval_internal.hpp"
#include "parser.hpp"

namespace tb::jsonata {
namespace {

Function* new_function(Eval& ev, FnKind kind) {
  auto* f = ev.arena.make<Function>();
  if (!f) return nullptr;
  std::memset(static_cast<void*>(f), 0, sizeof *f);
  f->kind = kind;
  return f;
}

// Arguments live in a small buffer on the stack, or in the arena when there are many.
struct ArgBuf {
  Value local[8];
  Value* data = local;
  std::size_t size = 0;
  std::size_t cap = 8;
  bool reserve(Eval& ev, std::size_t n) {
    if (n <= cap) return true;
    Value* d = ev.arena.alloc_array<Value>(n);
    if (!d) return false;
    for (std::size_t i = 0; i < size; ++i) d[i] = data[i];
    data = d;
    cap = n;
    return true;
  }
};

// The node whose value names a call's procedure in errors: the first step of a path, else
// the procedure itself.
const Node* proc_token(const Node* procedure) {
  return procedure->type == NT::Path ? procedure->list[0] : procedure;
}

// Functions jsonata-js sees as objects (lambdas, built-ins, transforms) carry call stamps;
// regex closures are plain JavaScript functions and do not.
CallStamp* stamp_of(Eval& ev, Value proc) {
  if (proc.kind != Kind::Function) return nullptr;
  Function* f = proc.fn;
  if (f->kind == FnKind::Regex || f->kind == FnKind::RegexNext) return nullptr;
  if (f->kind == FnKind::Builtin && f->builtin->host < 0) {
    if (!ev.builtin_stamps) {
      ev.builtin_stamps = ev.arena.alloc_array<CallStamp>(kMaxBuiltins);
      if (!ev.builtin_stamps) return nullptr;
      std::memset(static_cast<void*>(ev.builtin_stamps), 0, kMaxBuiltins * sizeof(CallStamp));
    }
    return &ev.builtin_stamps[builtin_slot(f)];
  }
  return &f->stamp;
}

void stamp(Eval& ev, Value proc, std::uint32_t pos, const Node* token) {
  if (CallStamp* s = stamp_of(ev, proc)) {
    s->pos = pos;
    if (token) s->token = token;
  }
}

bool token_unset(const EvalError& e) { return !e.has_token || (e.token.empty() && !e.token_is_json); }

bool forgot_dollar(const Node* procedure, Frame* env) {
  if (procedure->type != NT::Path) return false;
  const Node* first = procedure->list[0];
  Value v = lookup_variable(env, first->text, hash_key(first->text), -1);
  return !v.is_undefined();
}

Value apply_procedure(Eval& ev, Function* proc, const Value* args, std::size_t n) {
  Frame* frame = ev.new_frame(proc->env);
  if (!frame) return Value::error();
  frame->call = true;
  for (std::uint32_t i = 0; i < proc->nparams; ++i) {
    const Node* p = proc->params[i];
    if (!ev.bind(frame, p->text, p->hash ? p->hash : hash_key(p->text), i < n ? args[i] : Value::undefined()))
      return Value::error();
  }
  Value r = ev.eval(proc->node->body, proc->input, frame);
  release_scope(ev, frame, r);
  return r;
}

Value apply_inner_raw(Eval& ev, Value proc, const Value* args, std::size_t n, Value input, Frame* env);

Value apply_inner(Eval& ev, Value proc, const Value* args, std::size_t n, Value input, Frame* env) {
  Value r = apply_inner_raw(ev, proc, args, n, input, env);
  if (r.is_error()) {
    if (CallStamp* s = stamp_of(ev, proc)) {
      if (token_unset(ev.err) && s->token) node_token(s->token, ev.err);
      if (s->pos) ev.err.position = s->pos;
    }
    // A built-in never called by name in this evaluation (passed as a callback: $map(a,
    // $uppercase)) names itself, as jsonata-js's errors do; the caller still gives the position.
    if (token_unset(ev.err) && proc.kind == Kind::Function && proc.fn->kind == FnKind::Builtin && proc.fn->builtin)
      ev.err.set_token(proc.fn->builtin->name);
  }
  return r;
}

Value apply_inner_raw(Eval& ev, Value proc, const Value* args, std::size_t n, Value input, Frame* env) {
  if (proc.kind != Kind::Function) {
    ev.fail("T1006");
    return Value::error();
  }
  Function* f = proc.fn;
  const Signature* sig = nullptr;
  if (f->kind == FnKind::Lambda) sig = f->signature;
  else if (f->kind == FnKind::Builtin) sig = f->signature;
  else if (f->kind == FnKind::Transform) {
    static const Signature* transform_sig = [] {
      static Signature s;
      SigParseError e;
      parse_signature("<(oa):o>", s, e);
      return &s;
    }();
    sig = transform_sig;
  }
  ArgBuf valid;
  if (sig) {
    if (!valid.reserve(ev, n + sig->params.size())) return ev.oom();
    SigCheckError se;
    std::size_t vn = 0;
    if (!validate_signature(*sig, args, n, input, ev.arena, valid.data, &vn, se)) {
      if (!se.code) return ev.oom();
      EvalError& e = ev.fail(se.code);
      e.set_value(se.value);
      e.index = se.index;
      e.has_index = true;
      e.type = se.type;
      return Value::error();
    }
    args = valid.data;
    n = vn;
  }
  switch (f->kind) {
    case FnKind::Lambda: return apply_procedure(ev, f, args, n);
    case FnKind::Builtin: {
      Call c{ev, input, env, f->builtin};
      Value v = f->builtin->fn(c, args, n);
      return sealed(ev.arena, v) ? v : ev.oom();
    }
    case FnKind::Partial: {
      std::size_t total = f->nparams;
      ArgBuf full;
      if (!full.reserve(ev, total)) return ev.oom();
      std::size_t k = 0;
      for (std::size_t i = 0; i < total; ++i) {
        if (f->holes & (1ULL << i)) {
          full.data[i] = k < n ? args[k] : Value::undefined();
          ++k;
        } else {
          full.data[i] = f->args[i];
        }
      }
      // Trailing undefined arguments are dropped so optional parameters stay optional.
      while (total > 0 && full.data[total - 1].is_undefined()) --total;
      return apply_inner(ev, Value::function(f->target), full.data, total, input, env);
    }
    case FnKind::Regex: return regex_call(ev, f, args, n);
    case FnKind::RegexNext: return regex_next(ev, f);
    case FnKind::Transform: {
      Value v = apply_transform(ev, f, n ? args[0] : Value::undefined(), env);
      return sealed(ev.arena, v) ? v : ev.oom();
    }
  }
  return Value::undefined();
}

const Program* chain_program() {
  static const Program* prog = [] {
    auto* p = new Program();
    EvalError err;
    compile_program(*p, "function($f, $g) { function($x){ $g($f($x)) } }", err);
    return p;
  }();
  return prog;
}

}  // namespace

Value Eval::apply(Value proc, const Value* args, std::size_t n, Value input, Frame* env) {
  // Built-ins that call functions back ($map, $sort, matchers...) recurse through here
  // without evaluating a node: count these frames too.
  if (limits.max_frames > 0 && ++nesting > limits.max_frames) {
    return stack_overflow();
  }
  Value r = apply_loop(proc, args, n, input, env);
  --nesting;
  return r;
}

Value Eval::apply_loop(Value proc, const Value* args, std::size_t n, Value input, Frame* env) {
  Value result = apply_inner(*this, proc, args, n, input, env);
  while (result.kind == Kind::Function && result.fn->kind == FnKind::Lambda && result.fn->thunk) {
    Function* t = result.fn;
    const Node* call = t->node->body;
    Value next = eval(call->procedure, t->input, t->env);
    if (next.is_error()) return next;
    stamp(*this, next, call->procedure->position, call->procedure->type == NT::Variable ? call->procedure : nullptr);
    ArgBuf a;
    if (!a.reserve(*this, call->list.size())) return oom();
    for (const Node* arg : call->list) {
      Value v = eval(arg, t->input, t->env);
      if (v.is_error()) return v;
      a.data[a.size++] = v;
    }
    // The tail call's arguments are known: the scopes of the call that made it are done.
    for (Frame* f = t->env; f && !f->captured;) {
      Frame* parent = f->parent;
      bool root = f->call;
      release(f);
      if (root) break;
      f = parent;
    }
    release(t);
    result = apply_inner(*this, next, a.data, a.size, input, env);
  }
  return result;
}

Value Eval::call_function(const Node* expr, Value input, Frame* env, const Value* applyto) {
  Value proc = eval(expr->procedure, input, env);
  if (proc.is_error()) return proc;
  if (proc.is_undefined() && forgot_dollar(expr->procedure, env)) {
    EvalError& e = fail("T1005");
    e.position = expr->position;
    e.set_token(expr->procedure->list[0]->text);
    return Value::error();
  }
  ArgBuf a;
  if (!a.reserve(*this, expr->list.size() + 1)) return oom();
  if (applyto) a.data[a.size++] = *applyto;
  for (const Node* arg : expr->list) {
    Value v = eval(arg, input, env);
    if (v.is_error()) return v;
    a.data[a.size++] = v;
  }
  const Node* token = proc_token(expr->procedure);
  stamp(*this, proc, expr->position, token);
  Value result = apply(proc, a.data, a.size, input, env);
  if (result.is_error()) {
    if (err.position <= 0) err.position = expr->position;
    if (token_unset(err)) node_token(token, err);
  }
  return result;
}

Value eval_lambda(Eval& ev, const Node* expr, Value input, Frame* env) {
  Function* f;
  if (expr->thunk) {
    f = ev.new_thunk();  // consumed by the trampoline at once
    if (!f) return Value::error();
    f->kind = FnKind::Lambda;
  } else {
    f = new_function(ev, FnKind::Lambda);
    if (!f) return ev.oom();
    Eval::capture(env);
  }
  f->thunk = expr->thunk;
  f->node = expr;
  f->env = env;
  f->input = input;
  f->params = expr->list.data();
  f->nparams = static_cast<std::uint32_t>(expr->list.size());
  f->signature = expr->signature;
  return Value::function(f);
}

Value eval_partial(Eval& ev, const Node* expr, Value input, Frame* env) {
  std::size_t n = expr->list.size();
  ArgBuf a;
  if (!a.reserve(ev, n)) return ev.oom();
  std::uint64_t holes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Node* arg = expr->list[i];
    if (arg->type == NT::Placeholder) {
      if (i < 64) holes |= 1ULL << i;
      a.data[a.size++] = Value::undefined();
      continue;
    }
    Value v = ev.eval(arg, input, env);
    if (v.is_error()) return v;
    a.data[a.size++] = v;
  }
  Value proc = ev.eval(expr->procedure, input, env);
  if (proc.is_error()) return proc;
  if (proc.is_undefined() && forgot_dollar(expr->procedure, env)) {
    EvalError& e = ev.fail("T1007");
    e.position = expr->position;
    e.set_token(expr->procedure->list[0]->text);
    return Value::error();
  }
  if (proc.kind != Kind::Function) {
    EvalError& e = ev.fail("T1008");
    e.position = expr->position;
    node_token(proc_token(expr->procedure), e);
    return Value::error();
  }
  Function* p = proc.fn;
  if (p->kind == FnKind::Lambda) {
    Frame* frame = ev.new_frame(p->env ? p->env : env);
    if (!frame) return Value::error();
    auto** unbound = ev.arena.alloc_array<const Node*>(p->nparams ? p->nparams : 1);
    if (!unbound) return ev.oom();
    std::uint32_t nu = 0;
    for (std::uint32_t i = 0; i < p->nparams; ++i) {
      const Node* param = p->params[i];
      if (i < n && (holes & (1ULL << i))) {
        unbound[nu++] = param;
      } else if (!ev.bind(frame, param->text, param->hash ? param->hash : hash_key(param->text),
                          i < n ? a.data[i] : Value::undefined())) {
        return Value::error();
      }
    }
    Function* f = new_function(ev, FnKind::Lambda);
    if (!f) return ev.oom();
    Eval::capture(frame);
    f->node = p->node;
    f->env = frame;
    f->input = p->input;
    f->params = unbound;
    f->nparams = nu;
    return Value::function(f);
  }
  // A native function: its declared parameters are filled from the arguments given here.
  std::uint32_t np = 0;
  Function* target = p;
  Value* bound;
  std::uint64_t new_holes = 0;
  if (p->kind == FnKind::Partial) {
    target = p->target;
    np = p->nparams;
    bound = ev.arena.alloc_array<Value>(np ? np : 1);
    if (!bound) return ev.oom();
    std::size_t k = 0;
    for (std::uint32_t i = 0; i < np; ++i) {
      bound[i] = p->args[i];
      if (!(p->holes & (1ULL << i))) continue;
      if (k < n && (holes & (1ULL << k))) new_holes |= 1ULL << i;
      else bound[i] = k < n ? a.data[k] : Value::undefined();
      ++k;
    }
  } else {
    switch (p->kind) {
      case FnKind::Builtin: np = static_cast<std::uint32_t>(p->builtin->native_params); break;
      case FnKind::Regex: np = 2; break;
      case FnKind::Transform: np = 1; break;
      default: np = 0; break;
    }
    bound = ev.arena.alloc_array<Value>(np ? np : 1);
    if (!bound) return ev.oom();
    for (std::uint32_t i = 0; i < np; ++i) {
      bound[i] = i < n ? a.data[i] : Value::undefined();
      if (i < n && (holes & (1ULL << i))) new_holes |= 1ULL << i;
    }
  }
  Function* f = new_function(ev, FnKind::Partial);
  if (!f) return ev.oom();
  f->target = target;
  f->args = bound;
  f->nparams = np;
  f->holes = new_holes;
  return Value::function(f);
}

Value eval_apply_expr(Eval& ev, const Node* expr, Value input, Frame* env) {
  Value lhs = ev.eval(expr->lhs, input, env);
  if (lhs.is_error()) return lhs;
  if (expr->rhs->type == NT::Function) return ev.call_function(expr->rhs, input, env, &lhs);
  Value func = ev.eval(expr->rhs, input, env);
  if (func.is_error()) return func;
  if (func.kind != Kind::Function) {
    EvalError& e = ev.fail("T2006");
    e.position = expr->position;
    e.set_value(func);
    return Value::error();
  }
  if (lhs.kind == Kind::Function) {
    const Program* chain = chain_program();
    Value composer = ev.eval(chain->root, Value::null(), env);
    if (composer.is_error()) return composer;
    Value pair[2] = {lhs, func};
    return ev.apply(composer, pair, 2, Value::null(), env);
  }
  return ev.apply(func, &lhs, 1, Value::null(), env);
}

Value eval_transform(Eval& ev, const Node* expr, Value input, Frame* env) {
  Function* f = new_function(ev, FnKind::Transform);
  if (!f) return ev.oom();
  Eval::capture(env);
  f->node = expr;
  f->env = env;
  return Value::function(f);
}

int function_arity(const Function* f) {
  switch (f->kind) {
    case FnKind::Lambda: return static_cast<int>(f->nparams);
    case FnKind::Builtin: return f->builtin->arity;
    case FnKind::Partial: {
      int c = 0;
      for (std::uint32_t i = 0; i < f->nparams; ++i)
        if (f->holes & (1ULL << i)) ++c;
      return c;
    }
    case FnKind::Regex: return 2;
    case FnKind::RegexNext: return 0;
    case FnKind::Transform: return 1;
  }
  return 0;
}

}  // namespace tb::jsonata
