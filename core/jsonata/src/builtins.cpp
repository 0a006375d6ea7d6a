#include "builtins.hpp"

#include <cstring>

namespace tb::jsonata {
namespace {

struct Table {
  const Builtin* entries[kMaxBuiltins];
  Function fns[kMaxBuiltins];
  Signature sigs[kMaxBuiltins];
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
        ++size;
      }
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
  for (std::size_t i = 0; i < t.size; ++i)
    if (name == t.entries[i]->name) return static_cast<int>(i);
  return -1;
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
