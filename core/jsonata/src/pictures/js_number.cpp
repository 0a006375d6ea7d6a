#include "pictures/js_number.hpp"

#include "numbers.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tb::jsonata::pictures::js {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string number_to_string(double value) {
  std::string out;
  num::append(out, value);  // one JavaScript number printer for the whole engine
  return out;
}

double string_to_number(std::string_view text) {
  std::size_t b = 0;
  std::size_t e = text.size();
  while (b < e && is_space(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && is_space(static_cast<unsigned char>(text[e - 1]))) --e;
  const std::string s(text.substr(b, e - b));
  if (s.empty()) return 0;
  if (s == "Infinity" || s == "+Infinity") return HUGE_VAL;
  if (s == "-Infinity") return -HUGE_VAL;
  // StrDecimalLiteral: [+-] (digits [. digits?] | . digits) [(e|E) [+-] digits]
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  std::size_t mantissa_digits = 0;
  while (i < s.size() && is_digit(s[i])) { ++i; ++mantissa_digits; }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) { ++i; ++mantissa_digits; }
  }
  if (mantissa_digits == 0) return NAN;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < s.size() && is_digit(s[i])) { ++i; ++exponent_digits; }
    if (exponent_digits == 0) return NAN;
  }
  if (i != s.size()) return NAN;
  return std::strtod(s.c_str(), nullptr);
}

std::string to_fixed(double value, int digits) {
  if (std::isnan(value)) return "NaN";
  if (std::fabs(value) >= 1e21) return number_to_string(value);
  std::string sign;
  if (value < 0) {
    sign = "-";
    value = -value;
  }
  // toFixed rounds half away from zero on the exact value; printf rounds correctly but ties to
  // even. Print 40 digits past the cut: unless all but the first of them are zeros (an exact
  // tie, or a carry out of a run of nines), the first one decides. Otherwise print the exact
  // expansion (at most 21 + 1074 digits for a double below 1e21) and decide on that.
  static constexpr int kGuard = 40;
  static constexpr int kExact = 1100;
  char buf[kExact + 32];
  std::snprintf(buf, sizeof buf, "%.*f", digits + kGuard, value);
  std::string text(buf);
  std::size_t dot = text.find('.');
  if (text.find_first_not_of('0', dot + 2 + static_cast<std::size_t>(digits)) == std::string::npos) {
    std::snprintf(buf, sizeof buf, "%.*f", kExact, value);
    text = buf;
    dot = text.find('.');
  }
  std::string kept = text.substr(0, dot) + text.substr(dot + 1, static_cast<std::size_t>(digits));
  if (text[dot + 1 + static_cast<std::size_t>(digits)] >= '5') {
    std::size_t i = kept.size();
    while (i > 0) {
      --i;
      if (kept[i] == '9') {
        kept[i] = '0';
      } else {
        ++kept[i];
        break;
      }
      if (i == 0) kept.insert(kept.begin(), '1');
    }
  }
  const std::size_t int_len = kept.size() - static_cast<std::size_t>(digits);
  std::string out = sign + kept.substr(0, int_len);
  if (digits > 0) out += "." + kept.substr(int_len);
  return out;
}

double parse_int(U16View text) {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == u'-' || text[i] == u'+')) {
    negative = text[i] == u'-';
    ++i;
  }
  bool hex = false;
  if (i + 1 < text.size() && text[i] == u'0' && (text[i + 1] == u'x' || text[i + 1] == u'X')) {
    hex = true;
    i += 2;
  }
  std::string digits = hex ? "0x" : "";
  const std::size_t start = digits.size();
  for (; i < text.size(); ++i) {
    const char16_t c = text[i];
    const bool ok = (c >= u'0' && c <= u'9') ||
                    (hex && ((c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')));
    if (!ok) break;
    digits.push_back(static_cast<char>(c));
  }
  if (digits.size() == start) return NAN;
  const double magnitude = std::strtod(digits.c_str(), nullptr);
  return negative ? -magnitude : magnitude;
}

double math_round(double value) {
  if (!std::isfinite(value) || value == std::floor(value)) return value;
  if (value > 0 && value < 0.5) return 0.0;
  if (value < 0 && value >= -0.5) return -0.0;
  double r = std::floor(value);
  if (value - r >= 0.5) r += 1;
  return r;
}

double round_half_even(double value, int precision) {
  // Shift the decimal point through the string form, exactly as the reference does, so that
  // e.g. 1.005 is seen as "1.005" and not as 1.00499999...
  auto shift = [](double v, int places) {
    const std::string s = number_to_string(v);
    const std::size_t e = s.find('e');
    std::string mantissa = s.substr(0, e);
    double exponent = places;
    if (e != std::string::npos) exponent += string_to_number(s.substr(e + 1));
    return string_to_number(mantissa + "e" + number_to_string(exponent));
  };
  if (precision != 0) value = shift(value, precision);
  double result = math_round(value);
  const double diff = result - value;
  if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (precision != 0) result = shift(result, -precision);
  if (result == 0) result = 0;  // no negative zero
  return result;
}

}  // namespace tb::jsonata::pictures::js
