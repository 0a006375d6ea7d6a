// Higher-order built-ins. The function argument receives (value, index|key, whole) - as many
// of those as its arity asks for, as jsonata-js's hofFuncArgs does. Each loop polls the limits:
// a built-in callback ($map(a, $string)) runs no evaluation that would.
#include "builtins.hpp"
#include "eval_internal.hpp"
#include "poll.hpp"

namespace tb::jsonata {
namespace {

Value call3(Call& c, Value fn, Value a, Value b, Value whole) {
  Value args[3] = {a, b, whole};
  int arity = fn.kind == Kind::Function ? function_arity(fn.fn) : 1;
  std::size_t n = arity >= 3 ? 3 : arity >= 2 ? 2 : 1;
  return c.ev.apply(fn, args, n, Value::null(), c.env);
}

Value fn_map(Call& c, const Value* args, std::size_t n) {
  Value arr = arg(args, n, 0), fn = arg(args, n, 1);
  if (arr.is_undefined()) return arr;
  Array* result = c.ev.new_seq(arr.arr->size);
  if (!result) return Value::error();
  for (std::uint32_t i = 0; i < arr.arr->size; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    Value r = call3(c, fn, arr.arr->items[i], Value::number(i), arr);
    if (r.is_error()) return r;
    if (!r.is_undefined() && !c.ev.seq_push(result, r)) return Value::error();
  }
  return Value::array(result);
}

Value fn_filter(Call& c, const Value* args, std::size_t n) {
  Value arr = arg(args, n, 0), fn = arg(args, n, 1);
  if (arr.is_undefined()) return arr;
  Array* result = c.ev.new_seq();
  if (!result) return Value::error();
  for (std::uint32_t i = 0; i < arr.arr->size; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    Value item = arr.arr->items[i];
    Value r = call3(c, fn, item, Value::number(i), arr);
    if (r.is_error()) return r;
    int t = c.ev.truthy(r);
    if (t < 0) return Value::error();
    if (t && !c.ev.seq_push(result, item)) return Value::error();
  }
  return Value::array(result);
}

Value fn_single(Call& c, const Value* args, std::size_t n) {
  Value arr = arg(args, n, 0), fn = arg(args, n, 1);
  if (arr.is_undefined()) return arr;
  bool found = false;
  Value result = Value::undefined();
  for (std::uint32_t i = 0; i < arr.arr->size; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    Value item = arr.arr->items[i];
    bool positive = true;
    if (!fn.is_undefined()) {
      Value r = call3(c, fn, item, Value::number(i), arr);
      if (r.is_error()) return r;
      int t = c.ev.truthy(r);
      if (t < 0) return Value::error();
      positive = t == 1;
    }
    if (!positive) continue;
    if (found) {
      EvalError& e = c.ev.fail("D3138");
      e.index = static_cast<int>(i);
      e.has_index = true;
      return Value::error();
    }
    result = item;
    found = true;
  }
  if (!found) {
    c.ev.fail("D3139");
    return Value::error();
  }
  return result;
}

Value fn_reduce(Call& c, const Value* args, std::size_t n) {
  Value seq = arg(args, n, 0), fn = arg(args, n, 1), init = arg(args, n, 2);
  if (seq.is_undefined()) return seq;
  int arity = fn.kind == Kind::Function ? function_arity(fn.fn) : 0;
  if (arity < 2) {
    EvalError& e = c.ev.fail("D3050");
    e.index = 1;
    e.has_index = true;
    return Value::error();
  }
  std::uint32_t i = 0;
  Value result = init;
  if (init.is_undefined() && seq.arr->size > 0) {
    result = seq.arr->items[0];
    i = 1;
  }
  for (; i < seq.arr->size; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    Value a[4] = {result, seq.arr->items[i], Value::number(i), seq};
    std::size_t na = arity >= 4 ? 4 : arity >= 3 ? 3 : 2;
    result = c.ev.apply(fn, a, na, Value::null(), c.env);
    if (result.is_error()) return result;
  }
  return result;
}

Value fn_each(Call& c, const Value* args, std::size_t n) {
  Value obj = arg(args, n, 0), fn = arg(args, n, 1);
  Array* result = c.ev.new_seq();
  if (!result) return Value::error();
  if (obj.kind != Kind::Object) return Value::array(result);
  for (std::uint32_t i = 0; i < obj.obj->size; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    const Entry& e = obj.obj->entries[i];
    Value r = call3(c, fn, e.value, Value::string(e.key, e.klen), obj);
    if (r.is_error()) return r;
    if (!r.is_undefined() && !c.ev.seq_push(result, r)) return Value::error();
  }
  return Value::array(result);
}

Value fn_sift(Call& c, const Value* args, std::size_t n) {
  Value obj = arg(args, n, 0), fn = arg(args, n, 1);
  if (obj.kind != Kind::Object) return Value::undefined();
  Object* result = new_object(c.ev.arena, 4);
  if (!result) return c.ev.oom();
  for (std::uint32_t i = 0; i < obj.obj->size; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    const Entry& e = obj.obj->entries[i];
    Value r = call3(c, fn, e.value, Value::string(e.key, e.klen), obj);
    if (r.is_error()) return r;
    int t = c.ev.truthy(r);
    if (t < 0) return Value::error();
    if (t && !set(c.ev.arena, result, e.k(), e.hash, e.value)) return c.ev.oom();
  }
  if (result->size == 0) return Value::undefined();
  return Value::object(result);
}

const Builtin kHof[] = {
    {"map", "<af>", 2, 2, fn_map},
    {"filter", "<af>", 2, 2, fn_filter},
    {"single", "<af?>", 2, 2, fn_single},
    {"reduce", "<afj?:j>", 3, 3, fn_reduce},
    {"each", "<o-f:a>", 2, 2, fn_each},
    {"sift", "<o-f?:o>", 2, 2, fn_sift},
};

}  // namespace

const Builtin* hof_builtins(std::size_t* n) {
  *n = sizeof kHof / sizeof kHof[0];
  return kHof;
}

}  // namespace tb::jsonata
