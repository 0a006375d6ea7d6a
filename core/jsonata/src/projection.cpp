// The projection planner: one walk over the processed syntax tree that follows the context
// value the way the evaluator passes it (path steps, filters, sort terms, group-by pairs,
// lambda bodies, which run on the input they were created with) and records, as a trie of
// member names from the input's root, every place the input is read by name and every value
// that escapes whole. `$keys(x)` is the one built-in that sees less than its argument: x's
// keys, not their values.
#include "projection.hpp"

#include <cstdlib>

#include "ast.hpp"
#include "builtins.hpp"
#include "json_writer.hpp"
#include "value.hpp"

namespace tb::jsonata {
namespace {

// Values at one member path of the input (through any arrays). Kept in the program's arena
// (a few per compile; a std::map of owned strings per level was a fifth of a compile).
struct Trie {
  std::string_view name;
  bool whole = false;
  bool keys = false;        // its keys are read (`$keys`)
  std::uint32_t count = 0;  // children
  Trie* first = nullptr;    // children, newest first
  Trie* next = nullptr;     // sibling

  Trie* child(Arena& a, std::string_view key) {
    for (Trie* c = first; c; c = c->next)
      if (c->name == key) return c;
    Trie* c = a.make<Trie>();
    if (!c) std::abort();  // as the std::map node allocation this replaces
    c->name = key;
    c->next = first;
    first = c;
    ++count;
    return c;
  }
};

// A built-in that may be handed the context instead of an argument: `-` in its signature,
// and a call that can leave that parameter unfilled (fewer arguments than parameters, or a
// variadic one). Which it does depends on the argument types at run time, so the planner
// assumes it does. `$eval` reads the context (and `$$`) without a signature saying so.
enum class Context { Unused, Maybe, Anything };

bool has_context_param(const Signature* sig) {
  if (!sig) return false;
  for (const SigParam& p : sig->params)
    if (p.context) return true;
  return false;
}

Context context_use(int builtin, std::size_t nargs) {
  const Builtin* b = builtin_value(builtin).fn->builtin;
  if (std::string_view(b->name) == "eval") return Context::Anything;
  const Signature* sig = builtin_value(builtin).fn->signature;  // the table's parsed signature
  if (!sig) return Context::Maybe;
  if (!has_context_param(sig)) return Context::Unused;
  bool variadic = false;
  for (const SigParam& p : sig->params) variadic = variadic || p.quant.find('+') != std::string::npos;
  return nargs < sig->params.size() || variadic ? Context::Maybe : Context::Unused;
}

int builtin_named(const Node* n) {
  if (n->type != NT::Variable || n->text.empty() || n->text == "$") return -1;
  // The post-parse pass looked the name up already (-2: known not to be a built-in).
  if (n->builtin >= 0) return n->builtin;
  if (n->builtin == -2) return -1;
  return builtin_index(n->text);
}

bool is_keys(const Node* proc) {
  const int b = builtin_named(proc);
  return b >= 0 && std::string_view(builtin_value(b).fn->builtin->name) == "keys";
}

// A level built whole: kept whole, or its keys read where `$keys` may not be the built-in.
bool built_whole(const Trie& t, bool keys_ok) { return t.whole || (t.keys && !keys_ok); }

class Planner {
 public:
  explicit Planner(Arena& a) : arena_(a) {}
  Trie root;
  bool whole_input = false;  // gave up: the expression may read anything
  // The expression binds `$keys` itself (a variable, a lambda parameter): a call of it may
  // not be the built-in's, so its arguments are kept whole after all.
  bool rebinds_keys = false;

  // The values `n` evaluates to, when they are the input's values at a member path (so
  // later steps may narrow them); null when they are not, or are already kept whole.
  Trie* walk(const Node* n, Trie* ctx) {
    if (whole_input || !n) return nullptr;
    Trie* r = node(n, ctx);
    for (const Stage& st : n->predicate) use(st.expr, r);
    if (n->type != NT::Path && n->group) {
      group(*n->group, r);
      r = nullptr;
    }
    return r;
  }

