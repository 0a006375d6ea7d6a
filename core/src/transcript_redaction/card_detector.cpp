// Payment-card numbers: 13 to 19 digits, whole groups separated by single spaces or dashes,
// with an issuer prefix that fits the length, and passing the Luhn check. The check is what
// keeps serial and order numbers of the same length out (only one in ten random numbers
// passes it); the prefixes keep out IMEIs (15 digits, Luhn-valid, mostly 35...) and ISBNs.
#include "transcript_redaction/detectors.hpp"

namespace tb::redaction {
namespace {

constexpr std::size_t kMaxCardGroups = 12;
constexpr std::size_t kMaxCardRunDigits = 60;

struct DigitGroup {
  std::size_t begin, end;
};

// Visa 13 (4), Diners 14 (30/36/38/39), Amex 15 (34/37), 16 digits for most networks
// (Mastercard 2/5, Visa 4, Discover/UnionPay/Maestro 6, JCB 35), 17-19 (Visa, UnionPay,
// Maestro, Discover, JCB).
bool issuer_fits(char d0, char d1, std::size_t digits) {
  switch (digits) {
    case 13: return d0 == '4';
    case 14: return d0 == '3';
    case 15: return d0 == '3' && (d1 == '4' || d1 == '7');
    case 16: return d0 >= '2' && d0 <= '6';
    default: return d0 >= '3' && d0 <= '6';
  }
}

bool luhn_valid(std::string_view s, const DigitGroup* groups, std::size_t a, std::size_t b) {
  unsigned sum = 0;
  bool twice = false;
  for (std::size_t g = b + 1; g-- > a;) {
    for (std::size_t i = groups[g].end; i-- > groups[g].begin;) {
      unsigned d = static_cast<unsigned>(s[i] - '0');
      if (twice) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      twice = !twice;
    }
  }
  return sum % 10 == 0;
}

bool card_start_ok(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  std::size_t len = 0;
  const char32_t cp = decode_before(s, i, &len);
  if (is_word_cp(cp)) return false;
  const std::size_t before = i - len;
  if ((cp == '.' || cp == ',' || cp == ':' || cp == '/' || cp == '-') && before > 0 && word_before(s, before)) return false;
  return true;
}

bool card_end_ok(std::string_view s, std::size_t e) {
  if (e >= s.size()) return true;
  std::size_t len = 0;
  if (is_word_cp(decode_at(s, e, &len))) return false;
  if (e + 1 < s.size() && (s[e] == '.' || s[e] == ',' || s[e] == ':' || s[e] == '/') && is_alnum(s[e + 1])) return false;
  return true;
}

// Every run of groups [a, b] holding 13-19 digits that passes the checks; the longest first,
// and scanning resumes after each match. A run never cuts through a dash ("12-4111...").
void pick_cards(std::string_view s, const DigitGroup* g, std::size_t count, Spans& out) {
  std::size_t a = 0;
  while (a < count) {
    bool found = false;
    if (a == 0 || s[g[a].begin - 1] == ' ') {
      const char d0 = s[g[a].begin];
      // The second digit may open the next group ("3 782...": unusual, but cheap to allow).
      const char d1 = g[a].end - g[a].begin >= 2 ? s[g[a].begin + 1] : (a + 1 < count ? s[g[a + 1].begin] : '0');
      for (std::size_t b = count; b-- > a;) {
        if (b + 1 < count && s[g[b].end] != ' ') continue;
        std::size_t digits = 0;
        for (std::size_t k = a; k <= b; ++k) digits += g[k].end - g[k].begin;
        if (digits < 13 || digits > 19 || !issuer_fits(d0, d1, digits) || !luhn_valid(s, g, a, b)) continue;
        out.push_back({g[a].begin, g[b].end, RedactionKind::Card});
        a = b + 1;
        found = true;
        break;
      }
    }
    if (!found) ++a;
  }
}

}  // namespace

void find_cards(std::string_view s, Spans& out) {
  DigitGroup groups[kMaxCardGroups];
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_digit(s[i]) || !card_start_ok(s, i)) {
      ++i;
      continue;
    }
    std::size_t count = 0, digits = 0, p = i;
    bool overlong = false;
    for (;;) {
      const std::size_t b = p;
      while (p < s.size() && is_digit(s[p])) ++p;
      digits += p - b;
      if (count < kMaxCardGroups) {
        groups[count++] = {b, p};
      } else {
        overlong = true;
      }
      if (p + 1 < s.size() && (s[p] == ' ' || s[p] == '-') && is_digit(s[p + 1])) {
        ++p;
        continue;
      }
      break;
    }
    if (!overlong && digits <= kMaxCardRunDigits && card_end_ok(s, p)) pick_cards(s, groups, count, out);
    i = p;
  }
}

}  // namespace tb::redaction
