#include "json_writer.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "byte_scan.hpp"
#include "numbers.hpp"
#include "ticketbridge/text/escape_writer.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

const char kHex[] = "0123456789abcdef";

class Writer {
 public:
  Writer(std::string& out, const WriteOptions& o) : out_(out), o_(o) {}
  double bad = 0;

  WriteStatus write(Value v, int depth) {
    switch (v.kind) {
      case Kind::Undefined:
      case Kind::Null:
      case Kind::Error:
        out_ += "null";
        return WriteStatus::Ok;
      case Kind::Bool:
        out_ += v.b ? "true" : "false";
        return WriteStatus::Ok;
      case Kind::Number:
        return number(v.num);
      case Kind::String:
        write_json_string(out_, v.sv());
        return WriteStatus::Ok;
      case Kind::Function:
        out_ += o_.string_function ? "\"\"" : "null";
        return WriteStatus::Ok;
      case Kind::Array:
        return array(v.arr, depth + 1);
      case Kind::Object:
        return object(v.obj, depth + 1);
    }
    return WriteStatus::Ok;
  }

 private:
  WriteStatus number(double d) {
    if (!std::isfinite(d)) {
      if (o_.string_function && !std::isnan(d)) {
        bad = d;
        return WriteStatus::NonFinite;
      }
      out_ += "null";
      return WriteStatus::Ok;
    }
    char buf[64];
    std::size_t n = o_.string_function && d != std::floor(d) ? num::format_precision(d, 15, buf) : num::format(d, buf);
    out_.append(buf, n);
    return WriteStatus::Ok;
  }

  void newline(int depth) {
    if (!o_.indent) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth * o_.indent), ' ');
  }

  WriteStatus array(const Array* a, int depth) {
    if (depth > kMaxWriteDepth) return WriteStatus::TooDeep;
    if (a->size == 0) {
      out_ += "[]";
      return WriteStatus::Ok;
    }
    out_ += '[';
    for (std::uint32_t i = 0; i < a->size; ++i) {
      if (i) out_ += ',';
      newline(depth);
      WriteStatus s = write(a->items[i], depth);
      if (s != WriteStatus::Ok) return s;
    }
    newline(depth - 1);
    out_ += ']';
    return WriteStatus::Ok;
  }

  WriteStatus object(const Object* o, int depth) {
    if (depth > kMaxWriteDepth) return WriteStatus::TooDeep;
    out_ += '{';
    bool any = false;
    for (std::uint32_t i = 0; i < o->size; ++i) {
      const Entry& e = o->entries[i];
      if (e.value.kind == Kind::Undefined || (e.value.kind == Kind::Function && !o_.string_function)) continue;
      if (any) out_ += ',';
      any = true;
      newline(depth);
      write_json_string(out_, e.k());
      out_ += ':';
      if (o_.indent) out_ += ' ';
      WriteStatus s = write(e.value, depth);
      if (s != WriteStatus::Ok) return s;
    }
    if (any) newline(depth - 1);
    out_ += '}';
    return WriteStatus::Ok;
  }

  std::string& out_;
  const WriteOptions& o_;
};

}  // namespace

namespace {

// Non-zero when a byte of w may need escaping: '"', '\\', a control character, or 0xED (the
// lead byte of a surrogate in WTF-8).
inline std::uint64_t escape_bytes(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  return zero(w ^ (ones * '"')) | zero(w ^ (ones * '\\')) | zero(w ^ (ones * 0xED)) | ((w - ones * 0x20) & ~w & highs);
}

}  // namespace

