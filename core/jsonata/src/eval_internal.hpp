#pragma once
// Pieces of the evaluator shared between its files and the built-ins: the operations
// jsonata-js keeps in functions.js / utils.js that the evaluator itself relies on.

#include <string_view>
#include <utility>
#include <vector>

#include "eval.hpp"

namespace tb::jsonata {

// eval_core.cpp
/// Recycles a block's or call's frame once it is done, unless a closure or a pending tail
/// call (`result`) still refers to it.
void release_scope(Eval& ev, Frame* frame, Value result);

// eval_path.cpp
Value eval_path(Eval& ev, const Node* expr, Value input, Frame* env);
Value eval_filter(Eval& ev, const Node* pred, Value input, Frame* env);
Value eval_wildcard(Eval& ev, Value input);
Value eval_descendants(Eval& ev, Value input);
/// fn.lookup: a field of an object, or of every object in an (arbitrarily nested) array.
Value lookup_field(Eval& ev, Value input, std::string_view key, std::uint32_t hash);
Frame* frame_from_tuple(Eval& ev, Frame* env, Value tuple);

// eval_ops.cpp
Value eval_binary(Eval& ev, const Node* expr, Value input, Frame* env);
bool deep_equal(Value a, Value b);
bool strict_equal(Value a, Value b);
/// fn.string: JSON text for non-strings (numbers to 15 significant digits), "" for functions.
Value to_string(Eval& ev, Value v, bool prettify);
/// fn.append: concatenation with singleton promotion; undefined arguments are ignored.
Value append(Eval& ev, Value a, Value b);
/// Fully flattens nested arrays into `out`.
bool flatten_into(Eval& ev, Value v, Array* out, int depth);
bool is_array_of_strings(Value v);
int is_array_of_numbers(Eval& ev, Value v);  // 1, 0, -1 error
/// JavaScript truthiness (what `if (x)` tests in jsonata-js's sort comparator).
bool js_truthy(Value v);

// eval_group.cpp
Value eval_group(Eval& ev, const NodePairs& pairs, std::uint32_t position, Value input,
                 Frame* env);
Value eval_sort(Eval& ev, const Node* sort, Value input, Frame* env);
/// Merge sort as jsonata-js's $sort does it: `swap(a, b)` true means b goes first.
/// Returns the sorted items in a new plain array; swap returns -1 on error.
template <class Swap>
Value merge_sort(Eval& ev, const Value* items, std::size_t n, Swap&& swap);

// eval_apply.cpp
Value eval_lambda(Eval& ev, const Node* expr, Value input, Frame* env);
Value eval_partial(Eval& ev, const Node* expr, Value input, Frame* env);
Value eval_apply_expr(Eval& ev, const Node* expr, Value input, Frame* env);
Value eval_transform(Eval& ev, const Node* expr, Value input, Frame* env);
int function_arity(const Function* f);

// eval_transform.cpp
Value apply_transform(Eval& ev, Function* t, Value obj, Frame* env);

// builtins_regex.cpp: a regex value called as a function, and the `next` of its match
Value regex_call(Eval& ev, Function* f, const Value* args, std::size_t n);
Value regex_next(Eval& ev, Function* f);
/// Deep copy as jsonata-js's $clone (a JSON round trip through $string).
Value clone_value(Eval& ev, Value v, int depth);

// builtins_misc.cpp
Value eval_expression_string(Call& c, Value expr, Value focus);

// Merge sort, top-down with the split jsonata-js uses, so comparators see the same calls.
template <class Swap>
Value merge_sort(Eval& ev, const Value* items, std::size_t n, Swap&& swap) {
  Array* out = new_array(ev.arena, n);
  Value* tmp = ev.arena.alloc_array<Value>(n);
  if (!out || (n && !tmp)) return ev.oom();
  for (std::size_t i = 0; i < n; ++i) out->items[i] = items[i];
  out->size = static_cast<std::uint32_t>(n);
  struct Rec {
    static bool sort(Eval& ev, Value* a, Value* t, std::size_t n, Swap& swap) {
      if (n <= 1) return true;
      std::size_t mid = n / 2;
      if (!sort(ev, a, t, mid, swap) || !sort(ev, a + mid, t, n - mid, swap)) return false;
      // Limits are polled before each merge of 1024 items or more: at most a few thousand
      // comparisons pass between two polls.
      if (n >= 1024 && !ev.check_limits()) return false;
      std::size_t i = 0, j = mid, k = 0;
      while (i < mid && j < n) {
        int s = swap(a[i], a[j]);
        if (s < 0) return false;
        t[k++] = s ? a[j++] : a[i++];
      }
      while (i < mid) t[k++] = a[i++];
      while (j < n) t[k++] = a[j++];
      for (std::size_t x = 0; x < n; ++x) a[x] = t[x];
      return true;
    }
  };
  if (!Rec::sort(ev, out->items, tmp, n, swap)) return Value::error();
  return Value::array(out);
}

}  // namespace tb::jsonata
