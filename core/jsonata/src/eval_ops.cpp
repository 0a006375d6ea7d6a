// Binary operators and the value operations they share with the built-ins.
#include <cmath>

#include "eval_internal.hpp"
#include "json_writer.hpp"
#include "numbers.hpp"
#include "poll.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

Value numeric_op(Eval& ev, Op op, Value l, Value r) {
  if (!l.is_undefined()) {
    int n = ev.numeric(l);
    if (n < 0) return Value::error();
    if (n == 0) {
      ev.fail("T2001").set_value(l);
      return Value::error();
    }
  }
  if (!r.is_undefined()) {
    int n = ev.numeric(r);
    if (n < 0) return Value::error();
    if (n == 0) {
      ev.fail("T2002").set_value(r);
      return Value::error();
    }
  }
  if (l.is_undefined() || r.is_undefined()) return Value::undefined();
  switch (op) {
    case Op::Add: return Value::number(l.num + r.num);
    case Op::Sub: return Value::number(l.num - r.num);
    case Op::Mul: return Value::number(l.num * r.num);
    case Op::Div: return Value::number(l.num / r.num);
    default: return Value::number(std::fmod(l.num, r.num));
  }
}

bool comparable(Value v) { return v.kind == Kind::Undefined || v.kind == Kind::String || v.kind == Kind::Number; }

Value compare_op(Eval& ev, Op op, Value l, Value r) {
  if (!comparable(l) || !comparable(r)) {
    bool lok = l.kind == Kind::String || l.kind == Kind::Number;
    ev.fail("T2010").set_value(lok ? r : l);
    return Value::error();
  }
  if (l.is_undefined() || r.is_undefined()) return Value::undefined();
  if (l.kind != r.kind) {
    EvalError& e = ev.fail("T2009");
    e.set_value(l);
    e.set_value2(r);
    return Value::error();
  }
  int c;
  if (l.kind == Kind::Number) {
    // NaN compares false every way, as in JavaScript.
    if (std::isnan(l.num) || std::isnan(r.num)) return Value::boolean(false);
    c = l.num < r.num ? -1 : l.num > r.num ? 1 : 0;
  } else {
    c = utf::compare(l.sv(), r.sv());
  }
  switch (op) {
    case Op::Lt: return Value::boolean(c < 0);
    case Op::Le: return Value::boolean(c <= 0);
    case Op::Gt: return Value::boolean(c > 0);
    default: return Value::boolean(c >= 0);
  }
}

Value concat_op(Eval& ev, Value l, Value r) {
  Value ls = Value::ascii(""), rs = Value::ascii("");
  if (!l.is_undefined()) {
    ls = to_string(ev, l, false);
    if (ls.is_error()) return ls;
  }
  if (!r.is_undefined()) {
    rs = to_string(ev, r, false);
    if (rs.is_error()) return rs;
  }
  if (rs.len == 0) return ls;
  if (ls.len == 0) return rs;
  char* p = ev.alloc_chars(static_cast<std::size_t>(ls.len) + rs.len);
  if (!p) return Value::error();
  std::size_t n = utf::concat_into(p, ls.sv(), rs.sv());
  std::uint8_t bits = (ls.bits & rs.bits & Value::kAscii) ? (Value::kAsciiKnown | Value::kAscii) : 0;
  return Value::string(p, n, bits);
}

bool is_integer(Value v) { return v.kind == Kind::Number && std::isfinite(v.num) && v.num == std::floor(v.num); }

