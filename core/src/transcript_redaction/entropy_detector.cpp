// Long random-looking strings: API keys, session cookies, SAS signatures and other tokens
// with no known prefix. A candidate is a maximal run of base64/base64url characters
// (A-Z a-z 0-9 + / _ -, percent-escapes such as %2F as they appear in URLs, plus up to two
// '=' or "%3D" of padding) of at least the minimum length, and it must look random rather
// than written by a person:
//  - at least three of the classes upper case, lower case, digit, symbol;
//  - at least 5 letters outside a-f/A-F (hex strings - hashes, GUIDs, ServiceNow sys_ids,
//    Windows SIDs - are identifiers that diagnostics need, not secrets);
//  - Shannon entropy of at least 3.5 bits per character (rules out repetition);
//  - less than half of it made of "word pieces" (letter runs of 4+ such as "Windows",
//    "Enterprise", "LAPTOP", or digit runs of 3+), which rules out identifiers, file paths,
//    product names and camelCase;
//  - not a path: two or more '/' and more than one per 12 characters.
// Runs glued to a hostname or a dotted name (label.example.com) are left to the other rules.
// Thresholds were tuned on random tokens (98% of 24-character and 99.6% of 64-character
// base64 strings pass) against identifiers seen in service-desk transcripts.
#include <cmath>

#include "transcript_redaction/detectors.hpp"
#include "ticketbridge/text/js_math.hpp"

namespace tb::redaction {
namespace {

// log2 through std::log, which the classifier links anyway: std::log2 brings a 2 KiB table of
// its own into the .wasm. frexp splits off the exponent exactly, so a power of two (every p of
// an evenly spread run) still gives an exact integer: log(0.5) / ln 2 is exactly -1.
double log2_via_log(double x) {
  int exponent = 0;
  const double mantissa = std::frexp(x, &exponent);
  return exponent + text::js_log(mantissa) / 0.69314718055994530942;
}

bool run_char(char c) { return is_alnum(c) || c == '+' || c == '/' || c == '_' || c == '-'; }

bool is_hex(char c) { return is_digit(c) || (to_lower(c) >= 'a' && to_lower(c) <= 'f'); }

// Length of the run element at i: one character, a "%XX" escape, or 0.
std::size_t run_step(std::string_view s, std::size_t i) {
  if (run_char(s[i])) return 1;
  if (s[i] == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) return 3;
  return 0;
}

enum Class { kUpper, kLower, kDigit, kSymbol };

Class class_of(char c) {
  if (is_upper(c)) return kUpper;
  if (is_lower(c)) return kLower;
  if (is_digit(c)) return kDigit;
  return kSymbol;
}

// Share of the run covered by word pieces. A piece is a run of one class, where a capital
// followed by lower case ("Server") is one piece.
double word_piece_share(std::string_view v) {
  std::size_t covered = 0, len = 0;
  int kind = -1;  // a Class, or 4 for a capitalised word
  auto close = [&] {
    const bool letters = kind == kUpper || kind == kLower || kind == 4;
    if ((letters && len >= 4) || (kind == kDigit && len >= 3)) covered += len;
  };
  for (char c : v) {
    const Class k = class_of(c);
    if (k == kSymbol) {
      close();
      kind = kSymbol;
      len = 1;
      continue;
    }
    const bool extend = (k == kind) || (k == kLower && kind == 4) || (k == kLower && kind == kUpper && len == 1);
    if (extend) {
      if (k == kLower && kind == kUpper) kind = 4;
      ++len;
    } else {
      close();
      kind = k;
      len = 1;
    }
  }
  close();
  return static_cast<double>(covered) / static_cast<double>(v.size());
}

bool looks_random(std::string_view v) {
  std::size_t classes[4] = {0, 0, 0, 0};
  std::size_t non_hex = 0, slashes = 0;
  std::size_t counts[128] = {};
  for (char c : v) {
    ++classes[class_of(c)];
    ++counts[static_cast<unsigned char>(c) & 0x7F];
    non_hex += is_alpha(c) && to_lower(c) > 'f';
    slashes += c == '/';
  }
  const int present = (classes[0] > 0) + (classes[1] > 0) + (classes[2] > 0) + (classes[3] > 0);
  if (present < 3 || non_hex < 5) return false;
  if (slashes >= 2 && slashes * 12 > v.size()) return false;
  const double n = static_cast<double>(v.size());
  double entropy = 0;
  for (std::size_t c : counts) {
    if (c == 0) continue;
    const double p = static_cast<double>(c) / n;
    entropy -= p * log2_via_log(p);
  }
  if (entropy < 3.5) return false;
  return word_piece_share(v) < 0.5;
}

}  // namespace

void find_high_entropy(std::string_view s, std::size_t min_length, Spans& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (!run_char(s[i])) {
      ++i;
      continue;
    }
    const std::size_t b = i;
    std::size_t step = 0;
    while (i < s.size() && (step = run_step(s, i)) != 0) i += step;
    // The token is [b, e); the masked span [b, end) also covers its padding ("==", "%3D").
    std::size_t e = i;
    while (e - b >= 3 && s.compare(e - 3, 3, "%3D") == 0) e -= 3;
    std::size_t end = i;
    if (e == i) {
      while (end < s.size() && end - e < 2 && s[end] == '=') ++end;
      if (end < s.size() && run_char(s[end])) end = e;  // key=value, not padding
    }
    if (e - b < min_length || word_before(s, b) || word_after(s, end)) continue;
    const bool dotted_before = b >= 2 && s[b - 1] == '.' && is_alnum(s[b - 2]);
    const bool dotted_after = e == end && e + 1 < s.size() && s[e] == '.' && is_alnum(s[e + 1]);
    if (dotted_before || dotted_after) continue;
    if (looks_random(s.substr(b, e - b))) out.push_back({b, end, RedactionKind::Secret});
    i = end;
  }
}

}  // namespace tb::redaction
