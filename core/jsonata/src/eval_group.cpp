// Object constructors / group-by (`{k: v}` and `path{k: v}`) and order-by (`^(...)`).
#include <cstring>

#include "eval_internal.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

const std::uint32_t kAtHash = hash_key("@", 1);

// Folds a group's tuples into one: each binding becomes the sequence of its values.
Value reduce_tuples(Eval& ev, Value stream) {
  if (stream.kind != Kind::Array) {
    if (stream.kind != Kind::Object) return stream;
    Object* copy = new_object(ev.arena, stream.obj->size);
    if (!copy) return ev.oom();
    for (std::uint32_t i = 0; i < stream.obj->size; ++i) {
      const Entry& e = stream.obj->entries[i];
      if (!set(ev.arena, copy, e.k(), e.hash, e.value)) return ev.oom();
    }
    return Value::object(copy);
  }
  Object* result = new_object(ev.arena, 4);
  if (!result) return ev.oom();
  for (std::uint32_t t = 0; t < stream.arr->size; ++t) {
    Value tuple = stream.arr->items[t];
    if (tuple.kind != Kind::Object) continue;
    for (std::uint32_t i = 0; i < tuple.obj->size; ++i) {
      const Entry& e = tuple.obj->entries[i];
      Value v = e.value;
      if (t > 0) {
        const Value* prev = get(result, e.k(), e.hash);
        v = append(ev, prev ? *prev : Value::undefined(), e.value);
        if (v.is_error()) return v;
      }
      if (!set(ev.arena, result, e.k(), e.hash, v)) return ev.oom();
    }
  }
  return Value::object(result);
}

}  // namespace

namespace {

// A key of an object constructor must be a string (T1003) and not one of the names the
// reference reserves for functions (D1013); the error is recorded in `ev`.
bool valid_group_key(Eval& ev, Value key, std::uint32_t position) {
  const char* code = nullptr;
  if (key.kind != Kind::String) code = "T1003";
  else if (key.sv() == "_jsonata_lambda" || key.sv() == "_jsonata_function") code = "D1013";
  if (!code) return true;
  EvalError& err = ev.fail(code);
  err.position = position;
  err.set_value(key);
  return false;
}

// The common `{"k": v, ...}` over one context value: every key comes from a different pair,
// so any repeated key is D1009, and values are evaluated in the order the object's keys will
// have (array-index keys first, as jsonata-js's Object.keys gives them).
Value eval_object_single(Eval& ev, const NodePairs& pairs, std::uint32_t position,
                         Value item, Frame* env) {
  struct Key {
    Value key;
    std::uint32_t hash;
    std::uint32_t pair;
  };
  Key local[8];
  Key* keys = local;
  if (pairs.size() > 8) {
    keys = ev.arena.alloc_array<Key>(pairs.size());
    if (!keys) return ev.oom();
  }
  std::size_t n = 0;
  bool index_keys = false;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const Node* kn = pairs[p].first;
    Value key = ev.eval(kn, item, env);
    if (key.is_error()) return key;
    if (key.is_undefined()) continue;
    if (!valid_group_key(ev, key, position)) return Value::error();
    std::string_view k = key.sv();
    std::uint32_t h = kn->type == NT::String ? kn->hash : hash_key(k);
    for (std::size_t i = 0; i < n; ++i) {
      if (keys[i].hash == h && keys[i].key.sv() == k) {
        EvalError& err = ev.fail("D1009");
        err.position = position;
        err.set_value(key);
        return Value::error();
      }
    }
    std::uint32_t idx;
    if (!k.empty() && k[0] >= '0' && k[0] <= '9' && is_array_index(k.data(), k.size(), &idx)) index_keys = true;
    keys[n++] = Key{key, h, static_cast<std::uint32_t>(p)};
  }
  if (index_keys) {
    // Stable: index keys first in numeric order, the rest as they came.
    std::uint32_t a = 0, b = 0;
    for (std::size_t i = 1; i < n; ++i) {
      Key cur = keys[i];
      bool ci = is_array_index(cur.key.str, cur.key.len, &a);
      std::size_t j = i;
      while (j > 0) {
        bool pi = is_array_index(keys[j - 1].key.str, keys[j - 1].key.len, &b);
        if (!ci || (pi && b <= a)) break;
        keys[j] = keys[j - 1];
        --j;
      }
      keys[j] = cur;
    }
  }
  Object* result = new_object(ev.arena, n);
  if (!result) return ev.oom();
  for (std::size_t i = 0; i < n; ++i) {
    Value v = ev.eval(pairs[keys[i].pair].second, item, env);
    if (v.is_error()) return v;
    if (!v.is_undefined() && !set(ev.arena, result, keys[i].key.sv(), keys[i].hash, v)) return ev.oom();
  }
  return Value::object(result);
}

}  // namespace