namespace {

// The offset of the first byte at or after `i` that is written escaped ('"', '\\', a
// control character, the start of a lone surrogate), or s.size().
std::size_t next_escape(std::string_view s, std::size_t i) {
  while (i < s.size()) {
#if defined(TB_BYTE_SCAN16)
    // Non-ASCII bytes stop this scan too; the byte test below sorts them out.
    while (i + 16 <= s.size()) {
      if (unsigned mask = special_mask16(s.data() + i)) {
        i += static_cast<std::size_t>(__builtin_ctz(mask));
        break;
      }
      i += 16;
    }
#endif
    while (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (escape_bytes(w)) break;
      i += 8;
    }
    if (i < s.size() && s.size() - i < 8) {
      // A short tail (most keys and ticket numbers end in one) tested as one word, padded
      // with a letter that needs no escape, instead of byte by byte below.
      std::uint64_t w = 0x6161616161616161ULL;
      std::memcpy(&w, s.data() + i, s.size() - i);
      if (!escape_bytes(w)) return s.size();
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
    if (c == 0xED && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0) return i;
    ++i;
  }
  return s.size();
}

// The escape of the byte at s[i] (found by next_escape) into `to` (room for 6); moves `i`
// past what it stands for and returns its length.
std::size_t escape_at(std::string_view s, std::size_t& i, char* to) {
  const auto c = static_cast<unsigned char>(s[i]);
  const char named = text::json_named_escape(c);
  ++i;
  if (named) {
    to[0] = '\\';
    to[1] = named;
    return 2;
  }
  std::uint32_t u = c;
  if (c >= 0x20) u = utf::next(s, --i);  // a lone surrogate, as \uXXXX
  const char b[6] = {'\\', 'u', kHex[(u >> 12) & 15], kHex[(u >> 8) & 15], kHex[(u >> 4) & 15], kHex[u & 15]};
  std::memcpy(to, b, 6);
  return 6;
}

}  // namespace

namespace {

// Bit i set when p[i] may need escaping ('"', '\\', below 0x20, or not ASCII, which
// escape_at's caller sorts out). Reads exactly 16 bytes.
inline unsigned flagged16(const char* p) {
#if defined(TB_BYTE_SCAN16)
  return special_mask16(p);
#else
  unsigned mask = 0;
  for (unsigned k = 0; k < 16; ++k) {
    const auto c = static_cast<unsigned char>(p[k]);
    mask |= static_cast<unsigned>(c < 0x20 || c == '"' || c == '\\' || c >= 0x80) << k;
  }
  return mask;
#endif
}

}  // namespace

// A string without escapes is copied whole. Past its first escape, the text is written in
// place sixteen bytes at a time, every flagged byte of a block taken from its bit mask:
// appending run and escape one after the other, and scanning afresh after each escape, cost
// more than the scan itself on texts full of quotes and line breaks (a rendered payload
// holding a transcript, written as a string literal).
void write_json_string(std::string& out, std::string_view s) {
  const std::size_t first = next_escape(s, 0);
  out += '"';
  out.append(s.data(), first);
  if (first == s.size()) {
    out += '"';
    return;
  }
  const char* const p = s.data();
  const std::size_t n = s.size();
  text::EscapeWriter writer(out, s, first);
  const auto flagged = [&](std::size_t j) {
    if (j < writer.pending()) return;  // inside what an escape already consumed
    const auto c = static_cast<unsigned char>(p[j]);
    if (c >= 0x80 && !(c == 0xED && j + 1 < n && (static_cast<unsigned char>(p[j + 1]) & 0xE0) == 0xA0)) return;
    char* to = writer.escape_room(j, 6);
    const std::size_t len = escape_at(s, j, to);
    writer.escaped(len, j);
  };
  std::size_t i = first;
  for (; i + 16 <= n; i += 16) {
    for (unsigned mask = flagged16(p + i); mask; mask &= mask - 1) flagged(i + static_cast<std::size_t>(__builtin_ctz(mask)));
  }
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) flagged(i);
  }
  writer.finish("\"");
}

WriteStatus write_json(std::string& out, Value v, const WriteOptions& opts, double* bad) {
  Writer w(out, opts);
  WriteStatus s = w.write(v, 0);
  if (bad) *bad = w.bad;
  return s;
}

}  // namespace tb::jsonata
