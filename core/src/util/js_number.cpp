// JavaScript's Number::toString: the shortest digit string that reads back as the same
// double, laid out by ECMA-262's rules (plain notation for exponents in [-6, 21), exponent
// form otherwise). Emscripten's libc++ has no floating-point to_chars, so the shortest
// digits come from trying increasing precisions with snprintf/strtod.
#include "ticketbridge/js_number.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tb {
namespace {

// Fills `digits` (no dot, no sign) and returns the decimal exponent n such that the value
// is 0.d1d2... x 10^n, i.e. ECMA-262's "n".
int shortest_digits(double v, std::string& digits) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, v);
    if (precision == 17 || std::strtod(buf, nullptr) == v) break;
  }
  // buf is "d.ddde[+-]xx"
  digits.clear();
  const char* p = buf;
  for (; *p && *p != 'e'; ++p) {
    if (*p >= '0' && *p <= '9') digits += *p;
  }
  const int exp10 = std::atoi(p + 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  return exp10 + 1;
}

}  // namespace

std::string format_js_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return "0";
  std::string out;
  if (v < 0) {
    out += '-';
    v = -v;
  }
  std::string digits;
  const int n = shortest_digits(v, digits);
  const int k = static_cast<int>(digits.size());
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n), std::string::npos);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1, std::string::npos);
    }
    out += 'e';
    out += (n - 1 >= 0) ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

}  // namespace tb
