// The post-parse pass: flattens '.' chains into paths of steps, attaches predicates as stages,
// group-by and order-by, focus (@) and index (#) bindings, resolves which step each parent
// operator (%) refers to, and marks tail calls in lambda bodies as thunks - the same
// transformations jsonata-js applies, so the evaluator sees the same tree.
#include <cstring>

#include "builtins.hpp"
#include "numbers.hpp"
#include "parser.hpp"

namespace tb::jsonata {

const char* js_type_name(const Node* n) {
  switch (n->type) {
    case NT::Path: return "path";
    case NT::Binary: return "binary";
    case NT::Negate:
    case NT::ArrayCons:
    case NT::ObjectCons: return "unary";
    case NT::Name: return "name";
    case NT::String: return "string";
    case NT::Number: return "number";
    case NT::Literal: return "value";
    case NT::Wildcard: return "wildcard";
    case NT::Descendant: return "descendant";
    case NT::Parent: return "parent";
    case NT::Condition: return "condition";
    case NT::Block: return "block";
    case NT::Bind: return "bind";
    case NT::Regex: return "regex";
    case NT::Function: return "function";
    case NT::Partial: return "partial";
    case NT::Variable: return "variable";
    case NT::Lambda: return "lambda";
    case NT::Apply: return "apply";
    case NT::Transform: return "transform";
    case NT::Sort: return "sort";
    case NT::Placeholder:
    case NT::Operator: return "operator";
    case NT::End: return "end";
  }
  return "";
}

void node_token(const Node* n, EvalError& e) {
  switch (n->type) {
    case NT::Number:
      e.has_token = true;
      e.token_is_json = true;
      e.token.clear();
      num::append(e.token, n->literal.num);
      return;
    case NT::Literal:
      e.has_token = true;
      e.token_is_json = true;
      e.token = n->literal.kind == Kind::Null ? "null" : n->literal.b ? "true" : "false";
      return;
    case NT::Condition:
    case NT::Transform:
    case NT::Block:
    case NT::Path:
    case NT::Sort:
    case NT::Parent:
    case NT::Lambda:
      return;
    default:
      e.set_token(n->text);
      return;
  }
}

namespace {

class Processor {
 public:
  Processor(Program& prog, EvalError& err) : prog_(prog), err_(err) {}

  Node* run(Node* raw) {
    Node* expr = process(raw);
    if (!expr) return nullptr;
    if (expr->type == NT::Parent || expr->seeking) {
      err_.code = "S0217";
      err_.position = expr->position;
      err_.set_token(js_type_name(expr));
      return nullptr;
    }
    for (Node* p : paths_) mark_simple_path(p);
    return expr;
  }

 private:
  std::nullptr_t fail(const char* code, std::uint32_t position) {
    err_.code = code;
    err_.position = position;
    return nullptr;
  }

  // A path of plain names with no flags: its value is a walk down nested objects.
  static void mark_simple_path(Node* p) {
    if (p->type != NT::Path || p->list.empty() || p->keep_singleton_array || p->keep_array || p->group || p->tuple) return;
    for (const Node* s : p->list) {
      if (s->type != NT::Name || !s->stages.empty() || !s->predicate.empty() || s->group || !s->focus.empty() ||
          !s->index_var.empty() || s->tuple || s->keep_array || s->ancestor)
        return;
    }
    p->simple_path = true;
  }

  Node* path_of(Node* step) {
    Node* p = prog_.make(NT::Path, 0);
    paths_.push_back(prog_.pool, p);  // every path is made here: mark_simple_path() looks at these
    p->list.push_back(prog_.pool, step);
    return p;
  }

  // Records that `value` (or its subtree) still looks for a parent, on `result`.
  void push_ancestry(Node* result, Node* value) {
    if (!value->seeking && value->type != NT::Parent) return;
    NodeList<Slot*>* slots = value->seeking ? value->seeking : prog_.make_slot_list();
    if (value->type == NT::Parent) slots->push_back(prog_.pool, value->slot);
    if (!result->seeking) result->seeking = slots;
    else result->seeking->append(prog_.pool, *slots);
  }

