// The parameter scanner (params_text.hpp). What it accepts is a strict subset of what
// call_params_from_text() reads without error: RFC 8259 JSON whose top level is an object with
// keys free of escapes, strings in strict UTF-8 with no lone surrogate escape, numbers well
// inside a double's range, nesting well under the reader's limit, and no more bytes than it
// takes. Anything else is refused, and the usual reader then speaks for it.
#include "http/params_text.hpp"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

#include "template/json_escape_flags.hpp"
#include "ticketbridge/conversation.hpp"
#include "ticketbridge/text/escape_writer.hpp"
#include "ticketbridge/text/utf8.hpp"

namespace tb::params_text {
namespace {

constexpr int kMaxDepth = 64;        // the usual reader allows 256
constexpr int kMaxMagnitude = 300;   // decimal exponent; a double reaches about 308

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Scanner {
 public:
  Scanner(const char* p, const char* end) : p_(p), end_(end) {}

  const char* at() const { return p_; }
  bool done() const { return p_ == end_; }
  char peek() const { return *p_; }
  void step() { ++p_; }

  // Skips whitespace; false at the end of the text.
  bool ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    return p_ < end_;
  }

  // From just after an opening quote to just after the closing one. `ours`: whether the text
  // between them is what append_json_escaped() writes for the string it stands for.
  bool string(bool& ours) {
    ours = true;
    const char* const start = p_;
    bool wide = false;
    Step step = Step::Next;
#if defined(__wasm_simd128__)
    step = blocks<16, 1, flags16>(ours, wide);
#endif
    if (step == Step::Next) step = blocks<8, 8, json_escape_flags8>(ours, wide);
    while (step == Step::Next && p_ < end_) step = special(ours, wide);
    if (step != Step::Quote) return false;
    if (wide && !utf8::valid(start, static_cast<std::size_t>(p_ - start))) return false;
    ++p_;
    return true;
  }

  bool value(int depth) {
    switch (*p_) {
      case '"': {
        ++p_;
        bool ours = false;
        return string(ours);
      }
      case '{':
      case '[': return container(depth);
      case 't': return word("true");
      case 'f': return word("false");
      case 'n': return word("null");
      default: return number();
    }
  }

 private:
  enum class Step { Next, Quote, Refused };

  // A bit for each byte of a block that may need a look: for flags16 byte k's is bit k, for
  // json_escape_flags8 bit 8k+7 (`stride` below: bits a byte).
#if defined(__wasm_simd128__)
  static std::uint64_t flags16(const char* p) {
    const v128_t v = wasm_v128_load(p);
    const v128_t look = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat('"')), wasm_i8x16_eq(v, wasm_i8x16_splat('\\'))),
                                     wasm_v128_or(wasm_u8x16_lt(v, wasm_i8x16_splat(0x20)), wasm_u8x16_gt(v, wasm_i8x16_splat(0x7E))));
    return static_cast<std::uint32_t>(wasm_i8x16_bitmask(look));
  }
