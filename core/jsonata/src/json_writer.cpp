#include "json_writer.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "byte_scan.hpp"
#include "numbers.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {

const char kHex[] = "0123456789abcdef";

void hex4(std::string& out, std::uint32_t u) {
  char b[6] = {'\\', 'u', kHex[(u >> 12) & 15], kHex[(u >> 8) & 15], kHex[(u >> 4) & 15], kHex[u & 15]};
  out.append(b, 6);
}

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

void write_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0, i = 0;
  while (i < s.size()) {
#if defined(TB_BYTE_SCAN16)
    // Non-ASCII bytes stop this scan too; the byte loop below sorts them out.
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
      if (!escape_bytes(w)) i = s.size();
    }
    if (i >= s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    const char* esc = nullptr;
    switch (c) {
      case '"': esc = "\\\""; break;
      case '\\': esc = "\\\\"; break;
      case '\b': esc = "\\b"; break;
      case '\f': esc = "\\f"; break;
      case '\n': esc = "\\n"; break;
      case '\r': esc = "\\r"; break;
      case '\t': esc = "\\t"; break;
      default: break;
    }
    bool lone_surrogate = c == 0xED && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0;
    if (!esc && c >= 0x20 && !lone_surrogate) {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    if (esc) {
      out += esc;
      ++i;
    } else if (c < 0x20) {
      hex4(out, c);
      ++i;
    } else {
      std::size_t j = i;
      hex4(out, utf::next(s, j));
      i = j;
    }
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

WriteStatus write_json(std::string& out, Value v, const WriteOptions& opts, double* bad) {
  Writer w(out, opts);
  WriteStatus s = w.write(v, 0);
  if (bad) *bad = w.bad;
  return s;
}

}  // namespace tb::jsonata