  // Walks back from `node` to find the step whose context is the parent `slot` asks for.
  Slot* seek_parent(Node* node, Slot* slot) {
    switch (node->type) {
      case NT::Name:
      case NT::Wildcard:
        if (--slot->level == 0) {
          if (node->ancestor) slot->label = node->ancestor->label;
          node->ancestor = slot;
          node->tuple = true;
        }
        return slot;
      case NT::Parent:
        ++slot->level;
        return slot;
      case NT::Block:
        if (!node->list.empty()) {
          node->tuple = true;
          slot = seek_parent(node->list.back(), slot);
        }
        return slot;
      case NT::Path: {
        node->tuple = true;
        std::int64_t index = static_cast<std::int64_t>(node->list.size()) - 1;
        slot = seek_parent(node->list[static_cast<std::size_t>(index--)], slot);
        while (slot && slot->level > 0 && index >= 0) slot = seek_parent(node->list[static_cast<std::size_t>(index--)], slot);
        return slot;
      }
      default:
        err_.code = "S0217";
        err_.position = node->position;
        err_.set_token(js_type_name(node));
        return nullptr;
    }
  }

  bool resolve_ancestry(Node* path) {
    Node* last = path->list.back();
    if (!last->seeking && last->type != NT::Parent) return true;  // no parent operator to place
    NodeList<Slot*>* slots = last->seeking ? last->seeking : prog_.make_slot_list();
    if (last->type == NT::Parent) slots->push_back(prog_.pool, last->slot);
    for (std::size_t is = 0; is < slots->size(); ++is) {
      Slot* slot = (*slots)[is];
      std::int64_t index = static_cast<std::int64_t>(path->list.size()) - 2;
      while (slot->level > 0) {
        if (index < 0) {
          if (!path->seeking) path->seeking = prog_.make_slot_list();
          path->seeking->push_back(prog_.pool, slot);
          break;
        }
        Node* step = path->list[static_cast<std::size_t>(index--)];
        while (index >= 0 && !step->focus.empty() && !path->list[static_cast<std::size_t>(index)]->focus.empty())
          step = path->list[static_cast<std::size_t>(index--)];
        slot = seek_parent(step, slot);
        if (!slot) return false;
      }
    }
    return true;
  }

  Node* tail_call(Node* expr) {
    if (expr->type == NT::Function && expr->predicate.empty()) {
      Node* thunk = prog_.make(NT::Lambda, expr->position);
      thunk->thunk = true;
      thunk->body = expr;
      return thunk;
    }
    if (expr->type == NT::Condition) {
      expr->then = tail_call(expr->then);
      if (expr->otherwise) expr->otherwise = tail_call(expr->otherwise);
    } else if (expr->type == NT::Block && !expr->list.empty()) {
      expr->list.back() = tail_call(expr->list.back());
    }
    return expr;
  }

  Node* dot(Node* e) {
    Node* lstep = process(e->lhs);
    if (!lstep) return nullptr;
    Node* result = lstep->type == NT::Path ? lstep : path_of(lstep);
    if (lstep->type == NT::Parent) {
      result->seeking = prog_.make_slot_list();
      result->seeking->push_back(prog_.pool, lstep->slot);
    }
    // A plain name joins the path as it is: process() would wrap it in a path of its own, only
    // for that wrapper to be dropped here.
    Node* rest = e->rhs;
    if (rest->type == NT::Name) rest->hash = hash_key(rest->text);
    else rest = process(rest);
    if (!rest) return nullptr;
    if (rest->type == NT::Path) {
      result->list.append(prog_.pool, rest->list);
    } else {
      if (!rest->predicate.empty()) {
        rest->stages = rest->predicate;
        rest->predicate = {};
      }
      result->list.push_back(prog_.pool, rest);
    }
    for (Node* step : result->list) {
      if (step->type == NT::Number || step->type == NT::Literal) {
        err_.code = "S0213";
        err_.position = step->position;
        err_.set_value(step->literal);
        return nullptr;
      }
    }
    for (Node* step : result->list) {
      if (step->type == NT::String) {
        step->type = NT::Name;
        step->hash = hash_key(step->text);
      }
    }
    for (Node* step : result->list)
      if (step->keep_array) result->keep_singleton_array = true;
    Node* first = result->list.front();
    if (first->type == NT::ArrayCons) first->cons_array = true;
    Node* last = result->list.back();
    if (last->type == NT::ArrayCons) last->cons_array = true;
    if (!resolve_ancestry(result)) return nullptr;
    return result;
  }

