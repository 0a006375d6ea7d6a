#include "value.hpp"

#include <algorithm>

namespace tb::jsonata {
namespace {

constexpr std::uint32_t kLinear = 8;  // objects up to this size are searched linearly

bool key_eq(const Entry& e, std::string_view key, std::uint32_t hash) {
  return e.hash == hash && e.klen == key.size() && std::memcmp(e.key, key.data(), key.size()) == 0;
}

// Indexes every entry; `dup` (when given) learns whether two entries share a key.
bool build_table(Arena& a, Object* o, bool* dup = nullptr) {
  std::uint32_t tcap = 16;
  while (tcap < o->size * 2) tcap <<= 1;
  auto* t = a.alloc_array<std::uint32_t>(tcap);
  if (!t) return false;
  std::memset(t, 0, tcap * sizeof(std::uint32_t));
  for (std::uint32_t i = 0; i < o->size; ++i) {
    const Entry& e = o->entries[i];
    std::uint32_t slot = e.hash & (tcap - 1);
    while (std::uint32_t j = t[slot]) {
      if (dup && key_eq(o->entries[j - 1], e.k(), e.hash)) *dup = true;
      slot = (slot + 1) & (tcap - 1);
    }
    t[slot] = i + 1;
  }
  o->table = t;
  o->tcap = tcap;
  return true;
}

std::int64_t find(const Object* o, std::string_view key, std::uint32_t hash) {
  if (o->tcap) {
    std::uint32_t slot = hash & (o->tcap - 1);
    while (std::uint32_t idx = o->table[slot]) {
      if (key_eq(o->entries[idx - 1], key, hash)) return idx - 1;
      slot = (slot + 1) & (o->tcap - 1);
    }
    return -1;
  }
  for (std::uint32_t i = 0; i < o->size; ++i)
    if (key_eq(o->entries[i], key, hash)) return i;
  return -1;
}

bool reserve(Arena& a, Object* o, std::uint32_t need) {
  if (need <= o->cap) return true;
  std::uint32_t cap = o->cap ? o->cap * 2 : 4;
  while (cap < need) cap *= 2;
  auto* e = a.alloc_array<Entry>(cap);
  if (!e) return false;
  if (o->size) std::memcpy(e, o->entries, o->size * sizeof(Entry));
  o->entries = e;
  o->cap = cap;
  return true;
}

std::uint32_t index_value(const Entry& e) {
  std::uint32_t v = 0;
  is_array_index(e.key, e.klen, &v);
  return v;
}

}  // namespace

bool is_array_index(const char* s, std::size_t n, std::uint32_t* out) {
  if (n == 0 || n > 10 || s[0] < '0' || s[0] > '9' || (s[0] == '0' && n > 1)) return false;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
  }
  if (v >= 4294967295ULL) return false;
  *out = static_cast<std::uint32_t>(v);
  return true;
}

Array* new_array(Arena& a, std::size_t cap, std::uint8_t flags) {
  auto* arr = a.make<Array>();
  if (!arr) return nullptr;
  arr->items = cap ? a.alloc_array<Value>(cap) : nullptr;
  if (cap && !arr->items) return nullptr;
  arr->size = 0;
  arr->cap = static_cast<std::uint32_t>(cap);
  arr->flags = flags;
  return arr;
}

bool push(Arena& a, Array* arr, Value v) {
  if (arr->size == arr->cap) {
    std::size_t cap = arr->cap ? static_cast<std::size_t>(arr->cap) * 2 : 4;
    if (cap > 0xFFFFFFFFu) return false;
    auto* items = a.alloc_array<Value>(cap);
    if (!items) return false;
    if (arr->size) std::memcpy(items, arr->items, arr->size * sizeof(Value));
    arr->items = items;
    arr->cap = static_cast<std::uint32_t>(cap);
  }
  arr->items[arr->size++] = v;
  return true;
}

Array* reflag(Arena& a, const Array* src, std::uint8_t flags) {
  auto* arr = a.make<Array>();
  if (!arr) return nullptr;
  arr->items = src->items;
  arr->size = src->size;
  arr->cap = src->size;  // any push reallocates, so the shared items are never written
  arr->flags = flags;
  return arr;
}

