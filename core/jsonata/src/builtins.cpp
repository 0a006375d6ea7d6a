#include "builtins.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>

namespace tb::jsonata {
namespace {

struct Table {
  const Builtin* entries[kMaxBuiltins];
  Function fns[kMaxBuiltins];
  Signature sigs[kMaxBuiltins];
  // Names sorted, for a binary search: every variable in every compiled expression is looked
  // up here (and again by the projection planner), so a linear scan of ~70 C strings was a
  // measurable share of compile time.
  std::pair<std::string_view, int> by_name[kMaxBuiltins];
  std::size_t size = 0;

  Table() {
    using Family = const Builtin* (*)(std::size_t*);
    const Family families[] = {string_builtins, numeric_builtins, array_builtins, object_builtins,
                               hof_builtins,    regex_builtins,   misc_builtins,  datetime_builtins,
                               encoding_builtins};
    for (Family f : families) {
      std::size_t n = 0;
      const Builtin* b = f(&n);
      for (std::size_t i = 0; i < n && size < kMaxBuiltins; ++i) {
        entries[size] = &b[i];
        Function& fn = fns[size];
        std::memset(static_cast<void*>(&fn), 0, sizeof fn);
        fn.kind = FnKind::Builtin;
        fn.builtin = &b[i];
        SigParseError err;
        parse_signature(b[i].signature, sigs[size], err);
        fn.signature = &sigs[size];
        by_name[size] = {std::string_view(b[i].name), static_cast<int>(size)};
        ++size;
      }
    }
    // Insertion sort: ~70 names once, and no std::sort instantiation in the module.
    for (std::size_t i = 1; i < size; ++i) {
      const auto entry = by_name[i];
      std::size_t j = i;
      for (; j > 0 && entry < by_name[j - 1]; --j) by_name[j] = by_name[j - 1];
      by_name[j] = entry;
    }
  }
};

// Built once, on first use; immutable afterwards, so evaluations may share it.
const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

int builtin_index(std::string_view name) {
  const Table& t = table();
  const auto* end = t.by_name + t.size;
  const auto* it = std::lower_bound(t.by_name, end, name, [](const std::pair<std::string_view, int>& e, std::string_view n) { return e.first < n; });
  return it != end && it->first == name ? it->second : -1;
}

Value builtin_value(int index) {
  const Table& t = table();
  return Value::function(const_cast<Function*>(&t.fns[index]));
}

int builtin_slot(const Function* f) { return static_cast<int>(f - table().fns); }

const Signature* builtin_signature(const Builtin* b) {
  int i = builtin_index(b->name);
  return i < 0 ? nullptr : &table().sigs[i];
}

}  // namespace tb::jsonata
