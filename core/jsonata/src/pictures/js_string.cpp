#include "pictures/js_string.hpp"

#include <algorithm>
#include <cstdint>

namespace tb::jsonata::pictures::js {
namespace {

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::ptrdiff_t clamp(std::ptrdiff_t v, std::ptrdiff_t lo, std::ptrdiff_t hi) {
  return std::min(std::max(v, lo), hi);
}

std::ptrdiff_t relative(std::ptrdiff_t v, std::ptrdiff_t len) {
  return v < 0 ? std::max<std::ptrdiff_t>(len + v, 0) : std::min(v, len);
}

}  // namespace

void append_code_point(U16& out, std::uint32_t cp) {
  if (cp < 0x10000) {
    out.push_back(static_cast<char16_t>(cp));
  } else {
    cp -= 0x10000;
    out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
    out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
  }
}

U16 from_utf8(std::string_view text) {
  U16 out;
  out.reserve(text.size());
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  auto cont = [&](std::size_t k) { return k < n && (byte(k) & 0xC0) == 0x80; };
  while (i < n) {
    const unsigned char b = byte(i);
    if (b < 0x80) {
      out.push_back(b);
      ++i;
    } else if (b >= 0xC2 && b < 0xE0 && cont(i + 1)) {
      out.push_back(static_cast<char16_t>(((b & 0x1F) << 6) | (byte(i + 1) & 0x3F)));
      i += 2;
    } else if (b >= 0xE0 && b < 0xF0 && cont(i + 1) && cont(i + 2)) {
      const std::uint32_t cp = ((b & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
      if (cp < 0x800) {
        out.push_back(0xFFFD);
        i += 1;
        continue;
      }
      out.push_back(static_cast<char16_t>(cp));  // includes encoded surrogates (WTF-8)
      i += 3;
    } else if (b >= 0xF0 && b < 0xF5 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      const std::uint32_t cp = ((b & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) |
                               ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
      if (cp < 0x10000 || cp > 0x10FFFF) {
        out.push_back(0xFFFD);
        i += 1;
        continue;
      }
      append_code_point(out, cp);
      i += 4;
    } else {
      out.push_back(0xFFFD);
      ++i;
    }
  }
  return out;
}

std::string to_utf8(U16View text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char16_t u = text[i];
    if (u >= 0xD800 && u < 0xDC00 && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] < 0xE000) {
      const std::uint32_t cp = 0x10000 + ((static_cast<std::uint32_t>(u) - 0xD800) << 10) + (text[i + 1] - 0xDC00);
      put_utf8(out, cp);
      ++i;
    } else if (u >= 0xD800 && u < 0xE000) {
      put_utf8(out, 0xFFFD);
    } else {
      put_utf8(out, u);
    }
  }
  return out;
}

std::ptrdiff_t index_of(U16View hay, U16View needle, std::ptrdiff_t from) {
  const auto len = static_cast<std::ptrdiff_t>(hay.size());
  from = clamp(from, 0, len);
  const auto pos = hay.find(needle, static_cast<std::size_t>(from));
  return pos == U16View::npos ? kNotFound : static_cast<std::ptrdiff_t>(pos);
}

std::ptrdiff_t last_index_of(U16View hay, U16View needle) {
  const auto pos = hay.rfind(needle);
  return pos == U16View::npos ? kNotFound : static_cast<std::ptrdiff_t>(pos);
}

U16View char_at(U16View s, std::ptrdiff_t i) {
  if (i < 0 || i >= static_cast<std::ptrdiff_t>(s.size())) return {};
  return s.substr(static_cast<std::size_t>(i), 1);
}

U16 substring(U16View s, std::ptrdiff_t start, std::ptrdiff_t end) {
  const auto len = static_cast<std::ptrdiff_t>(s.size());
  start = clamp(start, 0, len);
  end = clamp(end, 0, len);
  if (start > end) std::swap(start, end);
  return U16(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
}

U16 substring(U16View s, std::ptrdiff_t start) {
  return substring(s, start, static_cast<std::ptrdiff_t>(s.size()));
}

U16 slice(U16View s, std::ptrdiff_t start, std::ptrdiff_t end) {
  const auto len = static_cast<std::ptrdiff_t>(s.size());
  start = relative(start, len);
  end = relative(end, len);
  if (start >= end) return {};
  return U16(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
}

U16 slice(U16View s, std::ptrdiff_t start) { return slice(s, start, static_cast<std::ptrdiff_t>(s.size())); }

U16 substr(U16View s, std::ptrdiff_t start, std::ptrdiff_t length) {
  const auto len = static_cast<std::ptrdiff_t>(s.size());
  start = relative(start, len);
  const std::ptrdiff_t count = std::min(std::max<std::ptrdiff_t>(length, 0), len - start);
  if (count <= 0) return {};
  return U16(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(count)));
}

U16 substr(U16View s, std::ptrdiff_t start) { return substr(s, start, static_cast<std::ptrdiff_t>(s.size())); }

U16 replace_all(U16View s, U16View sep, U16View with) {
  U16 out;
  if (sep.empty()) {
    // "abc".split("").join(x) interleaves x between code units.
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i > 0) out.append(with);
      out.push_back(s[i]);
    }
    return out;
  }
  std::size_t pos = 0;
  while (true) {
    const auto hit = s.find(sep, pos);
    if (hit == U16View::npos) break;
    out.append(s.substr(pos, hit - pos));
    out.append(with);
    pos = hit + sep.size();
  }
  out.append(s.substr(pos));
  return out;
}

U16 replace_first(U16View s, U16View pattern, U16View replacement) {
  const auto hit = s.find(pattern);
  if (hit == U16View::npos) return U16(s);
  U16 out(s.substr(0, hit));
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    const char16_t c = replacement[i];
    if (c == u'$' && i + 1 < replacement.size()) {
      const char16_t n = replacement[i + 1];
      if (n == u'$') { out.push_back(u'$'); ++i; continue; }
      if (n == u'&') { out.append(pattern); ++i; continue; }
      if (n == u'`') { out.append(s.substr(0, hit)); ++i; continue; }
      if (n == u'\'') { out.append(s.substr(hit + pattern.size())); ++i; continue; }
    }
    out.push_back(c);
  }
  out.append(s.substr(hit + pattern.size()));
  return out;
}

