#pragma once
// The evaluator's value: 16 bytes, trivially copyable. Strings, arrays and objects are
// pointers into an arena (the document's or the evaluation's), so reading a path, binding a
// variable or building a sequence never copies the data it refers to.
//
// Arrays carry the flags jsonata-js keeps on its arrays: `sequence` (a result sequence that
// collapses when it holds one item), `keepSingleton`, `cons` (built by an array constructor),
// `outerWrapper` (the input array wrapped as one item) and `tupleStream`. Objects keep
// JavaScript's property order: array-index keys ("0", "17") first in numeric order, then the
// others in insertion order.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "arena.hpp"

namespace tb::jsonata {

enum class Kind : std::uint8_t { Undefined, Null, Bool, Number, String, Array, Object, Function, Error };

struct Array;
struct Object;
struct Function;

struct Value {
  Kind kind;
  std::uint8_t bits;  // strings: kAsciiKnown / kAscii
  std::uint16_t spare;
  std::uint32_t len;  // strings: byte length
  union {
    double num;
    bool b;
    const char* str;
    Array* arr;
    Object* obj;
    Function* fn;
  };

  static constexpr std::uint8_t kAsciiKnown = 1, kAscii = 2;

  static Value undefined() { Value v{}; return v; }
  static Value null() { Value v{}; v.kind = Kind::Null; return v; }
  static Value error() { Value v{}; v.kind = Kind::Error; return v; }
  static Value boolean(bool x) { Value v{}; v.kind = Kind::Bool; v.b = x; return v; }
  static Value number(double d) { Value v{}; v.kind = Kind::Number; v.num = d; return v; }
  static Value string(const char* s, std::size_t n, std::uint8_t bits = 0) {
    Value v{};
    v.kind = Kind::String;
    v.bits = bits;
    v.len = static_cast<std::uint32_t>(n);
    v.str = s;
    return v;
  }
  static Value ascii(std::string_view s) { return string(s.data(), s.size(), kAsciiKnown | kAscii); }
  static Value array(Array* a) { Value v{}; v.kind = Kind::Array; v.arr = a; return v; }
  static Value object(Object* o) { Value v{}; v.kind = Kind::Object; v.obj = o; return v; }
  static Value function(Function* f) { Value v{}; v.kind = Kind::Function; v.fn = f; return v; }

  bool is_undefined() const { return kind == Kind::Undefined; }
  bool is_error() const { return kind == Kind::Error; }
  bool is_string() const { return kind == Kind::String; }
  bool is_number() const { return kind == Kind::Number; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_object() const { return kind == Kind::Object; }
  bool is_function() const { return kind == Kind::Function; }
  std::string_view sv() const { return std::string_view(str, len); }
};
static_assert(sizeof(Value) == 16, "Value must stay two words");

enum ArrayFlags : std::uint8_t {
  kSequence = 1,
  kKeepSingleton = 2,
  kCons = 4,
  kOuterWrapper = 8,
  kTupleStream = 16,
};

struct Array {
  Value* items;
  std::uint32_t size;
  std::uint32_t cap;
  std::uint8_t flags;
  bool has(std::uint8_t f) const { return (flags & f) != 0; }
};

struct Entry {
  const char* key;
  std::uint32_t klen;
  std::uint32_t hash;
  Value value;
  std::string_view k() const { return std::string_view(key, klen); }
};

struct Object {
  Entry* entries;
  std::uint32_t size;
  std::uint32_t cap;
  std::uint32_t* table;   // open-addressing index (entry index + 1), for objects above kLinear
  std::uint32_t tcap;     // power of two, 0 = no table
  std::uint32_t nindex;   // array-index keys (leading, once sealed)
  bool mutable_;          // built by this evaluation and not yet shared (transform updates)
  // Array-index keys were appended out of order: seal() puts them first in numeric order.
  // Inserting each in place would cost a move of every later entry (quadratic for keys that
  // arrive descending or after named keys); appending and sorting once is n log n.
  bool unsorted;
};

inline bool is_sequence(Value v) { return v.kind == Kind::Array && v.arr->has(kSequence); }

/// Hash of a key. Inline: the JSON reader hashes every key it reads. Word-at-a-time
/// multiply-xorshift over fixed-size, possibly overlapping loads.
inline std::uint32_t hash_key(const char* s, std::size_t n) {
  auto mix = [](std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 32);
  };
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  if (n >= 8) {
    std::uint64_t w;
    if (n > 16) {
      for (std::size_t i = 0; i + 8 < n; i += 8) {
        std::memcpy(&w, s + i, 8);
        h = mix(h, w);
      }
    } else if (n > 8) {  // most keys: the same two words as the loop, without the loop
      std::memcpy(&w, s, 8);
      h = mix(h, w);
    }
    std::memcpy(&w, s + n - 8, 8);
    h = mix(h, w);
  } else if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, s, 4);
    std::memcpy(&b, s + n - 4, 4);
    h = mix(h, a | (static_cast<std::uint64_t>(b) << 32));
  } else if (n > 0) {
    auto byte = [&](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(s[i])); };
    h = mix(h, byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16));
  }
  // The table takes the low bits: fold the well-mixed high half down with one more multiply
  // (h ^ h >> 29 left keys that differ in a digit or two clustered: 5 to 8 extra probes per
  // insert at a third full, against 0.2 now).
  return static_cast<std::uint32_t>((h * 0x9E3779B97F4A7C15ULL) >> 32);
}
inline std::uint32_t hash_key(std::string_view s) { return hash_key(s.data(), s.size()); }
/// JavaScript array index: canonical decimal below 2^32 - 1.
bool is_array_index(const char* s, std::size_t n, std::uint32_t* out);

// --- arrays -------------------------------------------------------------------------------
Array* new_array(Arena& a, std::size_t cap, std::uint8_t flags = 0);
/// Appends; false when out of memory.
bool push(Arena& a, Array* arr, Value v);
/// A new header over the same items with other flags (items are immutable once shared).
Array* reflag(Arena& a, const Array* src, std::uint8_t flags);

// --- objects ------------------------------------------------------------------------------
Object* new_object(Arena& a, std::size_t cap);
const Value* get(const Object* o, std::string_view key, std::uint32_t hash);
inline const Value* get(const Object* o, std::string_view key) { return get(o, key, hash_key(key)); }
/// JavaScript assignment o[key] = v: replaces in place or inserts in property order.
bool set(Arena& a, Object* o, std::string_view key, std::uint32_t hash, Value v);
inline bool set(Arena& a, Object* o, std::string_view key, Value v) { return set(a, o, key, hash_key(key), v); }
void remove(Object* o, std::string_view key);
/// Restores JavaScript property order after set() appended index keys out of order. Every
/// object is sealed before anyone reads its entries in order (the evaluator seals each
/// result; builders that read their own object back seal it first). False: out of memory.
bool seal(Arena& a, Object* o);
inline bool sealed(Arena& a, Value v) { return v.kind != Kind::Object || !v.obj->unsorted || seal(a, v.obj); }
/// Finishes an object whose entries were written in source order (the JSON reader): later
/// duplicates replace earlier values, index keys move first, the lookup table is built.
/// `index_keys` false promises that no key starts with a digit.
bool finish_parsed(Arena& a, Object* o, bool index_keys = true);

}  // namespace tb::jsonata
