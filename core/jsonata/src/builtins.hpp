#pragma once
// The built-in function table ($string, $map, ...): names, signatures, jsonata-js arities.
// Implementations live in builtins_<family>.cpp; each family exports its entries.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "eval.hpp"

namespace tb::jsonata {

inline constexpr int kMaxBuiltins = 96;

/// Index of the built-in called `name` (without '$'), or -1.
int builtin_index(std::string_view name);
/// The same, given hash_key(name).
int builtin_index(std::string_view name, std::uint32_t hash);
/// The function value of built-in `index` (static, shared by all evaluations).
Value builtin_value(int index);
/// Slot of a built-in's function value in the table (for per-evaluation state).
int builtin_slot(const Function* f);
/// Parsed signature of a built-in.
const Signature* builtin_signature(const Builtin* b);

// Families (each returns its table and size).
const Builtin* string_builtins(std::size_t* n);
const Builtin* numeric_builtins(std::size_t* n);
const Builtin* array_builtins(std::size_t* n);
const Builtin* object_builtins(std::size_t* n);
const Builtin* hof_builtins(std::size_t* n);
const Builtin* regex_builtins(std::size_t* n);
const Builtin* misc_builtins(std::size_t* n);
const Builtin* datetime_builtins(std::size_t* n);
const Builtin* encoding_builtins(std::size_t* n);

// Helpers shared by the families.
inline Value arg(const Value* args, std::size_t n, std::size_t i) { return i < n ? args[i] : Value::undefined(); }

}  // namespace tb::jsonata
