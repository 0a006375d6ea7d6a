// The transform operator |pattern|update,delete| applied to a value, and $clone, which it
// uses to copy the input before updating it in place.
#include <cmath>

#include "eval_internal.hpp"
#include "json_writer.hpp"
#include "numbers.hpp"

namespace tb::jsonata {

Value clone_value(Eval& ev, Value v, int depth) {
  if (depth > kMaxWriteDepth) {
    return ev.stack_overflow();
  }
  switch (v.kind) {
    case Kind::Number:
      if (!std::isfinite(v.num)) {
        if (std::isnan(v.num)) return Value::null();
        ev.fail("D1001").set_value(v);
        return Value::error();
      }
      return v.num == std::floor(v.num) ? v : Value::number(num::to_precision(v.num, 15));
    case Kind::Function:
      return Value::ascii("");
    case Kind::Array: {
      Array* out = new_array(ev.arena, v.arr->size);
      if (!out) return ev.oom();
      for (std::uint32_t i = 0; i < v.arr->size; ++i) {
        Value item = v.arr->items[i];
        Value c = item.is_undefined() ? Value::null() : clone_value(ev, item, depth + 1);
        if (c.is_error()) return c;
        out->items[out->size++] = c;
      }
      return Value::array(out);
    }
    case Kind::Object: {
      Object* out = new_object(ev.arena, v.obj->size);
      if (!out) return ev.oom();
      for (std::uint32_t i = 0; i < v.obj->size; ++i) {
        const Entry& e = v.obj->entries[i];
        if (e.value.is_undefined()) continue;
        Value c = clone_value(ev, e.value, depth + 1);
        if (c.is_error()) return c;
        if (!set(ev.arena, out, e.k(), e.hash, c)) return ev.oom();
      }
      return Value::object(out);
    }
    default:
      return v;
  }
}

Value apply_transform(Eval& ev, Function* t, Value obj, Frame* env) {
  if (obj.is_undefined()) return obj;
  const Node* expr = t->node;
  Frame* scope = t->env;
  Value clone_fn = lookup_variable(scope, "clone", hash_key("clone", 5), -1);
  if (clone_fn.kind != Kind::Function) {
    ev.fail("T2013").position = expr->position;
    return Value::error();
  }
  Value result = ev.apply(clone_fn, &obj, 1, Value::null(), scope);
  if (result.is_error()) return result;
  Value matches = ev.eval(expr->pattern, result, scope);
  if (matches.is_error()) return matches;
  if (matches.is_undefined()) return result;
  const Value* items = &matches;
  std::uint32_t n = 1;
  if (matches.kind == Kind::Array) {
    items = matches.arr->items;
    n = matches.arr->size;
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    Value match = items[i];
    Value update = ev.eval(expr->update, match, scope);
    if (update.is_error()) return update;
    if (!update.is_undefined()) {
      if (update.kind != Kind::Object) {
        EvalError& e = ev.fail("T2011");
        e.position = expr->update->position;
        e.set_value(update);
        return Value::error();
      }
      // Only objects this evaluation made can change; the input document is shared and
      // immutable (jsonata-js would write into it, which no caller could rely on).
      if (match.kind == Kind::Object && match.obj->mutable_) {
        for (std::uint32_t k = 0; k < update.obj->size; ++k) {
          const Entry& e = update.obj->entries[k];
          if (!set(ev.arena, match.obj, e.k(), e.hash, e.value)) return ev.oom();
        }
        if (!seal(ev.arena, match.obj)) return ev.oom();  // it sits inside the result
      }
    }
    if (!expr->del) continue;
    Value deletions = ev.eval(expr->del, match, scope);
    if (deletions.is_error()) return deletions;
    if (deletions.is_undefined()) continue;
    Value list = deletions;
    if (list.kind != Kind::Array) {
      Array* one = new_array(ev.arena, 1);
      if (!one) return ev.oom();
      one->items[one->size++] = deletions;
      list = Value::array(one);
    }
    if (!is_array_of_strings(list)) {
      EvalError& e = ev.fail("T2012");
      e.position = expr->del->position;
      e.set_value(deletions);
      return Value::error();
    }
    if (match.kind == Kind::Object && match.obj->mutable_)
      for (std::uint32_t k = 0; k < list.arr->size; ++k) remove(match.obj, list.arr->items[k].sv());
  }
  (void)env;
  return result;
}

}  // namespace tb::jsonata
