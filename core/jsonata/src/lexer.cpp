#include "lexer.hpp"

#include <cmath>
#include <cstring>

#include "arena.hpp"
#include "numbers.hpp"
#include "utf.hpp"

namespace tb::jsonata {
namespace {



bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Length of the longest prefix of s matching 0|[1-9][0-9]*, (\.[0-9]+)?, ([Ee][-+]?[0-9]+)?;
// 0 when s does not start with a digit.
std::size_t number_prefix(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return 0;
  if (s[i] == '0') ++i;
  else while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i + 1 < s.size() && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
    i += 2;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && s[j] >= '0' && s[j] <= '9') {
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      i = j;
    }
  }
  return i;
}

}  // namespace

namespace {
// Tables rather than strchr: the lexer asks for every byte of every name.
struct CharClasses {
  bool op[256] = {};
  bool name_end[256] = {};  // whitespace or an operator character: where a name stops
  bool space[256] = {};
  constexpr CharClasses() {
    for (const char* p = ".[]{}(),@#;:?+-*/%|=<>^&!~"; *p; ++p) op[static_cast<unsigned char>(*p)] = name_end[static_cast<unsigned char>(*p)] = true;
    for (const char* p = " \t\n\r\v"; *p; ++p) space[static_cast<unsigned char>(*p)] = name_end[static_cast<unsigned char>(*p)] = true;
  }
};
constexpr CharClasses kChars;

bool is_space(char c) { return kChars.space[static_cast<unsigned char>(c)]; }

}  // namespace

bool is_operator_char(char c) { return kChars.op[static_cast<unsigned char>(c)]; }

Lexer::Lexer(std::string_view src, Arena& strings) : src_(src), strings_(strings), ascii_(utf::is_ascii(src.data(), src.size())) {}

std::uint32_t Lexer::units_slow(std::size_t byte) {
  if (byte > src_.size()) byte = src_.size();
  if (byte < cache_byte_) {
    cache_byte_ = 0;
    cache_units_ = 0;
  }
  while (cache_byte_ < byte) {
    std::size_t len = utf::seq_len(static_cast<unsigned char>(src_[cache_byte_]));
    cache_units_ += len == 4 ? 2 : 1;
    cache_byte_ += len;
  }
  return cache_units_;
}

bool Lexer::fail(LexError& err, const char* code, std::size_t at, std::string token, bool has_token) {
  err.code = code;
  err.position = units_at(at);
  err.token = std::move(token);
  err.has_token = has_token;
  return false;
}

bool Lexer::scan_regex(Token& out, LexError& err) {
  // The opening '/' has been consumed. A closing '/' counts when it is outside brackets
  // and preceded by an even number of backslashes.
  std::size_t start = pos_;
  int depth = 0;
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (c == '/' && depth == 0) {
      std::size_t backslashes = 0;
      while (pos_ >= backslashes + 1 && src_[pos_ - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) {
        if (pos_ == start) return fail(err, "S0301", pos_);
        out.text = src_.substr(start, pos_ - start);
        ++pos_;
        std::size_t fstart = pos_;
        while (pos_ < src_.size() && (src_[pos_] == 'i' || src_[pos_] == 'm')) ++pos_;
        out.flags = src_.substr(fstart, pos_ - fstart);
        out.type = Tok::Regex;
        out.position = units_at(pos_);
        return true;
      }
    }
    bool escaped = pos_ > 0 && src_[pos_ - 1] == '\\';
    if ((c == '(' || c == '[' || c == '{') && !escaped) ++depth;
    if ((c == ')' || c == ']' || c == '}') && !escaped) --depth;
    ++pos_;
  }
  return fail(err, "S0302", pos_);
}

bool Lexer::scan_string(char quote, Token& out, LexError& err) {
  ++pos_;
  // Most literals are plain ASCII without escapes: copied as they are.
  for (std::size_t j = pos_; j < src_.size(); ++j) {
    const unsigned char b = static_cast<unsigned char>(src_[j]);
    if (b == static_cast<unsigned char>(quote)) {
      out.type = Tok::String;
      out.text = src_.substr(pos_, j - pos_);
      pos_ = j + 1;
      out.position = units_at(pos_);
      return true;
    }
    if (b == '\\' || b >= 0x80) break;
  }
  // Built as UTF-16 so that \u escapes forming a surrogate pair join as JavaScript's do.
  std::u16string units;
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (c == '\\') {
      ++pos_;
      char e = pos_ < src_.size() ? src_[pos_] : '\0';
      switch (e) {
        case '"': units += u'"'; break;
        case '\\': units += u'\\'; break;
        case '/': units += u'/'; break;
        case 'b': units += u'\b'; break;
        case 'f': units += u'\f'; break;
        case 'n': units += u'\n'; break;
        case 'r': units += u'\r'; break;
        case 't': units += u'\t'; break;
        case 'u': {
          std::size_t avail = src_.size() - pos_ - 1;
          std::size_t n = avail < 4 ? avail : 4;
          bool ok = n > 0;
          for (std::size_t k = 0; k < n; ++k) ok = ok && is_hex(src_[pos_ + 1 + k]);
          if (!ok) return fail(err, "S0104", pos_);
          unsigned v = 0;
          for (std::size_t k = 0; k < n; ++k) {
            char h = src_[pos_ + 1 + k];
            v = v * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
          }
          units += static_cast<char16_t>(v);
          pos_ += 4;
          break;
        }
        default: {
          std::size_t at = pos_;
          std::string tok;
          if (pos_ < src_.size()) {
            std::size_t j = pos_;
            utf::append(tok, utf::next(src_, j));
          }
          return fail(err, "S0103", at, tok, true);
        }
      }
      ++pos_;
    } else if (c == quote) {
      ++pos_;
      std::string decoded;
      utf::append_utf16(decoded, units.data(), units.size());
      const char* kept = strings_.copy(decoded.data(), decoded.size());
      if (!kept) return fail(err, "JSONATA_MEMORY_LIMIT", pos_);
      out.type = Tok::String;
      out.text = std::string_view(kept, decoded.size());
      out.position = units_at(pos_);
      return true;
    } else {
      std::uint32_t cp = utf::next(src_, pos_);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units += static_cast<char16_t>(0xD800 + (cp >> 10));
        units += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
      } else {
        units += static_cast<char16_t>(cp);
      }
    }
  }
  return fail(err, "S0101", src_.size());
}