Value range_op(Eval& ev, Value l, Value r) {
  if (!l.is_undefined() && !is_integer(l)) {
    ev.fail("T2003").set_value(l);
    return Value::error();
  }
  if (!r.is_undefined() && !is_integer(r)) {
    ev.fail("T2004").set_value(r);
    return Value::error();
  }
  if (l.is_undefined() || r.is_undefined() || l.num > r.num) return Value::undefined();
  double size = r.num - l.num + 1;
  if (size > static_cast<double>(ev.limits.max_range)) {
    ev.fail("D2014").set_value(Value::number(size));
    return Value::error();
  }
  if (size > static_cast<double>(ev.limits.max_sequence)) {
    ev.fail("D2015").set_value(Value::number(size));
    return Value::error();
  }
  auto n = static_cast<std::size_t>(size);
  Array* seq = ev.new_seq(n);
  if (!seq) return Value::error();
  for (std::size_t i = 0; i < n; ++i) {
    if (!poll(ev, i)) return Value::error();
    seq->items[i] = Value::number(l.num + static_cast<double>(i));
  }
  seq->size = static_cast<std::uint32_t>(n);
  return Value::array(seq);
}

Value in_op(Value l, Value r) {
  if (l.is_undefined() || r.is_undefined()) return Value::boolean(false);
  if (r.kind != Kind::Array) return Value::boolean(strict_equal(l, r));
  for (std::uint32_t i = 0; i < r.arr->size; ++i)
    if (strict_equal(r.arr->items[i], l)) return Value::boolean(true);
  return Value::boolean(false);
}