Object* new_object(Arena& a, std::size_t cap) {
  auto* o = a.make<Object>();
  if (!o) return nullptr;
  o->entries = cap ? a.alloc_array<Entry>(cap) : nullptr;
  if (cap && !o->entries) return nullptr;
  o->size = 0;
  o->cap = static_cast<std::uint32_t>(cap);
  o->table = nullptr;
  o->tcap = 0;
  o->nindex = 0;
  o->mutable_ = true;
  o->unsorted = false;
  return o;
}

const Value* get(const Object* o, std::string_view key, std::uint32_t hash) {
  std::int64_t i = find(o, key, hash);
  return i < 0 ? nullptr : &o->entries[i].value;
}

bool set(Arena& a, Object* o, std::string_view key, std::uint32_t hash, Value v) {
  std::int64_t i = find(o, key, hash);
  if (i >= 0) {
    o->entries[i].value = v;
    return true;
  }
  if (!reserve(a, o, o->size + 1)) return false;
  std::uint32_t idx;
  if (!key.empty() && key[0] >= '0' && key[0] <= '9' && is_array_index(key.data(), key.size(), &idx)) {
    // In order only while every key so far is an index below this one; anything else is
    // appended and sorted by seal().
    if (o->nindex != o->size || (o->nindex && index_value(o->entries[o->nindex - 1]) > idx)) o->unsorted = true;
    ++o->nindex;
  }
  const std::uint32_t pos = o->size;
  o->entries[pos] = Entry{key.data(), static_cast<std::uint32_t>(key.size()), hash, v};
  ++o->size;
  if (o->size <= kLinear) return true;
  if (!o->tcap || o->size * 2 > o->tcap) return build_table(a, o);  // doubles: amortised O(1)
  std::uint32_t slot = hash & (o->tcap - 1);
  while (o->table[slot]) slot = (slot + 1) & (o->tcap - 1);
  o->table[slot] = pos + 1;
  return true;
}

namespace {

// Puts the index keys first in numeric order and the others behind them in insertion order,
// and counts them (nindex). `dup_index` (when given) learns whether two index keys are equal;
// the entries are then left as they were. The lookup table is left to the caller.
bool reorder(Arena& a, Object* o, bool* dup_index) {
  // (index << 32 | position) for the index keys: sorting these gives their order. Keys that
  // arrive in order or in reverse order (a generated body, an object built from a descending
  // list) need no sort.
  const std::uint32_t n = o->size;
  auto* order = a.alloc_array<std::uint64_t>(n ? n : 1);
  if (!order) return false;
  std::uint32_t k = 0;
  bool ascending = true, descending = true, leading = true;
  for (std::uint32_t i = 0; i < n; ++i) {
    const Entry& e = o->entries[i];
    std::uint32_t idx;
    if (e.klen && e.key[0] >= '0' && e.key[0] <= '9' && is_array_index(e.key, e.klen, &idx)) {
      const std::uint64_t key = (static_cast<std::uint64_t>(idx) << 32) | i;
      if (k) {
        const std::uint32_t prev = static_cast<std::uint32_t>(order[k - 1] >> 32);
        ascending = ascending && prev < idx;
        descending = descending && prev > idx;
      }
      leading = leading && k == i;
      order[k++] = key;
    }
  }
  o->nindex = k;
  if (ascending && leading) return true;  // already in place (and no two alike)
  if (descending) {
    std::reverse(order, order + k);
  } else {
    std::sort(order, order + k);
    if (dup_index) {
      for (std::uint32_t r = 1; r < k; ++r)
        if ((order[r] >> 32) == (order[r - 1] >> 32)) {
          *dup_index = true;
          return true;
        }
    }
  }
  if (descending && leading) {  // index keys first, in reverse: one pass over them
    std::reverse(o->entries, o->entries + k);
    return true;
  }
  // Each entry's destination (index keys first, named keys behind them in insertion order);
  // the entries are moved there in place, cycle by cycle: 4 more bytes per entry of scratch
  // rather than a second copy of every entry.
  auto* dest = a.alloc_array<std::uint32_t>(n ? n : 1);
  if (!dest) return false;
  std::uint32_t named = k;
  for (std::uint32_t i = 0; i < n; ++i) dest[i] = UINT32_MAX;
  for (std::uint32_t r = 0; r < k; ++r) dest[static_cast<std::uint32_t>(order[r])] = r;
  for (std::uint32_t i = 0; i < n; ++i)
    if (dest[i] == UINT32_MAX) dest[i] = named++;
  for (std::uint32_t i = 0; i < n; ++i) {
    while (dest[i] != i) {  // swap entry i into place until the one that belongs here arrives
      const std::uint32_t d = dest[i];
      std::swap(o->entries[i], o->entries[d]);
      std::swap(dest[i], dest[d]);
    }
  }
  return true;
}

}  // namespace

