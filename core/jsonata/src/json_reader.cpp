// One pass over the text, no recursion: a loop with an explicit stack of open containers.
// Items of open arrays and objects collect on per-thread scratch stacks and are copied into
// the arena, exact-sized, when their container closes.
#include "json_reader.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

#include "byte_scan.hpp"
#include "numbers.hpp"
#include "utf.hpp"
#include "ticketbridge/text/escape_writer.hpp"

namespace tb::jsonata {
namespace {

TB_HOT_INLINE bool is_ws(char c) {
  // One compare rules out everything above the space character, the common case.
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
}

struct Level {
  std::size_t mark;  // first item of this container on its scratch stack
  bool object;
  bool index_keys;   // some key starts with a digit (may need JavaScript's reordering)
  bool member_skipped = false;          // objects: the member's value is not built
  const Projection* proj = nullptr;     // null: build everything; skip_projection(): nothing
  const Projection* member = nullptr;   // objects: the projection of the member being read
};

struct Scratch {
  std::vector<Value> values;
  std::vector<Entry> entries;
  std::vector<Level> levels;
};

// Kept per thread so that parsing does not allocate its stacks again and again.
Scratch& scratch() {
  static thread_local Scratch s;
  return s;
}

// P: reading under a projection. The plain reader (P false) compiles without any of its
// checks: a full parse costs what it did before projections existed.
template <bool P>
class Reader {
 public:
  Reader(Arena& a, char* text, std::size_t n, int max_nesting, const Projection* proj, JsonReadError& err)
      : a_(a), base_(text), p_(text), end_(text + n), max_nesting_(max_nesting), err_(err), s_(scratch()),
        root_proj_(proj) {}

  bool document(Value& out);

 private:
  bool fail(const char* msg, const char* code = "JSONATA_INVALID_JSON") {
    err_.code = code;
    err_.message = msg;
    err_.offset = static_cast<std::size_t>(p_ - base_);
    return false;
  }

  // The text ends with a NUL, which is not whitespace: no bounds check needed.
  void ws() {
    while (is_ws(*p_)) ++p_;
  }

  bool literal(const char* word, std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return fail("invalid literal");
    p_ += n;
    return true;
  }

  bool number(Value& out, bool build);
  bool string(Value& out);
  bool escape(char*& w);
  bool read_u(std::uint32_t& u);
  Value* slot();
  bool wanted(Level& level, Value key, std::uint32_t& hash);
  bool skim(Level& level);
  // A member that is built: its entry on the scratch stack, the value still to be written.
  // Fields are stored one by one: building an Entry temporary and copying it would reload
  // freshly stored parts as one wide value (a store-forwarding stall).
  TB_HOT_INLINE Entry& member(Level& level, const char* key, std::uint32_t len, std::uint32_t hash) {
    if (len && static_cast<unsigned char>(key[0] - '0') < 10) level.index_keys = true;
    s_.entries.emplace_back();
    Entry& e = s_.entries.back();
    e.key = key;
    e.klen = len;
    e.hash = hash;
    return e;
  }
  // The projection of a container about to open in the current one.
  const Projection* next_projection() const {
    if (s_.levels.empty()) return root_proj_;
    const Level& l = s_.levels.back();
    return l.object ? l.member : l.proj;
  }
  // A container read under skip_projection(): nothing built. Its parent's slot is the sink, or
  // the entry of a member of a `keys` object, which holds null in its place.
  bool close_skipped() {
    s_.levels.pop_back();
    *slot() = Value::null();
    return true;
  }
  bool close_array();
  bool close_object();