#endif

  // Blocks of `width` bytes at a time, and within a block from one byte that may need a look to
  // the next (a transcript has a quote or a line break every few words: stepping to them byte by
  // byte, or checking the block afresh after each, cost most of the scan). Stops with fewer
  // than `width` bytes left, or at the end of the string.
  template <int width, int stride, std::uint64_t (*flags)(const char*)>
  Step blocks(bool& ours, bool& wide) {
    while (end_ - p_ >= width) {
      const char* const block = p_;
      for (std::uint64_t flagged = flags(block); flagged; flagged &= flagged - 1) {
        const char* const at = block + __builtin_ctzll(flagged) / stride;
        if (at < p_) continue;  // the second byte of an escape already read
        p_ = at;
        if (const Step step = special(ours, wide); step != Step::Next) return step;
      }
      if (p_ < block + width) p_ = block + width;
    }
    return Step::Next;
  }

  // The byte at p_ inside a string: the closing quote (left at p_), or whatever it is the start
  // of, read (p_ moves past it).
  Step special(bool& ours, bool& wide) {
    const auto c = static_cast<unsigned char>(*p_);
    if (c == '"') return Step::Quote;
    if (c == '\\') return escape(ours) ? Step::Next : Step::Refused;
    if (c < 0x20) return Step::Refused;
    if (c >= 0x7F) {
      // 0x7F and U+2028/U+2029 are legal here, but the escaper writes them as \u escapes. What
      // is not UTF-8 is found by the check of the whole string at its end.
      if (c == 0x7F) ours = false;
      else {
        wide = true;
        if (c == 0xE2 && end_ - p_ >= 3 && static_cast<unsigned char>(p_[1]) == 0x80 &&
            (static_cast<unsigned char>(p_[2]) == 0xA8 || static_cast<unsigned char>(p_[2]) == 0xA9))
          ours = false;
      }
    }
    ++p_;
    return Step::Next;
  }

  // At a backslash inside a string.
  bool escape(bool& ours) {
    if (end_ - p_ < 2) return false;
    switch (p_[1]) {
      case '"':
      case '\\':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't': p_ += 2; return true;  // the escaper writes exactly these for these characters
      case '/': p_ += 2; ours = false; return true;
      case 'u': break;
      default: return false;
    }
    bool lower = true;
    const int code = hex4(p_ + 2, lower);
    if (code < 0) return false;
    p_ += 6;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a lone low surrogate: the reader refuses it
    if (code >= 0xD800 && code <= 0xDBFF) {
      bool unused = true;
      const int low = end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u' ? hex4(p_ + 2, unused) : -1;
      if (low < 0xDC00 || low > 0xDFFF) return false;  // lone high surrogate
      p_ += 6;
      ours = false;  // the escaper writes the character as UTF-8
      return true;
    }
    // The escaper's \u escapes: control characters without a short form, DEL, U+2028/U+2029,
    // in lowercase hex.
    const bool escaped_so = (code < 0x20 && !text::json_named_escape(static_cast<unsigned char>(code))) ||
                            code == 0x7F || code == 0x2028 || code == 0x2029;
    if (!escaped_so || !lower) ours = false;
    return true;
  }

  int hex4(const char* h, bool& lower) const {
    if (end_ - h < 4) return -1;
    int code = 0;
    for (int k = 0; k < 4; ++k) {
      const int v = text::hex_digit_value(h[k]);
      if (v < 0) return -1;
      if (h[k] >= 'A' && h[k] <= 'F') lower = false;
      code = code * 16 + v;
    }
    return code;
  }

  bool container(int depth) {
    if (depth >= kMaxDepth) return false;
    const bool object = *p_ == '{';
    const char close = object ? '}' : ']';
    ++p_;
    if (!ws()) return false;
    if (*p_ == close) {
      ++p_;
      return true;
    }
    for (;;) {
      if (object) {
        bool ours = false;
        if (*p_ != '"') return false;
        ++p_;
        if (!string(ours) || !ws() || *p_ != ':') return false;
        ++p_;
        if (!ws()) return false;
      }
      if (!value(depth + 1) || !ws()) return false;
      if (*p_ == close) {
        ++p_;
        return true;
      }
      if (*p_ != ',') return false;
      ++p_;
      if (!ws()) return false;
    }
  }

  bool word(const char* w) {
    for (; *w; ++w, ++p_)
      if (p_ >= end_ || *p_ != *w) return false;
    return true;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, refused when it may be past a double's range.
  bool number() {
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ >= end_ || !is_digit(*p_)) return false;
    int magnitude = 0;  // digits before the point, then plus the exponent
    if (*p_ == '0') ++p_;
    else
      while (p_ < end_ && is_digit(*p_)) ++p_, ++magnitude;
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (p_ >= end_ || !is_digit(*p_)) return false;
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      const bool negative = p_ < end_ && *p_ == '-';
      if (p_ < end_ && (*p_ == '-' || *p_ == '+')) ++p_;
      if (p_ >= end_ || !is_digit(*p_)) return false;
      int exponent = 0, digits = 0;
      for (; p_ < end_ && is_digit(*p_); ++p_)
        if (++digits > 4) return false;
        else exponent = exponent * 10 + (*p_ - '0');
      if (negative ? exponent > kMaxMagnitude : magnitude + exponent > kMaxMagnitude) return false;
    }
    return magnitude <= kMaxMagnitude;
  }

  const char* p_;
  const char* end_;
};

}  // namespace

std::optional<std::vector<Member>> scan(std::string_view text) {
  std::vector<Member> members;
  if (text.empty()) return members;
  if (text.size() > kMaxConversationBytes) return std::nullopt;
  members.reserve(16);
  Scanner s(text.data(), text.data() + text.size());
  if (!s.ws() || s.peek() != '{') return std::nullopt;
  s.step();
  if (!s.ws()) return std::nullopt;
  if (s.peek() == '}') {
    s.step();
  } else {
    for (;;) {
      if (s.peek() != '"') return std::nullopt;
      s.step();
      const char* key = s.at();
      bool ours = false;
      if (!s.string(ours) || !ours) return std::nullopt;  // a key with an escape is left to the reader
      Member m;
      m.key = std::string_view(key, static_cast<std::size_t>(s.at() - 1 - key));
      if (m.key.find('\\') != std::string_view::npos || !s.ws() || s.peek() != ':') return std::nullopt;
      s.step();
      if (!s.ws()) return std::nullopt;
      const char* value = s.at();
      if (s.peek() == '"') {
        s.step();
        if (!s.string(m.escaped_as_ours)) return std::nullopt;
        m.kind = Member::Kind::String;
      } else {
        if (!s.value(1)) return std::nullopt;
        if (std::string_view(value, static_cast<std::size_t>(s.at() - value)) == "null") m.kind = Member::Kind::Null;
      }
      m.value = std::string_view(value, static_cast<std::size_t>(s.at() - value));
      members.push_back(m);
      if (!s.ws()) return std::nullopt;
      if (s.peek() == '}') {
        s.step();
        break;
      }
      if (s.peek() != ',') return std::nullopt;
      s.step();
      if (!s.ws()) return std::nullopt;
    }
  }
  s.ws();
  if (!s.done()) return std::nullopt;
  return members;
}

}  // namespace tb::params_text
