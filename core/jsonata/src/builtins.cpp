#include "builtins.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

namespace tb::jsonata {
namespace {

struct Table {
  const Builtin* entries[kMaxBuiltins];
  Function fns[kMaxBuiltins];
  Signature sigs[kMaxBuiltins];
  // Names by hash_key (open addressing): every variable in every compiled expression is looked
  // up here with the hash the compiler has already taken; a binary search over the names cost
  // a hundred instructions and a few memcmp calls per variable.
  static constexpr std::size_t kSlots = 256;
  std::int16_t by_hash[kSlots];
  std::string_view names[kMaxBuiltins];
  std::uint32_t hashes[kMaxBuiltins];
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
        names[size] = b[i].name;
        hashes[size] = hash_key(names[size]);
        ++size;
      }
    }
    for (std::int16_t& slot : by_hash) slot = -1;
    for (std::size_t i = 0; i < size; ++i) {
      std::size_t at = hashes[i] & (kSlots - 1);
      while (by_hash[at] >= 0) at = (at + 1) & (kSlots - 1);
      by_hash[at] = static_cast<std::int16_t>(i);
    }
  }
};

// Built once, on first use; immutable afterwards, so evaluations may share it.
const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

int builtin_index(std::string_view name, std::uint32_t hash) {
  const Table& t = table();
  for (std::size_t at = hash & (Table::kSlots - 1); t.by_hash[at] >= 0; at = (at + 1) & (Table::kSlots - 1)) {
    const int i = t.by_hash[at];
    if (t.hashes[i] == hash && t.names[i] == name) return i;
  }
  return -1;
}

int builtin_index(std::string_view name) { return builtin_index(name, hash_key(name)); }

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