  Arena& a_;
  const char* base_;
  char* p_;
  char* end_;
  int max_nesting_;
  JsonReadError& err_;
  Scratch& s_;
  Value* root_ = nullptr;
  const Projection* root_proj_;
  Value sink_;  // where values that are not built go
};

template <bool P>
bool Reader<P>::number(Value& out, bool build) {
  const char* s = p_;
  if (p_ < end_ && *p_ == '-') ++p_;
  if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail("invalid value");
  if (*p_ == '0') ++p_;
  else while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail("invalid number");
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    ++p_;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail("invalid number");
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
  }
  if (build) out = Value::number(num::parse_decimal(s, static_cast<std::size_t>(p_ - s)));
  return true;
}

// p_ at the opening quote. Unescapes in place (the result is never longer than the source).
template <bool P>
TB_HOT_INLINE bool Reader<P>::string(Value& out) {
  char* start = ++p_;
  p_ += plain_run(p_);
  if (*p_ == '"') {  // plain ASCII text: nothing to copy
    out = Value::string(start, static_cast<std::size_t>(p_ - start), Value::kAsciiKnown | Value::kAscii);
    ++p_;
    return true;
  }
  char* w = p_;
  bool ascii = true;
  for (;;) {
    if (p_ == end_) return fail("unterminated string");
    auto c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      ++p_;
      break;
    }
    if (c == '\\') {
      if (!escape(w)) return false;
    } else if (c < 0x20) {
      return fail("control character in string");
    } else {
      ascii = false;
      std::size_t len = utf::seq_len(c);
      if (c < 0xC2 || c > 0xF4 || static_cast<std::size_t>(end_ - p_) < len || !utf::valid_utf8(p_, len))
        return fail("invalid UTF-8 in string", "JSONATA_INVALID_UTF8");
      if (w != p_) std::memmove(w, p_, len);
      p_ += len;
      w += len;
    }
    std::size_t run = plain_run(p_);
    if (w != p_) std::memmove(w, p_, run);
    p_ += run;
    w += run;
  }
  std::size_t n = static_cast<std::size_t>(w - start);
  if (!ascii) ascii = utf::is_ascii(start, n);  // escapes may have produced only ASCII
  out = Value::string(start, n, static_cast<std::uint8_t>(Value::kAsciiKnown | (ascii ? Value::kAscii : 0)));
  return true;
}

template <bool P>
bool Reader<P>::read_u(std::uint32_t& u) {
  if (end_ - p_ < 4) return fail("invalid \\u escape");
  int v = 0;
  for (int i = 0; i < 4; ++i) {
    int h = text::hex_digit_value(p_[i]);
    if (h < 0) return fail("invalid \\u escape");
    v = v * 16 + h;
  }
  p_ += 4;
  u = static_cast<std::uint32_t>(v);
  return true;
}

template <bool P>
bool Reader<P>::escape(char*& w) {
  ++p_;
  if (p_ == end_) return fail("unterminated string");
  char e = *p_++;
  switch (e) {
    case '"': *w++ = '"'; return true;
    case '\\': *w++ = '\\'; return true;
    case '/': *w++ = '/'; return true;
    case 'b': *w++ = '\b'; return true;
    case 'f': *w++ = '\f'; return true;
    case 'n': *w++ = '\n'; return true;
    case 'r': *w++ = '\r'; return true;
    case 't': *w++ = '\t'; return true;
    case 'u': {
      std::uint32_t u;
      if (!read_u(u)) return false;
      if (u >= 0xD800 && u <= 0xDBFF && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
        char* save = p_;
        p_ += 2;
        std::uint32_t lo;
        if (!read_u(lo)) return false;
        if (lo >= 0xDC00 && lo <= 0xDFFF) u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        else p_ = save;  // a lone high surrogate, kept as JavaScript keeps it
      }
      w += utf::encode(w, u);
      return true;
    }
    default:
      --p_;
      return fail("invalid escape in string");
  }
}

template <bool P>
TB_HOT_INLINE Value* Reader<P>::slot() {
  if (s_.levels.empty()) return root_;
  const Level& l = s_.levels.back();
  if (l.object) return P && l.member_skipped ? &sink_ : &s_.entries.back().value;
  if (P && l.proj == skip_projection()) return &sink_;
  s_.values.emplace_back();
  return &s_.values.back();
}