  // `n`'s values are seen as they are.
  void use(const Node* n, Trie* ctx) { keep(walk(n, ctx)); }

 private:
  static void keep(Trie* t) {
    if (t) t->whole = true;
  }
  Trie* give_up() {
    whole_input = true;
    return nullptr;
  }

  void group(const GroupSpec& g, Trie* ctx) {
    for (const auto& [k, v] : g.pairs) {
      use(k, ctx);
      use(v, ctx);
    }
  }

  Trie* path(const Node* n, Trie* ctx) {
    if (n->tuple) return give_up();
    Trie* cur = ctx;
    for (const Node* step : n->list) {
      if (step->tuple || !step->focus.empty() || !step->index_var.empty() || step->ancestor) return give_up();
      // A sort step orders the items it is given; its terms read each item.
      Trie* r = cur;
      if (step->type == NT::Sort) {
        for (const SortTerm& t : step->terms) use(t.expr, cur);
      } else {
        r = walk(step, cur);
      }
      for (const Stage& st : step->stages) {
        if (st.is_index) return give_up();
        use(st.expr, r);
      }
      cur = r;
    }
    if (n->group) {
      group(*n->group, cur);
      return nullptr;
    }
    return cur;
  }

  // A call node `fn` in context `ctx`, with `extra` arguments before its own (`~>`'s left side).
  void call(const Node* fn, std::size_t extra, Trie* ctx) {
    callee(fn->procedure, fn->list.size() + extra, ctx);
    if (extra == 0 && fn->list.size() == 1 && is_keys(fn->procedure)) {
      for (const Node* a : fn->list)
        if (Trie* t = walk(a, ctx)) t->keys = true;
      return;
    }
    for (const Node* a : fn->list) use(a, ctx);
  }

  // A call of `proc` with `nargs` arguments, in context `ctx`.
  void callee(const Node* proc, std::size_t nargs, Trie* ctx) {
    int b = builtin_named(proc);
    if (b < 0) return use(proc, ctx);  // a lambda: its body was planned where it was written
    Context c = context_use(b, nargs);
    if (c == Context::Anything) give_up();
    else if (c == Context::Maybe) keep(ctx);
  }

  Trie* node(const Node* n, Trie* ctx) {
    switch (n->type) {
      case NT::Path: return path(n, ctx);
      case NT::Name: return ctx ? ctx->child(arena_, n->text) : nullptr;
      case NT::Variable: {
        if (n->text.empty()) return ctx;
        if (n->text == "$") return &root;
        // A built-in taken as a value may be called anywhere, with any context.
        int b = builtin_named(n);
        if (b >= 0 && context_use(b, 0) != Context::Unused) return give_up();
        return nullptr;  // variables hold only values already kept whole
      }
      case NT::String:
      case NT::Number:
      case NT::Literal:
      case NT::Regex:
      case NT::Placeholder: return nullptr;
      case NT::Wildcard:
      case NT::Descendant: keep(ctx); return nullptr;
      case NT::Binary: use(n->lhs, ctx); use(n->rhs, ctx); return nullptr;
      case NT::Negate: use(n->expr, ctx); return nullptr;
      case NT::ArrayCons:
        for (const Node* item : n->list) use(item, ctx);
        return nullptr;
      case NT::ObjectCons:
        for (const auto& [k, v] : n->pairs) {
          use(k, ctx);
          use(v, ctx);
        }
        return nullptr;
      case NT::Condition:
        use(n->condition, ctx);
        use(n->then, ctx);
        use(n->otherwise, ctx);
        return nullptr;
      case NT::Block: {
        // Only the last expression's value leaves the block; the others' are dropped.
        Trie* last = nullptr;
        for (const Node* e : n->list) last = walk(e, ctx);
        return last;
      }
      case NT::Bind:
        if (n->lhs && n->lhs->text == "keys") rebinds_keys = true;
        use(n->rhs, ctx);
        return nullptr;
      case NT::Function:
        call(n, 0, ctx);
        return nullptr;
      case NT::Partial:
        // The call happens later, in a context this walk does not know: the procedure is
        // planned as a value (a built-in that may take the context gives up there).
        use(n->procedure, ctx);
        for (const Node* a : n->list) use(a, ctx);
        return nullptr;
      case NT::Lambda:
        // Called from anywhere, but always over the input it was created with.
        if (has_context_param(n->signature)) return give_up();
        for (const Node* param : n->list) rebinds_keys = rebinds_keys || param->text == "keys";
        use(n->body, ctx);
        return nullptr;
      case NT::Apply:
        use(n->lhs, ctx);
        if (!n->rhs->predicate.empty() || n->rhs->group) return give_up();
        if (n->rhs->type == NT::Function) call(n->rhs, 1, ctx);
        else callee(n->rhs, 1, ctx);  // a function value applied to the left side
        return nullptr;
      default:  // parent (%), transform, and anything added later
        return give_up();
    }
  }