bool deep_equal_at(Value a, Value b, int depth) {
  if (strict_equal(a, b)) return true;
  if (depth > kMaxWriteDepth) return false;
  if (a.kind == Kind::Array && b.kind == Kind::Array) {
    if (a.arr->size != b.arr->size) return false;
    for (std::uint32_t i = 0; i < a.arr->size; ++i)
      if (!deep_equal_at(a.arr->items[i], b.arr->items[i], depth + 1)) return false;
    return true;
  }
  if (a.kind == Kind::Object && b.kind == Kind::Object) {
    if (a.obj->size != b.obj->size) return false;
    for (std::uint32_t i = 0; i < a.obj->size; ++i) {
      const Entry& e = a.obj->entries[i];
      const Value* other = get(b.obj, e.k(), e.hash);
      if (!other || !deep_equal_at(e.value, *other, depth + 1)) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

bool strict_equal(Value a, Value b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Undefined:
    case Kind::Null: return true;
    case Kind::Bool: return a.b == b.b;
    case Kind::Number: return a.num == b.num;
    case Kind::String: return a.len == b.len && (a.str == b.str || std::memcmp(a.str, b.str, a.len) == 0);
    case Kind::Array:  // a re-flagged header over the same items is the same JavaScript array
      return a.arr == b.arr || (a.arr->items && a.arr->items == b.arr->items && a.arr->size == b.arr->size);
    case Kind::Object: return a.obj == b.obj;
    case Kind::Function: return a.fn == b.fn;
    default: return false;
  }
}

bool deep_equal(Value a, Value b) { return deep_equal_at(a, b, 0); }

Value eval_binary(Eval& ev, const Node* expr, Value input, Frame* env) {
  Value l = ev.eval(expr->lhs, input, env);
  if (l.is_error()) return l;
  Op op = expr->op;
  Value result;
  if (op == Op::And || op == Op::Or) {
    int lb = ev.truthy(l);
    if (lb >= 0) {
      if ((op == Op::And && !lb) || (op == Op::Or && lb)) return Value::boolean(lb == 1);
      // jsonata-js evaluates the right side inside the operator's error handler, so its
      // errors are reported at this operator too.
      Value r = ev.eval(expr->rhs, input, env);
      if (!r.is_error()) {
        int rb = ev.truthy(r);
        if (rb >= 0) return Value::boolean(rb == 1);
      }
    }
    result = Value::error();
  } else {
    Value r = ev.eval(expr->rhs, input, env);
    if (r.is_error()) return r;
    switch (op) {
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Mod: result = numeric_op(ev, op, l, r); break;
      case Op::Eq:
      case Op::Ne:
        if (l.is_undefined() || r.is_undefined()) return Value::boolean(false);
        return Value::boolean(deep_equal(l, r) == (op == Op::Eq));
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: result = compare_op(ev, op, l, r); break;
      case Op::Concat: result = concat_op(ev, l, r); break;
      case Op::Range: result = range_op(ev, l, r); break;
      case Op::In: return in_op(l, r);
      default: return Value::undefined();
    }
  }
  if (result.is_error()) {
    ev.err.position = expr->position;
    ev.err.set_token(op_token(op));
  }
  return result;
}

bool js_truthy(Value v) {
  switch (v.kind) {
    case Kind::Undefined:
    case Kind::Null:
    case Kind::Error: return false;
    case Kind::Bool: return v.b;
    case Kind::Number: return v.num != 0 && !std::isnan(v.num);
    case Kind::String: return v.len > 0;
    default: return true;
  }
}

Value to_string(Eval& ev, Value v, bool prettify) {
  switch (v.kind) {
    case Kind::Undefined:
    case Kind::String: return v;
    case Kind::Function: return Value::ascii("");
    case Kind::Number: {
      if (!std::isfinite(v.num)) {  // NaN too: jsonata-js tests isFinite()
        ev.fail("D3001").set_value(v);
        return Value::error();
      }
      char buf[64];
      std::size_t n = v.num == std::floor(v.num) ? num::format(v.num, buf) : num::format_precision(v.num, 15, buf);
      char* p = ev.alloc_chars(n);
      if (!p) return Value::error();
      std::memcpy(p, buf, n);
      return Value::string(p, n, Value::kAsciiKnown | Value::kAscii);
    }
    default: break;
  }
  if (v.kind == Kind::Array && v.arr->has(kOuterWrapper) && v.arr->size) v = v.arr->items[0];
  std::string out;
  WriteOptions o;
  o.string_function = true;
  o.indent = prettify ? 2 : 0;
  double bad = 0;
  WriteStatus s = write_json(out, v, o, &bad);
  if (s == WriteStatus::NonFinite) {
    ev.fail("D1001").set_value(Value::number(bad));
    return Value::error();
  }
  if (s == WriteStatus::TooDeep) {
    return ev.stack_overflow();
  }
  return ev.make_string(out);
}

Value append(Eval& ev, Value a, Value b) {
  if (a.is_undefined()) return b;
  if (b.is_undefined()) return a;
  std::size_t na = a.kind == Kind::Array ? a.arr->size : 1;
  std::size_t nb = b.kind == Kind::Array ? b.arr->size : 1;
  if (na + nb > ev.limits.max_sequence) {
    ev.fail("D2015").set_value(Value::number(static_cast<double>(na + nb)));
    return Value::error();
  }
  Array* out = new_array(ev.arena, na + nb);
  if (!out) return ev.oom();
  auto add = [&](Value v) {
    if (v.kind == Kind::Array) {
      if (v.arr->size) std::memcpy(out->items + out->size, v.arr->items, v.arr->size * sizeof(Value));
      out->size += v.arr->size;
    } else {
      out->items[out->size++] = v;
    }
  };
  add(a);
  add(b);
  return Value::array(out);
}

bool flatten_into(Eval& ev, Value v, Array* out, int depth) {
  if (depth > kMaxWriteDepth) {
    return ev.stack_overflow(), false;
  }
  if (v.kind != Kind::Array) {
    if (!push(ev.arena, out, v)) {
      ev.oom();
      return false;
    }
    return true;
  }
  for (std::uint32_t i = 0; i < v.arr->size; ++i)
    if (!flatten_into(ev, v.arr->items[i], out, depth + 1)) return false;
  return true;
}

bool is_array_of_strings(Value v) {
  if (v.kind != Kind::Array) return false;
  for (std::uint32_t i = 0; i < v.arr->size; ++i)
    if (v.arr->items[i].kind != Kind::String) return false;
  return true;
}

int is_array_of_numbers(Eval& ev, Value v) {
  if (v.kind != Kind::Array) return 0;
  bool all = true;
  for (std::uint32_t i = 0; i < v.arr->size; ++i) {
    int n = ev.numeric(v.arr->items[i]);
    if (n < 0) return -1;
    if (n == 0) all = false;
  }
  return all ? 1 : 0;
}

}  // namespace tb::jsonata
