// Case folding is table-free on purpose: a few arithmetic ranges cover the scripts category
// lists are written in without pulling Unicode data tables into the WASM binary. Anything
// outside them compares as written, which is still correct, only case-sensitive.
#include "categories/text_normalise.hpp"

#include <cstdint>
#include <cstring>

#include "ticketbridge/text/utf8.hpp"

namespace tb::categories {

char32_t next_code_point(std::string_view s, std::size_t& i) { return utf8::decode(s, i); }

char32_t fold_case(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x178) return 0xFF;
    if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    // Latin Extended-A pairs capitals with the next code point; the parity flips after U+0138
    // and again at U+0149.
    const bool odd_capitals = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    return (c % 2 == (odd_capitals ? 1u : 0u)) ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c == 0x3C2) return 0x3C3;  // final sigma compares as sigma
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0xFF21 && c <= 0xFF3A) return c - 0xFF21 + 'a';
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  return c;
}

bool is_space(char32_t c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200B;
  }
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == 0xAA || c == 0xB5 || c == 0xBA) return true;  // letters among Latin-1 signs
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;   // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;   // CJK punctuation
  if (c >= 0xD800 && c <= 0xF8FF) return false;   // surrogates, private use
  if (c >= 0xFE00 && c <= 0xFE6F) return false;   // variation selectors, small forms
  if (c >= 0xFF00 && c <= 0xFF65) {               // fullwidth: only letters and digits
    return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
           (c >= 0xFF41 && c <= 0xFF5A);
  }
  if (c >= 0xFFF0 && c <= 0xFFFF) return false;   // specials, U+FFFD
  if (c >= 0x1F000 && c <= 0x1FAFF) return false; // emoji and pictographs
  return true;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

std::string comparison_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // the common case, without decoding
      ++i;
      if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
      out += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
      continue;
    }
    const char32_t cp = next_code_point(s, i);
    if (!is_space(cp)) utf8::append(out, fold_case(cp));
  }
  return out;
}

namespace {

// Walks the comparison key of a string one folded code point at a time.
class KeyCursor {
 public:
  explicit KeyCursor(std::string_view s) : s_(s) {}
  // Next folded, non-space code point; 0 at the end (NUL never reaches a category name, and
  // if it did both sides would still compare consistently).
  inline char32_t next() {
    while (i_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c < 0x80) {
        ++i_;
        if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
      }
      const char32_t cp = next_code_point(s_, i_);
      if (!is_space(cp)) return fold_case(cp);
    }
    return 0;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

// The hash of the comparison key (folded, spaces dropped) as UTF-8 bytes, eight bytes to a
// word and one multiply per word: FNV-1a's multiply per character, behind a per-character
// cursor, was a fifth of importing 1,000 rows. Equal keys give equal hashes; a collision only
// costs one comparison_equal. The input is read eight bytes at a time; the printable ASCII
// bytes at the front of each block go into the key together, and only a space, a control or
// a non-ASCII character is taken one at a time.
std::uint64_t comparison_hash(std::string_view s) {
  auto mix = [](std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 32);
  };
  std::uint64_t h = 0x9E3779B97F4A7C15ULL, w = 0;
  unsigned n = 0;  // key bytes waiting in w
  std::size_t total = 0;
  // Appends m (1 to 8) key bytes: the low bytes of x, whose other bytes are zero.
  auto add = [&](std::uint64_t x, unsigned m) {
    total += m;
    w |= x << (8 * n);
    if (n + m < 8) {
      n += m;
      return;
    }
    h = mix(h, w);
    w = n ? x >> (64 - 8 * n) : 0;
    n = n + m - 8;
  };
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned m = s.size() - i < 8 ? static_cast<unsigned>(s.size() - i) : 8u;
    std::uint64_t x = 0;
    std::memcpy(&x, s.data() + i, m);
    // Printable ASCII is 0x21..0x7F here (no space, no control byte, nothing >= 0x80); bytes
    // past the end count as printable so they never stop the block.
    const std::uint64_t y = m < 8 ? x | ((ones * 0x21) << (8 * m)) : x;
    const bool all_printable = !(y & highs) && !((y - ones * 0x21) & ~y & highs);
    unsigned k = m;  // printable bytes at the front of the block
    if (!all_printable) {
      k = 0;
      while (k < m) {
        const auto b = static_cast<unsigned char>(x >> (8 * k));
        if (b < 0x21 || b >= 0x80) break;
        ++k;
      }
    }
    if (k > 0) {
      if (k < 8) x &= ~0ULL >> (64 - 8 * k);
      // Capitals are the bytes in 'A'..'Z', folded by setting their 0x20 bit.
      const std::uint64_t upper = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) & highs;
      add(x | (upper >> 2), k);
      i += k;
      if (k == m) continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
      add(c, 1);  // a control byte other than white space: kept as it is
      continue;
    }
    const char32_t cp = next_code_point(s, i);
    if (is_space(cp)) continue;
    char bytes[4];
    const std::size_t len = utf8::encode(bytes, fold_case(cp));
    for (std::size_t b = 0; b < len; ++b) add(static_cast<unsigned char>(bytes[b]), 1);
  }
  return mix(mix(h, w), total);
}

bool comparison_equal(std::string_view a, std::string_view b) {
  if (a == b) return true;  // the usual case: a category spelled as on an earlier row
  KeyCursor x(a), y(b);
  for (;;) {
    const char32_t p = x.next(), q = y.next();
    if (p != q) return false;
    if (!p) return true;
  }
}

std::string_view trim_blanks(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

std::string shorten(std::string_view s, std::size_t max_chars) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < max_chars) {
    next_code_point(s, i);
    ++n;
  }
  if (i >= s.size()) return std::string(s);
  return std::string(s.substr(0, i)) + "...";
}

namespace {
bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
}  // namespace

bool WordReader::next(std::string& word) {
  word.clear();
  const std::string_view s = text_;
  while (pos_ < s.size()) {
    std::size_t at = pos_;
    const char32_t cp = next_code_point(s, at);
    if (is_word_char(cp)) {
      utf8::append(word, fold_case(cp));
      pos_ = at;
      continue;
    }
    if (!word.empty() && is_apostrophe(cp) && at < s.size()) {
      std::size_t after = at;
      if (is_word_char(next_code_point(s, after))) {  // "doesn't": skip the apostrophe
        pos_ = at;
        continue;
      }
    }
    pos_ = at;
    if (!word.empty()) return true;
  }
  return !word.empty();
}

}  // namespace tb::categories