  Arena& arena_;
};

// How many projections freeze() makes of `t`: one per level not built whole.
std::size_t projections_in(const Trie& t, bool keys_ok) {
  std::size_t n = 1;
  for (const Trie* c = t.first; c; c = c->next)
    if (!built_whole(*c, keys_ok)) n += projections_in(*c, keys_ok);
  return n;
}

const Projection* freeze(Program& prog, const Trie& t, bool keys_ok) {
  prog.projections.emplace_back();
  Projection* p = &prog.projections.back();
  p->keys = t.keys;
  // Fields in name order (plan_json and describe() print them so).
  const Trie* kids[64];
  std::vector<const Trie*> many;
  const Trie** sorted = kids;
  if (t.count > 64) {
    many.resize(t.count);
    sorted = many.data();
  }
  std::size_t n = 0;
  for (const Trie* c = t.first; c; c = c->next) {
    // Insertion sort: a few names (and no std::sort instantiation in the module).
    std::size_t j = n++;
    for (; j > 0 && c->name < sorted[j - 1]->name; --j) sorted[j] = sorted[j - 1];
    sorted[j] = c;
  }
  p->fields.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Trie* sub = sorted[i];
    Projection::Field f;
    f.name = sub->name;
    f.hash = hash_key(sub->name);
    f.sub = built_whole(*sub, keys_ok) ? nullptr : freeze(prog, *sub, keys_ok);
    p->add(f);
  }
  return p;
}

}  // namespace

const Projection kSkipAll;

const Projection* plan_projection(Program& prog) {
  Planner planner(prog.pool);
  Trie* top = planner.walk(prog.root, &planner.root);
  if (top) top->whole = true;  // the result itself
  const bool keys_ok = !planner.rebinds_keys;
  if (planner.whole_input || built_whole(planner.root, keys_ok)) return nullptr;
  prog.projections.reserve(prog.projections.size() + projections_in(planner.root, keys_ok));
  return freeze(prog, planner.root, keys_ok);
}

bool reads_keys(const Projection* p) {
  if (!p || p == &kSkipAll) return false;
  if (p->keys) return true;
  for (const Projection::Field& f : p->fields)
    if (reads_keys(f.sub)) return true;
  return false;
}

std::string plan_json(const Projection* p) {
  if (!p) return "null";
  std::string out = p->keys ? "[{" : "{";
  const std::size_t open = out.size();
  for (const Projection::Field& f : p->fields) {
    if (out.size() > open) out += ',';
    write_json_string(out, f.name);
    out += ':';
    out += f.sub ? plan_json(f.sub) : "true";
  }
  return out + (p->keys ? "}]" : "}");
}

std::string describe(const Projection* p) {
  if (!p) return "*";
  std::string out = p->keys ? "keys{" : "{";
  const std::size_t open = out.size();
  for (const Projection::Field& f : p->fields) {
    if (out.size() > open) out += ',';
    out.append(f.name.data(), f.name.size());
    out += ':';
    out += describe(f.sub);
  }
  return out + '}';
}

}  // namespace tb::jsonata