bool seal(Arena& a, Object* o) {
  if (!o->unsorted) return true;
  if (!reorder(a, o, nullptr)) return false;
  o->unsorted = false;
  if (o->size <= kLinear && !o->tcap) return true;
  if (!o->tcap || o->size * 2 > o->tcap) return build_table(a, o);
  // Positions moved: index them again in the table the object already has.
  std::memset(o->table, 0, o->tcap * sizeof(std::uint32_t));
  for (std::uint32_t e = 0; e < o->size; ++e) {
    std::uint32_t slot = o->entries[e].hash & (o->tcap - 1);
    while (o->table[slot]) slot = (slot + 1) & (o->tcap - 1);
    o->table[slot] = e + 1;
  }
  return true;
}

void remove(Object* o, std::string_view key) {
  std::int64_t i = find(o, key, hash_key(key));
  if (i < 0) return;
  std::uint32_t idx;
  if (is_array_index(key.data(), key.size(), &idx)) --o->nindex;
  std::memmove(o->entries + i, o->entries + i + 1, (o->size - i - 1) * sizeof(Entry));
  --o->size;
  if (o->tcap) {
    // Rebuild in place: the table is already large enough.
    std::memset(o->table, 0, o->tcap * sizeof(std::uint32_t));
    for (std::uint32_t k = 0; k < o->size; ++k) {
      std::uint32_t slot = o->entries[k].hash & (o->tcap - 1);
      while (o->table[slot]) slot = (slot + 1) & (o->tcap - 1);
      o->table[slot] = k + 1;
    }
  }
}

bool finish_parsed(Arena& a, Object* o, bool index_keys) {
  // Duplicates: JSON.parse keeps the first position and the last value. Index keys are put in
  // order first (two equal ones then sit side by side); a repeated key of either kind sends
  // the object through the slow path below.
  bool dup = false;
  if (index_keys && !reorder(a, o, &dup)) return false;
  if (!dup) {
    if (o->size <= kLinear) {
      for (std::uint32_t i = 1; i < o->size && !dup; ++i)
        for (std::uint32_t j = 0; j < i; ++j)
          if (key_eq(o->entries[j], o->entries[i].k(), o->entries[i].hash)) { dup = true; break; }
    } else if (!build_table(a, o, &dup)) {
      return false;
    }
    if (!dup) return true;
  }
  // Repeated keys (rare): rebuild through set(), which keeps the first position and the last
  // value, then seal() once for the index keys (n log n whatever order they came in). The
  // entries are in their source order, or reordered only when no index key repeats: then the
  // named keys, the only ones that can repeat, kept their relative order, which is all set()
  // needs to keep the right position and value.
  Entry* src = o->entries;
  std::uint32_t n = o->size;
  o->entries = nullptr;
  o->size = o->cap = 0;
  o->table = nullptr;
  o->tcap = 0;
  o->nindex = 0;
  o->unsorted = false;
  if (!reserve(a, o, n)) return false;
  for (std::uint32_t i = 0; i < n; ++i)
    if (!set(a, o, src[i].k(), src[i].hash, src[i].value)) return false;
  return seal(a, o);
}

}  // namespace tb::jsonata