// Whether the member named `key` has an entry, under a projection; sets what its value is read
// with, and its hash when the projection names it (0 otherwise). Under a `keys` projection
// every member has an entry: a value it does not name is built if it is a scalar (as cheap as
// skipping it) and read as skipped, null in the entry, if it is an object or array.
template <bool P>
TB_HOT_INLINE bool Reader<P>::wanted(Level& level, Value key, std::uint32_t& hash) {
  const Projection::Field* f = nullptr;
  if (level.proj != skip_projection()) {
    f = level.proj->find(key.str, key.len);
    if (f) hash = f->hash;
  }
  const bool keep = f != nullptr || level.proj->keys;
  level.member_skipped = !keep;
  level.member = f ? f->sub : skip_projection();
  return keep;
}

// Most members of an ITSM record are short strings, "key":"value" or "key": "value" (and
// under a projection most are skipped). One 64-byte scan finds the quote that ends the key and
// the two around the value, instead of two scans one after the other. Anything else (escapes,
// non-ASCII, other spacing, other values, a member longer than the window) returns false with p_
// unchanged, and the general code reads the member.
template <bool P>
bool Reader<P>::skim(Level& level) {
#if defined(TB_BYTE_SCAN16)
  char* s = p_ + 1;
  std::uint64_t quotes, others;
  string_masks64(s, quotes, others);
  if (!quotes) return false;
  const unsigned k = static_cast<unsigned>(__builtin_ctzll(quotes));  // key length
  if (k > 57 || (others & ((std::uint64_t{1} << k) - 1)) || s[k + 1] != ':') return false;
  const unsigned at = s[k + 2] == ' ' ? k + 4 : k + 3;  // the value's text; "key": "value" too
  if (s[at - 1] != '"') return false;
  const std::uint64_t after = quotes >> at;
  if (!after) return false;
  const unsigned v = static_cast<unsigned>(__builtin_ctzll(after));  // value length
  if ((others >> at) & ((std::uint64_t{1} << v) - 1)) return false;
  std::uint32_t hash = 0;
  // A string is built alike whether a `keys` projection names its member or not.
  const bool projected = P && level.proj && !level.proj->keys;
  if (!projected || wanted(level, Value::string(s, k), hash))
    member(level, s, k, projected ? hash : hash_key(s, k)).value = Value::string(s + at, v, Value::kAsciiKnown | Value::kAscii);
  p_ = s + at + v + 1;
  return true;
#else
  (void)level;
  return false;
#endif
}

template <bool P>
bool Reader<P>::close_array() {
  if (P && s_.levels.back().proj == skip_projection()) return close_skipped();
  std::size_t mark = s_.levels.back().mark;
  std::size_t n = s_.values.size() - mark;
  Array* arr = new_array(a_, n);
  if (!arr) return fail("out of memory", "JSONATA_TOO_LARGE");
  if (n) std::memcpy(arr->items, s_.values.data() + mark, n * sizeof(Value));
  arr->size = static_cast<std::uint32_t>(n);
  s_.values.resize(mark);
  s_.levels.pop_back();
  *slot() = Value::array(arr);
  return true;
}

template <bool P>
bool Reader<P>::close_object() {
  const Level& level = s_.levels.back();
  if (P && level.proj == skip_projection()) return close_skipped();
  std::size_t n = s_.entries.size() - level.mark;
  Object* o = new_object(a_, n);
  if (!o) return fail("out of memory", "JSONATA_TOO_LARGE");
  if (n) std::memcpy(o->entries, s_.entries.data() + level.mark, n * sizeof(Entry));
  o->size = static_cast<std::uint32_t>(n);
  o->mutable_ = false;
  s_.entries.resize(level.mark);
  bool index_keys = level.index_keys;
  s_.levels.pop_back();
  if (!finish_parsed(a_, o, index_keys)) return fail("out of memory", "JSONATA_TOO_LARGE");
  *slot() = Value::object(o);
  return true;
}