  Node* filter(Node* e) {
    Node* result = process(e->lhs);
    if (!result) return nullptr;
    Node* step = result;
    bool stages = false;
    if (result->type == NT::Path) {
      step = result->list.back();
      stages = true;
    }
    if (step->group) return fail("S0209", e->position);
    Node* pred = process(e->rhs);
    if (!pred) return nullptr;
    if (pred->seeking) {
      for (Slot* slot : *pred->seeking) {
        if (slot->level == 1) {
          if (!seek_parent(step, slot)) return nullptr;
        } else {
          --slot->level;
        }
      }
      push_ancestry(step, pred);
    }
    Stage st;
    st.expr = pred;
    st.position = e->position;
    (stages ? step->stages : step->predicate).push_back(prog_.pool, st);
    return result;
  }

  Node* group(Node* e) {
    Node* result = process(e->lhs);
    if (!result) return nullptr;
    if (result->group) return fail("S0210", e->position);
    prog_.groups.push_back(std::make_unique<GroupSpec>());
    GroupSpec* g = prog_.groups.back().get();
    g->position = e->position;
    for (auto& p : e->pairs) {
      Node* k = process(p.first);
      if (!k) return nullptr;
      Node* v = process(p.second);
      if (!v) return nullptr;
      g->pairs.push_back(prog_.pool, {k, v});
    }
    result->group = g;
    return result;
  }

  Node* order_by(Node* e) {
    Node* result = process(e->lhs);
    if (!result) return nullptr;
    if (result->type != NT::Path) result = path_of(result);
    Node* sort = prog_.make(NT::Sort, e->position);
    for (auto& t : e->terms) {
      SortTerm term;
      term.descending = t.descending;
      term.expr = process(t.expr);
      if (!term.expr) return nullptr;
      push_ancestry(sort, term.expr);
      sort->terms.push_back(prog_.pool, term);
    }
    result->list.push_back(prog_.pool, sort);
    if (!resolve_ancestry(result)) return nullptr;
    return result;
  }

  Node* focus(Node* e) {
    Node* result = process(e->lhs);
    if (!result) return nullptr;
    Node* step = result->type == NT::Path ? result->list.back() : result;
    if (!step->stages.empty() || !step->predicate.empty()) return fail("S0215", e->position);
    if (step->type == NT::Sort) return fail("S0216", e->position);
    if (e->keep_array) step->keep_array = true;
    step->focus = e->rhs->text;
    step->tuple = true;
    return result;
  }

  Node* index(Node* e) {
    Node* result = process(e->lhs);
    if (!result) return nullptr;
    Node* step = result;
    if (result->type == NT::Path) {
      step = result->list.back();
    } else {
      result = path_of(result);
      if (!step->predicate.empty()) {
        step->stages = step->predicate;
        step->predicate = {};
      }
    }
    if (step->stages.empty()) {
      step->index_var = e->rhs->text;
    } else {
      Stage st;
      st.is_index = true;
      st.var = e->rhs->text;
      st.position = e->position;
      step->stages.push_back(prog_.pool, st);
    }
    step->tuple = true;
    return result;
  }

  Node* binary(Node* e) {
    switch (e->op) {
      case Op::Dot: return dot(e);
      case Op::Filter: return filter(e);
      case Op::Group: return group(e);
      case Op::OrderBy: return order_by(e);
      case Op::Focus: return focus(e);
      case Op::Index: return index(e);
      // The remaining raw nodes become their processed selves in place: each was made for
      // this one use, and a fresh node (with its lists copied) doubled the tree's cost.
      case Op::Assign: {
        Node* r = e;
        r->type = NT::Bind;
        r->op = Op::None;
        r->lhs = process(e->lhs);
        r->rhs = r->lhs ? process(e->rhs) : nullptr;
        if (!r->rhs) return nullptr;
        push_ancestry(r, r->rhs);
        return r;
      }
      case Op::Chain: {
        Node* r = e;
        const bool own = e->keep_array;
        r->type = NT::Apply;
        r->op = Op::None;
        r->lhs = process(e->lhs);
        r->rhs = r->lhs ? process(e->rhs) : nullptr;
        if (!r->rhs) return nullptr;
        r->keep_array = r->lhs->keep_array || r->rhs->keep_array || own;
        return r;
      }
      default: {
        Node* r = e;
        r->lhs = process(e->lhs);
        r->rhs = r->lhs ? process(e->rhs) : nullptr;
        if (!r->rhs) return nullptr;
        push_ancestry(r, r->lhs);
        push_ancestry(r, r->rhs);
        return r;
      }
    }
  }