Value eval_group(Eval& ev, const NodePairs& pairs, std::uint32_t position, Value input,
                 Frame* env) {
  if (input.kind != Kind::Array) return eval_object_single(ev, pairs, position, input, env);
  bool reduce = input.kind == Kind::Array && input.arr->has(kTupleStream);
  const Value* items = &input;
  std::uint32_t n = 1;
  if (input.kind == Kind::Array) {
    items = input.arr->items;
    n = input.arr->size;
  }
  Value none = Value::undefined();
  if (n == 0 && !reduce) {
    items = &none;
    n = 1;
  }
  // Groups in JavaScript property order; each value carries its data, and the index of the
  // pair that produced the key rides in the spare bits of that value.
  Object* groups = new_object(ev.arena, pairs.size());
  if (!groups) return ev.oom();
  for (std::uint32_t i = 0; i < n; ++i) {
    Value item = items[i];
    Frame* e = env;
    Value context = item;
    if (reduce) {
      e = frame_from_tuple(ev, env, item);
      if (!e) return Value::error();
      const Value* at = item.kind == Kind::Object ? get(item.obj, "@", kAtHash) : nullptr;
      context = at ? *at : Value::undefined();
    }
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      Value key = ev.eval(pairs[p].first, context, e);
      if (key.is_error()) return key;
      if (key.is_undefined()) continue;
      if (!valid_group_key(ev, key, position)) return Value::error();
      std::string_view k = key.sv();
      const Node* kn = pairs[p].first;
      std::uint32_t h = kn->type == NT::String ? kn->hash : hash_key(k);
      const Value* existing = get(groups, k, h);
      Value data = item;
      if (existing) {
        if (existing->spare != p) {
          EvalError& err = ev.fail("D1009");
          err.position = position;
          err.set_value(key);
          return Value::error();
        }
        Value prev = *existing;
        prev.spare = 0;
        data = append(ev, prev, item);
        if (data.is_error()) return data;
      }
      data.spare = static_cast<std::uint16_t>(p);
      if (!set(ev.arena, groups, k, h, data)) return ev.oom();
    }
  }
  if (!seal(ev.arena, groups)) return ev.oom();  // groups are evaluated in property order
  Object* result = new_object(ev.arena, groups->size);
  if (!result) return ev.oom();
  for (std::uint32_t g = 0; g < groups->size; ++g) {
    const Entry& entry = groups->entries[g];
    Value data = entry.value;
    std::size_t p = data.spare;
    data.spare = 0;
    Value context = data;
    Frame* e = env;
    if (reduce) {
      Value tuple = reduce_tuples(ev, data);
      if (tuple.is_error()) return tuple;
      const Value* at = tuple.kind == Kind::Object ? get(tuple.obj, "@", kAtHash) : nullptr;
      context = at ? *at : Value::undefined();
      if (tuple.kind == Kind::Object) remove(tuple.obj, "@");
      e = frame_from_tuple(ev, env, tuple);
      if (!e) return Value::error();
    }
    Value v = ev.eval(pairs[p].second, context, e);
    if (v.is_error()) return v;
    if (!v.is_undefined() && !set(ev.arena, result, entry.k(), entry.hash, v)) return ev.oom();
  }
  return Value::object(result);
}

