// Object built-ins.
#include "builtins.hpp"
#include "eval_internal.hpp"

namespace tb::jsonata {
namespace {

bool collect_keys(Eval& ev, Value v, Object* seen) {
  if (v.kind == Kind::Array) {
    for (std::uint32_t i = 0; i < v.arr->size; ++i) {
      Value item = v.arr->items[i];
      // Nested arrays are searched too (jsonata-js recurses into them).
      if (item.kind == Kind::Array) {
        Object* inner = new_object(ev.arena, 4);
        if (!inner || !collect_keys(ev, item, inner) || !seal(ev.arena, inner)) return false;
        for (std::uint32_t k = 0; k < inner->size; ++k)
          if (!set(ev.arena, seen, inner->entries[k].k(), inner->entries[k].hash, Value::boolean(true))) return false;
      } else if (item.kind == Kind::Object) {
        for (std::uint32_t k = 0; k < item.obj->size; ++k)
          if (!set(ev.arena, seen, item.obj->entries[k].k(), item.obj->entries[k].hash, Value::boolean(true)))
            return false;
      }
    }
    return true;
  }
  if (v.kind == Kind::Object)
    for (std::uint32_t k = 0; k < v.obj->size; ++k)
      if (!set(ev.arena, seen, v.obj->entries[k].k(), v.obj->entries[k].hash, Value::boolean(true))) return false;
  return true;
}

Value fn_keys(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  if (a.kind == Kind::Object) {
    // One object's keys are already distinct and, once sealed, in property order: no set of
    // seen keys to build (for 166,000 keys that set cost more than the rest of the call).
    if (!sealed(c.ev.arena, a)) return c.ev.oom();
    const std::uint32_t size = a.obj->size;
    if (size > c.ev.limits.max_sequence) {  // what seq_push would report at the first key too many
      c.ev.fail("D2015").set_value(Value::number(static_cast<double>(c.ev.limits.max_sequence)));
      return Value::error();
    }
    Array* result = c.ev.new_seq(size ? size : 1);
    if (!result) return Value::error();
    for (std::uint32_t i = 0; i < size; ++i) result->items[i] = Value::string(a.obj->entries[i].key, a.obj->entries[i].klen);
    result->size = size;
    return Value::array(result);
  }
  Object* seen = new_object(c.ev.arena, 8);
  if (!seen || !collect_keys(c.ev, a, seen) || !seal(c.ev.arena, seen)) return c.ev.oom();
  Array* result = c.ev.new_seq(seen->size ? seen->size : 1);
  if (!result) return Value::error();
  for (std::uint32_t i = 0; i < seen->size; ++i)
    if (!c.ev.seq_push(result, Value::string(seen->entries[i].key, seen->entries[i].klen))) return Value::error();
  return Value::array(result);
}

Value fn_lookup(Call& c, const Value* args, std::size_t n) {
  Value input = arg(args, n, 0), key = arg(args, n, 1);
  if (key.kind != Kind::String) return Value::undefined();
  return lookup_field(c.ev, input, key.sv(), hash_key(key.sv()));
}

Value spread(Eval& ev, Value v, int depth) {
  if (depth > 4096) {
    return ev.stack_overflow();
  }
  if (v.kind == Kind::Array) {
    Array* seq = ev.new_seq();
    if (!seq) return Value::error();
    Value result = Value::array(seq);
    for (std::uint32_t i = 0; i < v.arr->size; ++i) {
      Value part = spread(ev, v.arr->items[i], depth + 1);
      if (part.is_error()) return part;
      result = append(ev, result, part);
      if (result.is_error()) return result;
    }
    return result;
  }
  if (v.kind != Kind::Object) return v;
  Array* result = ev.new_seq(v.obj->size ? v.obj->size : 1);
  if (!result) return Value::error();
  for (std::uint32_t i = 0; i < v.obj->size; ++i) {
    const Entry& e = v.obj->entries[i];
    Object* o = new_object(ev.arena, 1);
    if (!o || !set(ev.arena, o, e.k(), e.hash, e.value)) return ev.oom();
    if (!ev.seq_push(result, Value::object(o))) return Value::error();
  }
  return Value::array(result);
}

Value fn_spread(Call& c, const Value* args, std::size_t n) { return spread(c.ev, arg(args, n, 0), 0); }

Value fn_merge(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  if (a.is_undefined()) return a;
  Object* result = new_object(c.ev.arena, 8);
  if (!result) return c.ev.oom();
  for (std::uint32_t i = 0; i < a.arr->size; ++i) {
    Value o = a.arr->items[i];
    if (o.kind != Kind::Object) continue;
    for (std::uint32_t k = 0; k < o.obj->size; ++k)
      if (!set(c.ev.arena, result, o.obj->entries[k].k(), o.obj->entries[k].hash, o.obj->entries[k].value))
        return c.ev.oom();
  }
  return Value::object(result);
}

Value fn_clone(Call& c, const Value* args, std::size_t n) {
  Value a = arg(args, n, 0);
  if (a.is_undefined()) return a;
  if (a.kind == Kind::Array && a.arr->has(kOuterWrapper) && a.arr->size) a = a.arr->items[0];
  return clone_value(c.ev, a, 0);
}

const Builtin kObjects[] = {
    {"keys", "<x-:a<s>>", 1, 1, fn_keys},
    {"lookup", "<x-s:x>", 2, 2, fn_lookup},
    {"spread", "<x-:a<o>>", 1, 1, fn_spread},
    {"merge", "<a<o>:o>", 1, 1, fn_merge},
    {"clone", "<(oa)-:o>", 1, 1, fn_clone},
};

}  // namespace

const Builtin* object_builtins(std::size_t* n) {
  *n = sizeof kObjects / sizeof kObjects[0];
  return kObjects;
}

}  // namespace tb::jsonata