// Values are written straight into the slot that holds them (no copy through a temporary,
// which would cost a store-forwarding stall per value).
template <bool P>
bool Reader<P>::document(Value& root) {
  s_.values.clear();  // a failed parse may have left items behind
  s_.entries.clear();
  s_.levels.clear();
  root_ = &root;
  ws();
value:
  if (p_ == end_) return fail("unexpected end of JSON text");
  switch (*p_) {
    case '"':
      if (!string(*slot())) return false;
      goto after;
    case '{':
      if (static_cast<int>(s_.levels.size()) >= max_nesting_) return fail("JSON nesting too deep", "JSONATA_TOO_DEEP");
      ++p_;
      s_.levels.push_back(Level{s_.entries.size(), true, false, false, P ? next_projection() : nullptr, nullptr});
      ws();
      if (*p_ == '}') {
        ++p_;
        if (!close_object()) return false;
        goto after;
      }
      goto key;
    case '[':
      if (static_cast<int>(s_.levels.size()) >= max_nesting_) return fail("JSON nesting too deep", "JSONATA_TOO_DEEP");
      ++p_;
      s_.levels.push_back(Level{s_.values.size(), false, false, false, P ? next_projection() : nullptr, nullptr});
      ws();
      if (*p_ == ']') {
        ++p_;
        if (!close_array()) return false;
        goto after;
      }
      goto value;
    case 't':
      if (!literal("true", 4)) return false;
      *slot() = Value::boolean(true);
      goto after;
    case 'f':
      if (!literal("false", 5)) return false;
      *slot() = Value::boolean(false);
      goto after;
    case 'n':
      if (!literal("null", 4)) return false;
      *slot() = Value::null();
      goto after;
    default: {
      Value* v = slot();
      if (!number(*v, !P || v != &sink_)) return false;
      goto after;
    }
  }
key: {
  if (*p_ != '"') return fail("expected a string key");
  if (skim(s_.levels.back())) {
    if (*p_ == ',') {
      ++p_;
      if (is_ws(*p_)) ws();
      goto key;
    }
    goto after;
  }
  Value k;
  if (!string(k)) return false;
  if (*p_ != ':') {
    ws();
    if (*p_ != ':') return fail("expected ':'");
  }
  ++p_;
  if (is_ws(*p_)) ws();
  Level& level = s_.levels.back();
  Value* target = &sink_;
  std::uint32_t hash = 0;
  const bool projected = P && level.proj;
  if (!projected || wanted(level, k, hash))
    target = &member(level, k.str, k.len, projected && hash ? hash : hash_key(k.str, k.len)).value;
  // Most members of an ITSM record are strings followed by a comma: read those straight into
  // the entry and go on to the next key, without the generic dispatch and container checks.
  if (*p_ == '"') {
    if (!string(*target)) return false;
    if (*p_ == ',') {
      ++p_;
      if (is_ws(*p_)) ws();
      goto key;
    }
    goto after;
  }
  goto value;
}
after:
  // A value is complete: see what follows it in its container.
  for (;;) {
    if (s_.levels.empty()) {
      ws();
      if (p_ != end_) return fail("unexpected text after the JSON value");
      return true;
    }
    bool object = s_.levels.back().object;
    if (is_ws(*p_)) ws();
    if (p_ == end_) return fail("unexpected end of JSON text");
    char c = *p_++;
    if (c == ',') {
      if (is_ws(*p_)) ws();
      if (object) goto key;
      goto value;
    }
    if (object ? c != '}' : c != ']') {
      --p_;
      return fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    if (object ? !close_object() : !close_array()) return false;
  }
}

}  // namespace

bool read_json(Arena& arena, const char* text, std::size_t n, int max_nesting, Value& out, JsonReadError& err,
               const Projection* proj) {
  // Text plus the values built from it, typically: one block from the system.
  arena.reserve(n * 2 + 1024);
  // The copy is followed by NUL padding: scanning stops there without bounds checks, and
  // 16- and 64-byte loads near the end stay inside the allocation.
  constexpr std::size_t kPad = 64;
  char* copy = static_cast<char*>(arena.alloc(n + kPad));
  if (copy) {
    if (n) std::memcpy(copy, text, n);
    std::memset(copy + n, 0, kPad);
  }
  if (!copy) {
    err.code = "JSONATA_TOO_LARGE";
    err.message = "out of memory";
    return false;
  }
  if (proj) return Reader<true>(arena, copy, n, max_nesting, proj, err).document(out);
  return Reader<false>(arena, copy, n, max_nesting, nullptr, err).document(out);
}

}  // namespace tb::jsonata
