#include "jsonata/json_reader.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

#include "jsonata/numbers.hpp"
#include "jsonata/utf.hpp"

namespace tb::jsonata {
namespace {

// Non-zero when some byte of w is '"', '\\', a control character or non-ASCII.
inline std::uint64_t special_bytes(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  std::uint64_t q = w ^ (ones * '"');
  std::uint64_t b = w ^ (ones * '\\');
  std::uint64_t zq = (q - ones) & ~q;
  std::uint64_t zb = (b - ones) & ~b;
  std::uint64_t ctl = (w - ones * 0x20) & ~w;
  return (zq | zb | ctl | w) & highs;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Reader {
 public:
  Reader(Arena& a, char* text, std::size_t n, int max_nesting, JsonReadError& err)
      : a_(a), base_(text), p_(text), end_(text + n), max_nesting_(max_nesting), err_(err) {}

  bool document(Value& out) {
    ws();
    if (!value(out, 0)) return false;
    ws();
    if (p_ != end_) return fail("unexpected text after the JSON value");
    return true;
  }

 private:
  bool fail(const char* msg, const char* code = "JSONATA_INVALID_JSON") {
    err_.code = code;
    err_.message = msg;
    err_.offset = static_cast<std::size_t>(p_ - base_);
    return false;
  }
  bool oom() { return fail("out of memory", "JSONATA_TOO_LARGE"); }

  void ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool value(Value& out, int depth) {
    if (p_ == end_) return fail("unexpected end of JSON text");
    switch (*p_) {
      case '"': return string(out);
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case 't': return literal("true", Value::boolean(true), out);
      case 'f': return literal("false", Value::boolean(false), out);
      case 'n': return literal("null", Value::null(), out);
      default: return number(out);
    }
  }

  bool literal(const char* word, Value v, Value& out) {
    std::size_t n = std::strlen(word);
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return fail("invalid literal");
    p_ += n;
    out = v;
    return true;
  }

  bool number(Value& out) {
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
    out = Value::number(num::parse_decimal(s, static_cast<std::size_t>(p_ - s)));
    return true;
  }

  // p_ at the opening quote. Unescapes in place (the result is never longer than the source).
  bool string(Value& out) {
    char* start = ++p_;
    char* w = start;
    bool ascii = true;
    for (;;) {
      while (end_ - p_ >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p_, 8);
        if (special_bytes(word)) break;
        if (w != p_) std::memmove(w, p_, 8);
        p_ += 8;
        w += 8;
      }
      if (p_ == end_) return fail("unterminated string");
      auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        break;
      }
      if (c < 0x20) return fail("control character in string");
      if (c == '\\') {
        if (!escape(w)) return false;
        continue;
      }
      if (c >= 0x80) {
        ascii = false;
        std::size_t len = utf::seq_len(c);
        if (c < 0xC2 || c > 0xF4 || static_cast<std::size_t>(end_ - p_) < len || !utf::valid_utf8(p_, len))
          return fail("invalid UTF-8 in string", "JSONATA_INVALID_UTF8");
        if (w != p_) std::memmove(w, p_, len);
        p_ += len;
        w += len;
        continue;
      }
      *w++ = *p_++;
    }
    std::size_t n = static_cast<std::size_t>(w - start);
    if (!ascii) ascii = utf::is_ascii(start, n);  // escapes may have produced only ASCII
    out = Value::string(start, n, static_cast<std::uint8_t>(Value::kAsciiKnown | (ascii ? Value::kAscii : 0)));
    return true;
  }

  bool read_u(std::uint32_t& u) {
    if (end_ - p_ < 4) return fail("invalid \\u escape");
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      int h = hex(p_[i]);
      if (h < 0) return fail("invalid \\u escape");
      v = v * 16 + h;
    }
    p_ += 4;
    u = static_cast<std::uint32_t>(v);
    return true;
  }

  bool escape(char*& w) {
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
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          } else {
            p_ = save;
          }
        }
        w += utf::encode(w, u);
        return true;
      }
      default:
        --p_;
        return fail("invalid escape in string");
    }
  }

  bool array(Value& out, int depth) {
    if (depth > max_nesting_) return fail("JSON nesting too deep", "JSONATA_TOO_DEEP");
    ++p_;
    std::size_t mark = values_.size();
    ws();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
    } else {
      for (;;) {
        Value v;
        if (!value(v, depth)) return false;
        values_.push_back(v);
        ws();
        if (p_ < end_ && *p_ == ',') {
          ++p_;
          ws();
          continue;
        }
        if (p_ < end_ && *p_ == ']') {
          ++p_;
          break;
        }
        return fail("expected ',' or ']'");
      }
    }
    std::size_t n = values_.size() - mark;
    Array* arr = new_array(a_, n);
    if (!arr) return oom();
    if (n) std::memcpy(arr->items, values_.data() + mark, n * sizeof(Value));
    arr->size = static_cast<std::uint32_t>(n);
    values_.resize(mark);
    out = Value::array(arr);
    return true;
  }

  bool object(Value& out, int depth) {
    if (depth > max_nesting_) return fail("JSON nesting too deep", "JSONATA_TOO_DEEP");
    ++p_;
    std::size_t mark = entries_.size();
    ws();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
    } else {
      for (;;) {
        if (p_ == end_ || *p_ != '"') return fail("expected a string key");
        Value key;
        if (!string(key)) return false;
        ws();
        if (p_ == end_ || *p_ != ':') return fail("expected ':'");
        ++p_;
        ws();
        Entry e;
        e.key = key.str;
        e.klen = key.len;
        e.hash = hash_key(key.str, key.len);
        if (!value(e.value, depth)) return false;
        entries_.push_back(e);
        ws();
        if (p_ < end_ && *p_ == ',') {
          ++p_;
          ws();
          continue;
        }
        if (p_ < end_ && *p_ == '}') {
          ++p_;
          break;
        }
        return fail("expected ',' or '}'");
      }
    }
    std::size_t n = entries_.size() - mark;
    Object* o = new_object(a_, n);
    if (!o) return oom();
    if (n) std::memcpy(o->entries, entries_.data() + mark, n * sizeof(Entry));
    o->size = static_cast<std::uint32_t>(n);
    o->mutable_ = false;
    entries_.resize(mark);
    if (!finish_parsed(a_, o)) return oom();
    out = Value::object(o);
    return true;
  }

  Arena& a_;
  const char* base_;
  char* p_;
  char* end_;
  int max_nesting_;
  JsonReadError& err_;
  std::vector<Value> values_;
  std::vector<Entry> entries_;
};

}  // namespace

bool read_json(Arena& arena, const char* text, std::size_t n, int max_nesting, Value& out, JsonReadError& err) {
  char* copy = arena.copy(text, n);
  if (!copy) {
    err.code = "JSONATA_TOO_LARGE";
    err.message = "out of memory";
    return false;
  }
  Reader r(arena, copy, n, max_nesting, err);
  return r.document(out);
}

}  // namespace tb::jsonata
