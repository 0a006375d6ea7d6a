// Location paths: steps over sequences, tuple streams for @ # and %, stages and predicates,
// field lookup, wildcards and descendants - jsonata-js's evaluatePath and friends.
#include <cmath>

#include "eval_internal.hpp"
#include "json_writer.hpp"

namespace tb::jsonata {
namespace {

constexpr std::string_view kAt = "@";
const std::uint32_t kAtHash = hash_key("@", 1);

Value tuple_get(Value tuple, std::string_view key) {
  if (tuple.kind != Kind::Object) return Value::undefined();
  const Value* v = get(tuple.obj, key);
  return v ? *v : Value::undefined();
}

Object* copy_object(Eval& ev, const Object* src, std::size_t extra) {
  Object* o = new_object(ev.arena, src->size + extra);
  if (!o) return nullptr;
  for (std::uint32_t i = 0; i < src->size; ++i)
    if (!set(ev.arena, o, src->entries[i].k(), src->entries[i].hash, src->entries[i].value)) return nullptr;
  return o;
}

Value single_seq(Eval& ev, Value v) {
  Array* s = ev.new_seq(1);
  if (!s) return Value::error();
  s->items[0] = v;
  s->size = 1;
  return Value::array(s);
}

Value eval_stages(Eval& ev, const NodeList<Stage>& stages, Value input, Frame* env) {
  Value result = input;
  for (const Stage& st : stages) {
    if (!st.is_index) {
      result = eval_filter(ev, st.expr, result, env);
      if (result.is_error()) return result;
      continue;
    }
    if (result.kind != Kind::Array) continue;
    for (std::uint32_t i = 0; i < result.arr->size; ++i) {
      Value t = result.arr->items[i];
      if (t.kind == Kind::Object && t.obj->mutable_ &&
          !set(ev.arena, t.obj, st.var, Value::number(static_cast<double>(i))))
        return ev.oom();
    }
  }
  return result;
}

Value eval_step(Eval& ev, const Node* step, Value input, Frame* env, bool last) {
  if (step->type == NT::Sort) {
    Value r = eval_sort(ev, step, input, env);
    if (r.is_error() || step->stages.empty()) return r;
    return eval_stages(ev, step->stages, r, env);
  }
  const Array* in = input.arr;
  Array* out = ev.new_seq(in->size ? in->size : 1);
  if (!out) return Value::error();
  std::uint32_t count = 0;
  Value first = Value::undefined();
  for (std::uint32_t i = 0; i < in->size; ++i) {
    Value res = ev.eval(step, in->items[i], env);
    if (res.is_error()) return res;
    for (const Stage& st : step->stages) {
      res = eval_filter(ev, st.expr, res, env);
      if (res.is_error()) return res;
    }
    if (res.is_undefined()) continue;
    if (count++ == 0) first = res;
    if (res.kind != Kind::Array || res.arr->has(kCons)) {
      if (!ev.seq_push(out, res)) return Value::error();
    } else {
      for (std::uint32_t k = 0; k < res.arr->size; ++k)
        if (!ev.seq_push(out, res.arr->items[k])) return Value::error();
    }
  }
  // A single array result of the last step is the result itself, not flattened.
  if (last && count == 1 && first.kind == Kind::Array && !first.arr->has(kSequence)) return first;
  return Value::array(out);
}

Value eval_tuple_step(Eval& ev, const Node* step, Value input, Value tuples, Frame* env) {
  if (step->type == NT::Sort) {
    Value result;
    if (!tuples.is_undefined()) {
      result = eval_sort(ev, step, tuples, env);
      if (result.is_error()) return result;
    } else {
      Value sorted = eval_sort(ev, step, input, env);
      if (sorted.is_error()) return sorted;
      Array* seq = ev.new_seq(sorted.kind == Kind::Array ? sorted.arr->size : 1);
      if (!seq) return Value::error();
      seq->flags |= kTupleStream;
      std::uint32_t n = sorted.kind == Kind::Array ? sorted.arr->size : 0;
      for (std::uint32_t i = 0; i < n; ++i) {
        Object* t = new_object(ev.arena, 2);
        if (!t || !set(ev.arena, t, kAt, kAtHash, sorted.arr->items[i])) return ev.oom();
        std::string_view idx = step->index_var.empty() ? std::string_view("undefined") : std::string_view(step->index_var);
        if (!set(ev.arena, t, idx, Value::number(i))) return ev.oom();
        if (!ev.seq_push(seq, Value::object(t))) return Value::error();
      }
      result = Value::array(seq);
    }
    if (step->stages.empty()) return result;
    return eval_stages(ev, step->stages, result, env);
  }

  Array* result = ev.new_seq();
  if (!result) return Value::error();
  result->flags |= kTupleStream;
  if (tuples.is_undefined()) {
    Array* made = new_array(ev.arena, input.arr->size);
    if (!made) return ev.oom();
    for (std::uint32_t i = 0; i < input.arr->size; ++i) {
      Object* t = new_object(ev.arena, 1);
      if (!t || !set(ev.arena, t, kAt, kAtHash, input.arr->items[i])) return ev.oom();
      made->items[made->size++] = Value::object(t);
    }
    tuples = Value::array(made);
  }
  for (std::uint32_t e = 0; e < tuples.arr->size; ++e) {
    Value tuple = tuples.arr->items[e];
    Frame* step_env = frame_from_tuple(ev, env, tuple);
    if (!step_env) return Value::error();
    Value focus_item = tuple_get(tuple, kAt);
    Value res = ev.eval(step, focus_item, step_env);
    if (res.is_error()) return res;
    if (res.is_undefined()) continue;
    const Value* items = &res;
    std::uint32_t n = 1;
    bool stream = false;
    if (res.kind == Kind::Array) {
      items = res.arr->items;
      n = res.arr->size;
      stream = res.arr->has(kTupleStream);
    }
    for (std::uint32_t b = 0; b < n; ++b) {
      Object* t = tuple.kind == Kind::Object ? copy_object(ev, tuple.obj, 3) : new_object(ev.arena, 3);
      if (!t) return ev.oom();
      if (stream) {
        if (items[b].kind == Kind::Object) {
          const Object* src = items[b].obj;
          for (std::uint32_t k = 0; k < src->size; ++k)
            if (!set(ev.arena, t, src->entries[k].k(), src->entries[k].hash, src->entries[k].value)) return ev.oom();
        }
      } else {
        if (!step->focus.empty()) {
          if (!set(ev.arena, t, step->focus, items[b]) || !set(ev.arena, t, kAt, kAtHash, focus_item)) return ev.oom();
        } else if (!set(ev.arena, t, kAt, kAtHash, items[b])) {
          return ev.oom();
        }
        if (!step->index_var.empty() && !set(ev.arena, t, step->index_var, Value::number(b))) return ev.oom();
        if (step->ancestor && !set(ev.arena, t, step->ancestor->label, focus_item)) return ev.oom();
      }
      if (!ev.seq_push(result, Value::object(t))) return Value::error();
    }
  }
  if (step->stages.empty()) return Value::array(result);
  return eval_stages(ev, step->stages, Value::array(result), env);
}

}  // namespace

Frame* frame_from_tuple(Eval& ev, Frame* env, Value tuple) {
  Frame* f = ev.new_frame(env);
  if (!f || tuple.kind != Kind::Object) return f;
  const Object* o = tuple.obj;
  for (std::uint32_t i = 0; i < o->size; ++i)
    if (!ev.bind(f, o->entries[i].k(), o->entries[i].hash, o->entries[i].value)) return nullptr;
  return f;
}

Value eval_path(Eval& ev, const Node* expr, Value input, Frame* env) {
  // Fast walk for `a.b.c` down nested objects: the same answer as the general evaluation
  // below, which is still used whenever an array (or the depth limit) is involved.
  if (expr->simple_path && input.kind != Kind::Array && (ev.limits.max_depth <= 0 || ev.depth < ev.limits.max_depth)) {
    Value cur = input;
    bool general = false;
    for (const Node* step : expr->list) {
      if (cur.kind != Kind::Object) {
        if (cur.kind != Kind::Array) return Value::undefined();
        general = true;
        break;
      }
      const Value* v = get(cur.obj, step->text, step->hash);
      if (!v) return Value::undefined();
      cur = *v;
    }
    if (!general && !(cur.kind == Kind::Array && cur.arr->has(kSequence))) return cur;
  }
  Value in;
  if (input.kind == Kind::Array && expr->list[0]->type != NT::Variable) {
    in = input;
  } else {
    in = single_seq(ev, input);
    if (in.is_error()) return in;
  }
  Value result = Value::undefined();
  Value tuples = Value::undefined();
  bool stream = false;
  std::size_t nsteps = expr->list.size();
  for (std::size_t i = 0; i < nsteps; ++i) {
    const Node* step = expr->list[i];
    if (step->tuple) stream = true;
    if (i == 0 && step->cons_array) {
      result = ev.eval(step, in, env);
      if (result.is_error()) return result;
    } else if (stream) {
      tuples = eval_tuple_step(ev, step, in, tuples, env);
      if (tuples.is_error()) return tuples;
    } else {
      result = eval_step(ev, step, in, env, i == nsteps - 1);
      if (result.is_error()) return result;
    }
    if (!stream && (result.is_undefined() || (result.kind == Kind::Array && result.arr->size == 0))) break;
    if (step->focus.empty()) in = result;
  }
  if (stream) {
    if (expr->tuple) {
      result = tuples;
    } else {
      std::uint32_t n = tuples.kind == Kind::Array ? tuples.arr->size : 0;
      Array* seq = ev.new_seq(n ? n : 1);
      if (!seq) return Value::error();
      for (std::uint32_t k = 0; k < n; ++k)
        if (!ev.seq_push(seq, tuple_get(tuples.arr->items[k], kAt))) return Value::error();
      result = Value::array(seq);
    }
  }
  if (expr->keep_singleton_array && result.kind == Kind::Array) {
    Array* a = result.arr;
    if (a->has(kCons) && !a->has(kSequence)) {
      result = single_seq(ev, result);
      if (result.is_error()) return result;
      a = result.arr;
    }
    if (a->has(kSequence) && !a->has(kKeepSingleton)) {
      a = reflag(ev.arena, a, static_cast<std::uint8_t>(a->flags | kKeepSingleton));
      if (!a) return ev.oom();
      result = Value::array(a);
    }
  }
  if (expr->group) return eval_group(ev, expr->group->pairs, expr->group->position, stream ? tuples : result, env);
  return result;
}

Value eval_filter(Eval& ev, const Node* pred, Value input, Frame* env) {
  Array* results = ev.new_seq();
  if (!results) return Value::error();
  bool stream = input.kind == Kind::Array && input.arr->has(kTupleStream);
  if (stream) results->flags |= kTupleStream;
  if (input.kind != Kind::Array) {
    input = single_seq(ev, input);
    if (input.is_error()) return input;
  }
  const Array* in = input.arr;
  if (pred->type == NT::Number) {
    double index = std::floor(pred->literal.num);
    if (index < 0) index += in->size;
    if (index >= 0 && index < in->size) {
      Value item = in->items[static_cast<std::size_t>(index)];
      if (!item.is_undefined()) {
        if (item.kind == Kind::Array) return item;
        if (!ev.seq_push(results, item)) return Value::error();
      }
    }
    return Value::array(results);
  }
  for (std::uint32_t i = 0; i < in->size; ++i) {
    Value item = in->items[i];
    Value context = item;
    Frame* e = env;
    if (stream) {
      context = tuple_get(item, kAt);
      e = frame_from_tuple(ev, env, item);
      if (!e) return Value::error();
    }
    Value res = ev.eval(pred, context, e);
    if (res.is_error()) return res;
    int num = ev.numeric(res);
    if (num < 0) return Value::error();
    const Value* idx = nullptr;
    std::uint32_t nidx = 0;
    if (num == 1) {
      idx = &res;
      nidx = 1;
    } else if (res.kind == Kind::Array) {
      int all = is_array_of_numbers(ev, res);
      if (all < 0) return Value::error();
      if (all) {
        idx = res.arr->items;
        nidx = res.arr->size;
      }
    }
    if (idx) {
      for (std::uint32_t k = 0; k < nidx; ++k) {
        double ii = std::floor(idx[k].num);
        if (ii < 0) ii += in->size;
        if (ii == i && !ev.seq_push(results, item)) return Value::error();
      }
      continue;
    }
    int t = ev.truthy(res);
    if (t < 0) return Value::error();
    if (t && !ev.seq_push(results, item)) return Value::error();
  }
  return Value::array(results);
}

namespace {

Value lookup_in(Eval& ev, Value input, std::string_view key, std::uint32_t hash, int depth) {
  if (input.kind == Kind::Object) {
    const Value* v = get(input.obj, key, hash);
    return v ? *v : Value::undefined();
  }
  if (input.kind != Kind::Array) return Value::undefined();
  if (depth > kMaxWriteDepth) {
    return ev.stack_overflow();
  }
  Array* result = ev.new_seq(input.arr->size);
  if (!result) return Value::error();
  for (std::uint32_t i = 0; i < input.arr->size; ++i) {
    Value res = lookup_in(ev, input.arr->items[i], key, hash, depth + 1);
    if (res.is_error()) return res;
    if (res.is_undefined()) continue;
    if (res.kind == Kind::Array) {
      for (std::uint32_t k = 0; k < res.arr->size; ++k)
        if (!ev.seq_push(result, res.arr->items[k])) return Value::error();
    } else if (!ev.seq_push(result, res)) {
      return Value::error();
    }
  }
  return Value::array(result);
}

bool descend(Eval& ev, Value v, Array* out, int depth) {
  if (depth > kMaxWriteDepth) {
    return ev.stack_overflow(), false;
  }
  if (v.kind != Kind::Array && !ev.seq_push(out, v)) return false;
  if (v.kind == Kind::Array) {
    for (std::uint32_t i = 0; i < v.arr->size; ++i)
      if (!descend(ev, v.arr->items[i], out, depth + 1)) return false;
  } else if (v.kind == Kind::Object) {
    for (std::uint32_t i = 0; i < v.obj->size; ++i)
      if (!descend(ev, v.obj->entries[i].value, out, depth + 1)) return false;
  }
  return true;
}

}  // namespace

Value lookup_field(Eval& ev, Value input, std::string_view key, std::uint32_t hash) {
  return lookup_in(ev, input, key, hash, 0);
}

Value eval_wildcard(Eval& ev, Value input) {
  Array* results = ev.new_seq();
  if (!results) return Value::error();
  if (input.kind == Kind::Array && input.arr->has(kOuterWrapper) && input.arr->size > 0) input = input.arr->items[0];
  // An array's "keys" are its indexes, so * over an array visits its items.
  const Value* values = nullptr;
  std::uint32_t count = 0;
  if (input.kind == Kind::Object) {
    count = input.obj->size;
  } else if (input.kind == Kind::Array) {
    values = input.arr->items;
    count = input.arr->size;
  }
  // Appending an array makes the result a plain array (jsonata-js's append uses concat).
  bool plain = false;
  for (std::uint32_t i = 0; i < count; ++i) {
    Value v = values ? values[i] : input.obj->entries[i].value;
    if (v.kind == Kind::Array) {
      Array* flat = new_array(ev.arena, v.arr->size);
      if (!flat) return ev.oom();
      if (!flatten_into(ev, v, flat, 0)) return Value::error();
      for (std::uint32_t k = 0; k < flat->size; ++k)
        if (!ev.seq_push(results, flat->items[k])) return Value::error();
      plain = true;
    } else if (!ev.seq_push(results, v)) {
      return Value::error();
    }
  }
  if (plain) results->flags = 0;
  return Value::array(results);
}

Value eval_descendants(Eval& ev, Value input) {
  if (input.is_undefined()) return input;
  Array* results = ev.new_seq();
  if (!results) return Value::error();
  if (!descend(ev, input, results, 0)) return Value::error();
  if (results->size == 1) return results->items[0];
  return Value::array(results);
}

}  // namespace tb::jsonata