Value eval_sort(Eval& ev, const Node* sort, Value input, Frame* env) {
  if (input.kind != Kind::Array) return input;
  const Array* in = input.arr;
  if (in->size <= 1) return input;
  bool tuples = in->has(kTupleStream);
  std::size_t nterms = sort->terms.size();
  // Sort keys are evaluated when first compared and remembered (same results as
  // re-evaluating them, which is what the reference does).
  std::size_t cells = static_cast<std::size_t>(in->size) * nterms;
  Value* keys = ev.arena.alloc_array<Value>(cells);
  bool* known = ev.arena.alloc_array<bool>(cells);
  std::uint32_t* pos = ev.arena.alloc_array<std::uint32_t>(in->size);
  if (!keys || !known || !pos) return ev.oom();
  std::memset(known, 0, cells);
  // Items are sorted as their original indexes so keys can be found again.
  Value* idx = ev.arena.alloc_array<Value>(in->size);
  if (!idx) return ev.oom();
  for (std::uint32_t i = 0; i < in->size; ++i) idx[i] = Value::number(i);
  auto key = [&](std::uint32_t item, std::size_t term, Value& out) -> bool {
    std::size_t cell = item * nterms + term;
    if (!known[cell]) {
      Value context = in->items[item];
      Frame* e = env;
      if (tuples) {
        e = frame_from_tuple(ev, env, context);
        if (!e) return false;
        const Value* at = context.kind == Kind::Object ? get(context.obj, "@", kAtHash) : nullptr;
        context = at ? *at : Value::undefined();
      }
      Value v = ev.eval(sort->terms[term].expr, context, e);
      if (v.is_error()) return false;
      keys[cell] = v;
      known[cell] = true;
    }
    out = keys[cell];
    return true;
  };
  auto swap = [&](Value a, Value b) -> int {
    auto ia = static_cast<std::uint32_t>(a.num), ib = static_cast<std::uint32_t>(b.num);
    int comp = 0;
    for (std::size_t t = 0; comp == 0 && t < nterms; ++t) {
      Value aa, bb;
      if (!key(ia, t, aa) || !key(ib, t, bb)) return -1;
      if (aa.is_undefined()) {
        comp = bb.is_undefined() ? 0 : 1;
        continue;
      }
      if (bb.is_undefined()) {
        comp = -1;
        continue;
      }
      bool aok = aa.kind == Kind::String || aa.kind == Kind::Number;
      bool bok = bb.kind == Kind::String || bb.kind == Kind::Number;
      if (!aok || !bok) {
        EvalError& e = ev.fail("T2008");
        e.position = sort->position;
        e.set_value(aok ? bb : aa);
        return -1;
      }
      if (aa.kind != bb.kind) {
        EvalError& e = ev.fail("T2007");
        e.position = sort->position;
        e.set_value(aa);
        e.set_value2(bb);
        return -1;
      }
      if (strict_equal(aa, bb)) continue;
      bool less = aa.kind == Kind::Number ? aa.num < bb.num : utf::compare(aa.sv(), bb.sv()) < 0;
      comp = less ? -1 : 1;
      if (sort->terms[t].descending) comp = -comp;
    }
    return comp == 1 ? 1 : 0;
  };
  Value sorted = merge_sort(ev, idx, in->size, swap);
  if (sorted.is_error()) return sorted;
  for (std::uint32_t i = 0; i < sorted.arr->size; ++i)
    sorted.arr->items[i] = in->items[static_cast<std::uint32_t>(sorted.arr->items[i].num)];
  (void)pos;
  return sorted;
}

}  // namespace tb::jsonata
