// Phone numbers: cut the text into maximal digit-group tokens ("+44 (0)20 7946 0958"), then
// let phone_shape.cpp decide which prefix of a token, if any, is a phone number. Each token
// is scanned once and the scan resumes after it, which keeps the whole pass linear.
#include "transcript_redaction/detectors.hpp"
#include "transcript_redaction/phone_shape.hpp"

namespace tb::redaction {
namespace {

using phone::Group;
using phone::Token;

// Separator between two groups: its kind (see Group::sep) and byte length, or 0.
std::size_t separator_at(std::string_view s, std::size_t p, char* sep) {
  if (p >= s.size()) return 0;
  const char c = s[p];
  if (c == ' ' || c == '-' || c == '.' || c == '/') {
    *sep = c;
    return 1;
  }
  if (s.compare(p, 2, "\xC2\xA0") == 0) {  // no-break space
    *sep = ' ';
    return 2;
  }
  if (s.compare(p, 3, "\xE2\x80\xAF") == 0) {  // narrow no-break space (French typography)
    *sep = ' ';
    return 3;
  }
  return 0;
}

bool group_at(std::string_view s, std::size_t p, Group& g) {
  if (p >= s.size()) return false;
  if (s[p] == '(') {
    std::size_t q = p + 1;
    while (q < s.size() && q - p <= 6 && is_digit(s[q])) ++q;  // bounded: "(((((1..." stays linear
    const std::size_t digits = q - p - 1;
    if (digits == 0 || digits > 5 || q >= s.size() || s[q] != ')') return false;
    g = Group{p, q + 1, digits, true, 0};
    return true;
  }
  if (!is_digit(s[p])) return false;
  std::size_t q = p;
  while (q < s.size() && is_digit(s[q])) ++q;
  g = Group{p, q, q - p, false, 0};
  return true;
}

bool scan_token(std::string_view s, std::size_t i, Token& t) {
  t.groups.clear();
  t.plus = false;
  t.overlong = false;
  t.begin = i;
  std::size_t p = i;
  if (s[p] == '+') {
    t.plus = true;
    ++p;
  }
  Group g{};
  if (!group_at(s, p, g)) return false;
  t.groups.push_back(g);
  std::size_t digits = g.digits;
  p = g.end;
  for (;;) {
    char sep = 0;
    std::size_t len = 0;
    const bool glued = p < s.size() && (s[p] == '(' || (g.paren && is_digit(s[p])));
    if (!glued && (len = separator_at(s, p, &sep)) == 0) break;
    if (!group_at(s, p + len, g)) break;
    g.sep = sep;
    digits += g.digits;
    if (t.groups.size() >= phone::kMaxGroups || digits > phone::kMaxDigits) {
      t.overlong = true;  // keep consuming, so the scan resumes after the whole run
    } else {
      t.groups.push_back(g);
    }
    p = g.end;
  }
  if (digits > phone::kMaxDigits) t.overlong = true;
  t.end = p;
  return true;
}

bool is_currency(char32_t cp) { return cp == '$' || cp == 0xA3 || cp == 0xA5 || cp == 0x20AC || cp == 0x20B9; }

// Digits glued to a word, a code (#123), an amount ($5) or another number (10:30, 3.14).
bool phone_start_ok(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  std::size_t len = 0;
  const char32_t cp = decode_before(s, i, &len);
  if (is_word_cp(cp) || is_currency(cp)) return false;
  if (cp == '+' || cp == '#' || cp == '@' || cp == '&' || cp == '\\' || cp == '%') return false;
  const std::size_t before = i - len;
  if ((cp == '-' || cp == '.' || cp == '/') && before > 0 && word_before(s, before)) return false;
  if ((cp == ':' || cp == ',') && before > 0 && is_digit(s[before - 1])) return false;
  return true;
}

bool phone_end_ok(std::string_view s, std::size_t e) {
  if (e >= s.size()) return true;
  std::size_t len = 0;
  const char32_t cp = decode_at(s, e, &len);
  if (is_word_cp(cp) || cp == '@' || cp == '%' || is_currency(cp)) return false;
  if (e + 1 < s.size()) {
    const char next = s[e + 1];
    if ((cp == ',' || cp == ':' || cp == '.') && is_digit(next)) return false;
    if ((cp == '-' || cp == '/') && (is_alnum(next) || next == '_')) return false;
  }
  return true;
}

// "ext. 123", "x123", "#12", "poste 12", "Durchwahl 12" after the number; returns the new end.
std::size_t extension_end(std::string_view s, std::size_t e) {
  std::size_t q = e;
  if (q < s.size() && s[q] == ',') ++q;
  for (int n = 0; n < 2 && q < s.size() && s[q] == ' '; ++n) ++q;
  std::size_t kw = 0;
  for (std::string_view word : {"extension", "extn", "ext", "poste", "durchwahl", "x", "#"}) {
    if ((kw = match_folded(s, q, word)) != 0) break;
  }
  if (kw == 0) return e;
  q += kw;
  if (q < s.size() && s[q] == '.') ++q;
  if (q < s.size() && s[q] == ':') ++q;
  if (q < s.size() && s[q] == ' ') ++q;
  const std::size_t digits = q;
  while (q < s.size() && q - digits < 7 && is_digit(s[q])) ++q;
  if (q == digits || q - digits > 6 || word_after(s, q)) return e;
  return q;
}

// How many leading groups form the phone number (0 = none). Shapes first, so a number followed
// by an unrelated count ("555-123-4567 2 times") keeps the count.
std::size_t accepted_groups(std::string_view s, const Token& t, int cue) {
  if (cue < 0 && !t.plus) return 0;
  for (std::size_t k = t.groups.size(); k >= 1; --k) {
    if (phone::has_phone_shape(s, t, k) && !phone::is_grouped_amount(s, t, k)) return k;
  }
  if (cue > 0) {
    // A lone digit after the number is a count or a day, not part of it ("call 5551234 2 times").
    for (std::size_t k = t.groups.size(); k >= 1; --k) {
      const std::size_t d = phone::digit_count(t, k);
      if (d >= 7 && d <= 15 && (k == 1 || t.groups[k - 1].digits >= 2)) return k;
    }
  }
  return 0;
}

}  // namespace

void find_phones(std::string_view s, Spans& out) {
  Token t;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (!(is_digit(c) || c == '+' || c == '(') || !phone_start_ok(s, i) || !scan_token(s, i, t)) {
      ++i;
      continue;
    }
    // No rule accepts fewer than 7 digits; skipping those early spares the cue lookback.
    if (t.overlong || phone::digit_count(t, t.groups.size()) < 7) {
      i = t.end;
      continue;
    }
    const std::size_t ext = extension_end(s, t.end);
    if ((ext == t.end && !phone_end_ok(s, t.end)) || phone::is_other_number(s, t)) {
      i = t.end;
      continue;
    }
    const std::size_t k = accepted_groups(s, t, phone::cue_before(s, t.begin));
    if (k == 0) {
      i = t.end;
      continue;
    }
    const std::size_t end = k == t.groups.size() ? ext : t.groups[k - 1].end;
    out.push_back({t.begin, end, RedactionKind::Phone});
    i = end;
  }
}

}  // namespace tb::redaction