U16 repeat(U16View str, double n) {
  U16 out;
  for (double i = 0; i < n; i += 1) out.append(str);
  return out;
}

bool is_space(char16_t c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

U16 ascii_upper(U16View s) {
  U16 out(s);
  for (auto& c : out) if (c >= u'a' && c <= u'z') c = static_cast<char16_t>(c - 32);
  return out;
}

U16 ascii_lower(U16View s) {
  U16 out(s);
  for (auto& c : out) if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c + 32);
  return out;
}

std::string json_quote(U16View s) {
  static const char* const kHex = "0123456789abcdef";
  U16 escaped;
  escaped.push_back(u'"');
  auto hex4 = [&](char16_t u) {
    escaped.append(u"\\u");
    for (int shift = 12; shift >= 0; shift -= 4) escaped.push_back(static_cast<char16_t>(kHex[(u >> shift) & 0xF]));
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char16_t c = s[i];
    switch (c) {
      case u'"': escaped.append(u"\\\""); continue;
      case u'\\': escaped.append(u"\\\\"); continue;
      case u'\b': escaped.append(u"\\b"); continue;
      case u'\f': escaped.append(u"\\f"); continue;
      case u'\n': escaped.append(u"\\n"); continue;
      case u'\r': escaped.append(u"\\r"); continue;
      case u'\t': escaped.append(u"\\t"); continue;
      default: break;
    }
    if (c < 0x20) {
      hex4(c);
    } else if (c >= 0xD800 && c < 0xDC00 && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
      escaped.push_back(c);
      escaped.push_back(s[++i]);
    } else if (c >= 0xD800 && c < 0xE000) {
      hex4(c);  // JSON.stringify escapes lone surrogates
    } else {
      escaped.push_back(c);
    }
  }
  escaped.push_back(u'"');
  return to_utf8(escaped);
}

U16 ascii(std::string_view s) { return U16(s.begin(), s.end()); }

}  // namespace tb::jsonata::pictures::js
