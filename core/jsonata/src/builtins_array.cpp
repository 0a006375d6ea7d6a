// Array built-ins.
#include <cmath>

#include "builtins.hpp"
#include "eval_internal.hpp"
#include "poll.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

Value fn_append(Call& c, const Value* args, std::size_t n) { return append(c.ev, arg(args, n, 0), arg(args, n, 1)); }

Value fn_reverse(Call& c, const Value* args, std::size_t n) {
  Value arr = arg(args, n, 0);
  if (arr.is_undefined() || arr.arr->size <= 1) return arr;
  std::uint32_t len = arr.arr->size;
  Array* out = new_array(c.ev.arena, len);
  if (!out) return c.ev.oom();
  for (std::uint32_t i = 0; i < len; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    out->items[len - 1 - i] = arr.arr->items[i];
  }
  out->size = len;
  return Value::array(out);
}

Value fn_sort(Call& c, const Value* args, std::size_t n) {
  Value arr = arg(args, n, 0), cmp = arg(args, n, 1);
  if (arr.is_undefined() || arr.arr->size <= 1) return arr;
  if (cmp.is_undefined()) {
    int nums = is_array_of_numbers(c.ev, arr);
    if (nums < 0) return Value::error();
    if (!nums && !is_array_of_strings(arr)) {
      EvalError& e = c.ev.fail("D3070");
      e.index = 1;
      e.has_index = true;
      return Value::error();
    }
    return merge_sort(c.ev, arr.arr->items, arr.arr->size, [](Value a, Value b) -> int {
      if (a.kind == Kind::Number) return a.num > b.num ? 1 : 0;
      return utf::compare(a.sv(), b.sv()) > 0 ? 1 : 0;
    });
  }
  Eval& ev = c.ev;
  Frame* env = c.env;
  return merge_sort(ev, arr.arr->items, arr.arr->size, [&](Value a, Value b) -> int {
    Value pair[2] = {a, b};
    Value r = ev.apply(cmp, pair, 2, Value::null(), env);
    if (r.is_error()) return -1;
    return js_truthy(r) ? 1 : 0;
  });
}

Value fn_shuffle(Call& c, const Value* args, std::size_t n) {
  Value arr = arg(args, n, 0);
  if (arr.is_undefined() || arr.arr->size <= 1) return arr;
  if (!c.ev.limits.random) {
    EvalError& e = c.ev.fail("JSONATA_NO_RANDOM");
    e.has_message = true;
    e.message = "$shuffle() needs a random source from the host (Limits::random)";
    return Value::error();
  }
  std::uint32_t len = arr.arr->size;
  Array* out = new_array(c.ev.arena, len);
  if (!out) return c.ev.oom();
  out->size = len;
  // Inside-out Fisher-Yates, as the reference does it.
  for (std::uint32_t i = 0; i < len; ++i) {
    if (!poll(c.ev, i)) return Value::error();
    // The host's source should answer in [0, 1); anything else (NaN, 1, -3) is clamped
    // before it becomes an index.
    double r = std::floor(c.ev.limits.random() * (i + 1));
    std::uint32_t j = r >= 0 && r <= i ? static_cast<std::uint32_t>(r) : (r > i ? i : 0);
    if (i != j) out->items[i] = out->items[j];
    out->items[j] = arr.arr->items[i];
  }
  return Value::array(out);
}

Value fn_distinct(Call& c, const Value* args, std::size_t n) {
  Value arr = arg(args, n, 0);
  if (arr.kind != Kind::Array || arr.arr->size <= 1) return arr;
  Array* out = new_array(c.ev.arena, arr.arr->size, arr.arr->has(kSequence) ? kSequence : 0);
  if (!out) return c.ev.oom();
  // Quadratic, as in the reference: the limits are polled per comparison, not per item, since
  // one item can cost as many comparisons as there are distinct items before it (80,000
  // distinct items overran a 300 ms limit by 45 s when only items were counted).
  std::size_t compared = 0;
  for (std::uint32_t i = 0; i < arr.arr->size; ++i) {
    Value v = arr.arr->items[i];
    bool seen = false;
    for (std::uint32_t k = 0; k < out->size && !seen; ++k) {
      if (!poll(c.ev, compared++)) return Value::error();
      seen = deep_equal(v, out->items[k]);
    }
    if (!seen) out->items[out->size++] = v;
  }
  return Value::array(out);
}

Value fn_zip(Call& c, const Value* args, std::size_t n) {
  double len = INFINITY;
  for (std::size_t i = 0; i < n; ++i) {
    double l = args[i].kind == Kind::Array ? args[i].arr->size : 0;
    if (l < len) len = l;
  }
  Array* out = new_array(c.ev.arena, 0);
  if (!out) return c.ev.oom();
  if (!(len < INFINITY)) return Value::array(out);
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(len); ++i) {
    if (!poll(c.ev, i)) return Value::error();
    Array* tuple = new_array(c.ev.arena, n);
    if (!tuple) return c.ev.oom();
    for (std::size_t k = 0; k < n; ++k) tuple->items[tuple->size++] = args[k].arr->items[i];
    if (!push(c.ev.arena, out, Value::array(tuple))) return c.ev.oom();
  }
  return Value::array(out);
}

const Builtin kArrays[] = {
    {"append", "<xx:a>", 2, 2, fn_append},
    {"reverse", "<a:a>", 1, 1, fn_reverse},
    {"sort", "<af?:a>", 2, 2, fn_sort},
    {"shuffle", "<a:a>", 1, 1, fn_shuffle},
    {"distinct", "<x:x>", 1, 1, fn_distinct},
    {"zip", "<a+>", 0, 0, fn_zip},
};

}  // namespace

const Builtin* array_builtins(std::size_t* n) {
  *n = sizeof kArrays / sizeof kArrays[0];
  return kArrays;
}

}  // namespace tb::jsonata