bool Lexer::next(bool infix, Token& out, LexError& err) {
  // The position is kept in a local and stored back once: stores through `out` might alias
  // pos_, so the loops below would otherwise reload and store it for every byte. Only the
  // fields the token's type uses are set (the parser reads nothing else).
  const char* const s = src_.data();
  const std::size_t n = src_.size();
  std::size_t p = pos_;
  for (;;) {
    while (p < n && is_space(s[p])) ++p;
    if (p + 1 < n && s[p] == '/' && s[p + 1] == '*') {
      const std::size_t start = p;
      p += 2;
      while (!(p + 1 < n && s[p] == '*' && s[p + 1] == '/')) {
        if (p >= n) {
          pos_ = p;
          return fail(err, "S0106", start);
        }
        ++p;
      }
      p += 2;
      continue;
    }
    break;
  }
  pos_ = p;
  if (p >= n) {
    out.type = Tok::End;
    out.text = {};
    out.position = units_at(p);
    return true;
  }
  const char c = s[p];
  if (is_operator_char(c)) {
    if (!infix && c == '/') {
      ++pos_;
      return scan_regex(out, err);
    }
    // The two-character operators: .. := != >= <= ** ~> ?: ??
    std::size_t len = 1;
    if (p + 1 < n) {
      const char d = s[p + 1];
      switch (c) {
        case '.': len = d == '.' ? 2 : 1; break;
        case ':': case '!': case '>': case '<': len = d == '=' ? 2 : 1; break;
        case '*': len = d == '*' ? 2 : 1; break;
        case '~': len = d == '>' ? 2 : 1; break;
        case '?': len = d == ':' || d == '?' ? 2 : 1; break;
        default: break;
      }
    }
    out.type = Tok::Operator;
    out.text = std::string_view(s + p, len);
    pos_ = p + len;
    out.position = units_at(pos_);
    return true;
  }
  if (c == '"' || c == '\'') return scan_string(c, out, err);
  if (c >= '0' && c <= '9') {
    std::size_t nlen = number_prefix(src_.substr(p));
    std::string_view lit = src_.substr(p, nlen);
    double d = num::parse_decimal(lit.data(), lit.size());
    if (!std::isfinite(d)) return fail(err, "S0102", p, std::string(lit), true);
    pos_ = p + nlen;
    out.type = Tok::Number;
    out.text = {};
    out.num = d;
    out.position = units_at(pos_);
    return true;
  }
  if (c == '`') {
    std::size_t end = src_.find('`', p + 1);
    if (end == std::string_view::npos) {
      pos_ = n;
      return fail(err, "S0105", pos_);
    }
    out.type = Tok::Name;
    out.text = std::string_view(s + p + 1, end - p - 1);
    pos_ = end + 1;
    out.position = units_at(pos_);
    return true;
  }
  std::size_t i = p;
  while (i < n && !kChars.name_end[static_cast<unsigned char>(s[i])]) ++i;
  pos_ = i;
  if (c == '$') {
    out.type = Tok::Variable;
    out.text = std::string_view(s + p + 1, i - p - 1);
  } else {
    const std::string_view name(s + p, i - p);
    out.type = Tok::Name;
    switch (name.size()) {
      case 2:
        if (name == "or" || name == "in") out.type = Tok::Operator;
        break;
      case 3:
        if (name == "and") out.type = Tok::Operator;
        break;
      case 4:
        if (name == "true" || name == "null") {
          out.type = Tok::Value;
          out.value = name == "null" ? 0 : 1;
        }
        break;
      case 5:
        if (name == "false") {
          out.type = Tok::Value;
          out.value = 2;
        }
        break;
      default: break;
    }
    out.text = name;
  }
  out.position = units_at(i);
  return true;
}

}  // namespace tb::jsonata
