#include "utf.hpp"

#include <cstring>

namespace tb::jsonata::utf {

bool is_ascii(const char* s, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  return true;
}

std::size_t utf16_length(std::string_view s) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = seq_len(c);
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::size_t byte_offset_of_unit(std::string_view s, std::size_t units) {
  std::size_t i = 0, u = 0;
  while (i < s.size() && u < units) {
    std::size_t len = seq_len(static_cast<unsigned char>(s[i]));
    u += len == 4 ? 2 : 1;
    i += len;
  }
  return i;
}

std::size_t byte_offset_of_code_point(std::string_view s, std::size_t cps) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < cps) {
    i += seq_len(static_cast<unsigned char>(s[i]));
    ++n;
  }
  return i;
}

std::size_t to_utf16(std::string_view s, char16_t* out) {
  const char* b = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0, w = 0;
  while (i < n) {
    // Runs of ASCII (most text the engine matches) are widened eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, b + i, 8);
      if (word & 0x8080808080808080ULL) break;
      for (int k = 0; k < 8; ++k) out[w + k] = static_cast<unsigned char>(b[i + k]);
      i += 8;
      w += 8;
    }
    if (i >= n) break;
    if (seq_len(static_cast<unsigned char>(b[i])) > n - i) {  // cut short (the engine's text never is)
      out[w++] = 0xFFFD;
      break;
    }
    std::uint32_t cp = next(s, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out[w++] = static_cast<char16_t>(0xD800 + (cp >> 10));
      out[w++] = static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out[w++] = static_cast<char16_t>(cp);
    }
  }
  return w;
}

std::u16string to_utf16(std::string_view s) {
  std::u16string out(s.size(), u'\0');  // never more units than bytes
  out.resize(to_utf16(s, out.data()));
  return out;
}

void append_utf16(std::string& out, const char16_t* s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t u = s[i];
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      u = 0x10000 + ((u - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    }
    append(out, u);
  }
}

namespace {
// The first UTF-16 unit of a code point, which is what JavaScript compares.
std::uint32_t first_unit(std::uint32_t cp) { return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp; }
}  // namespace

int compare(std::string_view a, std::string_view b) {
  std::size_t n = a.size() < b.size() ? a.size() : b.size();
  std::size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
  // Back up to the start of the differing code point; up to U+FFFF byte order is UTF-16
  // order, and only supplementary code points need their first surrogate compared.
  while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
  std::size_t ia = i, ib = i;
  std::uint32_t ca = next(a, ia), cb = next(b, ib);
  std::uint32_t ua = first_unit(ca), ub = first_unit(cb);
  if (ua != ub) return ua < ub ? -1 : 1;
  // Same high surrogate: compare the low surrogates (equivalently the code points).
  return ca < cb ? -1 : 1;
}

std::size_t concat_into(char* out, std::string_view a, std::string_view b) {
  std::size_t na = a.size();
  if (na >= 3 && b.size() >= 3 && static_cast<unsigned char>(a[na - 3]) == 0xED &&
      (static_cast<unsigned char>(a[na - 2]) & 0xF0) == 0xA0 && static_cast<unsigned char>(b[0]) == 0xED &&
      (static_cast<unsigned char>(b[1]) & 0xF0) == 0xB0) {
    std::size_t ia = na - 3, ib = 0;
    std::uint32_t hi = next(a, ia), lo = next(b, ib);
    std::memcpy(out, a.data(), na - 3);
    std::size_t w = na - 3 + encode(out + na - 3, 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
    std::memcpy(out + w, b.data() + 3, b.size() - 3);
    return w + b.size() - 3;
  }
  if (na) std::memcpy(out, a.data(), na);
  if (!b.empty()) std::memcpy(out + na, b.data(), b.size());
  return na + b.size();
}

void append_js(std::string& out, std::string_view piece) {
  std::size_t n = out.size();
  if (n >= 3 && piece.size() >= 3 && static_cast<unsigned char>(out[n - 3]) == 0xED &&
      (static_cast<unsigned char>(out[n - 2]) & 0xF0) == 0xA0 && static_cast<unsigned char>(piece[0]) == 0xED &&
      (static_cast<unsigned char>(piece[1]) & 0xF0) == 0xB0) {
    std::string tail = out.substr(n - 3);
    out.resize(n - 3);
    std::string joined(tail.size() + piece.size(), '\0');
    joined.resize(concat_into(&joined[0], tail, piece));
    out += joined;
    return;
  }
  out.append(piece.data(), piece.size());
}

}  // namespace tb::jsonata::utf
