#include "transcript_redaction/text_scan.hpp"

#include "ticketbridge/text/utf8.hpp"

#include "ticketbridge/text/case_fold.hpp"

namespace tb::redaction {

char32_t decode_at(std::string_view s, std::size_t i, std::size_t* len) {
  const unsigned char b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  if (i + n > s.size()) n = s.size() - i;  // cannot happen on repaired text; stay in bounds anyway
  char32_t cp = n == 4 ? (b0 & 0x07) : n == 3 ? (b0 & 0x0F) : (b0 & 0x1F);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n == 0 ? 1 : n;
  return cp;
}

char32_t decode_before(std::string_view s, std::size_t i, std::size_t* len) {
  std::size_t start = i - 1;
  // Step back over at most three continuation bytes to the lead byte.
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  std::size_t n = 0;
  const char32_t cp = decode_at(s, start, &n);
  *len = i - start;
  return cp;
}

bool is_word_letter(char32_t cp) {
  if (cp < 0xC0) return false;
  if (cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;     // Latin-1 letters, Latin Extended-A/B
  if (cp >= 0x370 && cp <= 0x6FF) return true;          // Greek, Cyrillic, Armenian, Hebrew, Arabic
  if (cp >= 0x900 && cp <= 0xDFF) return true;          // Indic scripts
  if (cp >= 0x1E00 && cp <= 0x1FFF) return true;        // Latin Extended Additional, Greek Extended
  return false;
}

bool is_word_cp(char32_t cp) {
  if (cp < 0x80) return is_alnum(static_cast<char>(cp)) || cp == '_';
  return is_word_letter(cp);
}

bool word_before(std::string_view s, std::size_t i) {
  if (i == 0) return false;
  std::size_t len = 0;
  return is_word_cp(decode_before(s, i, &len));
}

bool word_after(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  std::size_t len = 0;
  return is_word_cp(decode_at(s, i, &len));
}

std::size_t match_folded(std::string_view s, std::size_t i, std::string_view word) {
  std::size_t at = i;
  std::size_t w = 0;
  while (w < word.size()) {
    if (at >= s.size()) return 0;
    const char c = s[at];
    const char wc = word[w];
    if (static_cast<unsigned char>(c) < 0x80 && static_cast<unsigned char>(wc) < 0x80) {
      if (to_lower(c) != wc) return 0;
      ++at;
      ++w;
      continue;
    }
    std::size_t ls = 0, lw = 0;
    const char32_t a = decode_at(s, at, &ls);
    const char32_t b = decode_at(word, w, &lw);
    if (a != b && fold_case(a) != fold_case(b)) return 0;
    at += ls;
    w += lw;
  }
  return at - i;
}

std::string ascii_lower(std::string_view s, std::size_t begin, std::size_t end) {
  std::string out;
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) out += to_lower(s[i]);
  return out;
}

}  // namespace tb::redaction