  Node* process(Node* e) {
    Node* result = nullptr;
    switch (e->type) {
      case NT::Binary:
        result = binary(e);
        break;
      case NT::Negate: {
        result = e;
        result->expr = process(e->expr);
        if (!result->expr) return nullptr;
        if (result->expr->type == NT::Number) {
          result = result->expr;
          result->literal.num = -result->literal.num;
        } else {
          push_ancestry(result, result->expr);
        }
        break;
      }
      case NT::ArrayCons: {
        result = e;
        for (Node*& item : e->list) {
          Node* v = process(item);
          if (!v) return nullptr;
          push_ancestry(result, v);
          item = v;
        }
        break;
      }
      case NT::ObjectCons: {
        result = e;
        for (auto& p : e->pairs) {
          Node* k = process(p.first);
          if (!k) return nullptr;
          push_ancestry(result, k);
          Node* v = process(p.second);
          if (!v) return nullptr;
          push_ancestry(result, v);
          p = {k, v};
        }
        break;
      }
      case NT::Function:
      case NT::Partial: {
        result = e;
        for (Node*& a : e->list) {
          Node* v = process(a);
          if (!v) return nullptr;
          push_ancestry(result, v);
          a = v;
        }
        result->procedure = process(e->procedure);
        if (!result->procedure) return nullptr;
        break;
      }
      case NT::Lambda: {
        result = e;
        result->procedure = nullptr;  // the raw call's `function` name
        Node* body = process(e->body);
        if (!body) return nullptr;
        result->body = tail_call(body);
        break;
      }
      case NT::Condition: {
        result = e;
        result->text = {};
        result->condition = process(e->condition);
        if (!result->condition) return nullptr;
        push_ancestry(result, result->condition);
        result->then = process(e->then);
        if (!result->then) return nullptr;
        push_ancestry(result, result->then);
        if (e->otherwise) {
          result->otherwise = process(e->otherwise);
          if (!result->otherwise) return nullptr;
          push_ancestry(result, result->otherwise);
        }
        break;
      }
      case NT::Transform: {
        result = e;
        result->text = {};
        result->pattern = process(e->pattern);
        result->update = result->pattern ? process(e->update) : nullptr;
        if (!result->update) return nullptr;
        if (e->del) {
          result->del = process(e->del);
          if (!result->del) return nullptr;
        }
        break;
      }
      case NT::Block: {
        result = e;
        result->text = {};
        for (Node*& item : e->list) {
          Node* part = process(item);
          if (!part) return nullptr;
          push_ancestry(result, part);
          if (part->cons_array || (part->type == NT::Path && part->list[0]->cons_array)) result->cons_array = true;
          item = part;
        }
        break;
      }
      case NT::Name:
        e->hash = hash_key(e->text);
        result = path_of(e);
        if (e->keep_array) result->keep_singleton_array = true;
        break;
      case NT::Parent: {
        result = prog_.make(NT::Parent, 0);
        prog_.slots.push_back(std::make_unique<Slot>());
        Slot* s = prog_.slots.back().get();
        s->label = "!" + std::to_string(label_++);
        s->level = 1;
        s->index = index_++;
        result->slot = s;
        break;
      }
      case NT::Variable:
        e->hash = hash_key(e->text);
        e->builtin = builtin_index(e->text, e->hash);
        if (e->builtin < 0) e->builtin = -2;
        result = e;
        break;
      case NT::String: {
        char* s = prog_.pool.copy(e->text.data(), e->text.size());
        e->literal = Value::string(s, e->text.size());
        e->hash = hash_key(e->text);
        result = e;
        break;
      }
      case NT::Number:
      case NT::Literal:
      case NT::Wildcard:
      case NT::Descendant:
      case NT::Regex:
      case NT::Placeholder:
        result = e;
        break;
      case NT::Operator:
        e->type = NT::Name;
        return process(e);
      case NT::End:
        err_.code = "S0207";
        err_.position = e->position;
        err_.set_token("(end)");
        return nullptr;
      default:
        err_.code = "S0206";
        err_.position = e->position;
        return nullptr;
    }
    if (!result) return nullptr;
    if (e->keep_array) result->keep_array = true;
    return result;
  }

  Program& prog_;
  EvalError& err_;
  NodeList<Node*> paths_;
  int label_ = 0;
  int index_ = 0;
};

}  // namespace

Node* process_ast(Program& prog, Node* raw, EvalError& err) {
  Processor p(prog, err);
  return p.run(raw);
}

}  // namespace tb::jsonata
