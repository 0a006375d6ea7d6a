#include "numbers.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "ticketbridge/text/decimal.hpp"

namespace tb::jsonata::num {
namespace {

// The decimal expansion of v (> 0, finite) to 41 significant digits: digits[0..40] and the
// exponent such that v ~= 0.d1d2... * 10^exp10. One expansion serves every rounding below.
struct Expansion {
  char d[48];
  int exp10;
};

void expand(double v, Expansion& x) {
  // Rounded to 41 digits, ties to even, as printf's "%.40e" did before.
  text::Decimal exact = text::exact_decimal(v);
  text::round_significant(exact, 41);
  std::memcpy(x.d, exact.digits.data(), exact.digits.size());
  std::memset(x.d + exact.digits.size(), '0', 41 - exact.digits.size());
  x.exp10 = exact.point;
}

// Rounds the expansion to p digits. A tie (a 5 with only zeros after it among the 41 digits:
// the exact value ends there) goes up for toPrecision and to even for Number::toString.
// Returns the digit count with trailing zeros stripped; *exp10 may grow by one on a carry.
int round_to(const Expansion& x, int p, char* out, int* exp10, bool ties_to_even = false) {
  std::memcpy(out, x.d, static_cast<std::size_t>(p));
  *exp10 = x.exp10;
  bool up = x.d[p] > '5';
  if (x.d[p] == '5') {
    bool tie = true;
    for (int i = p + 1; i < 41 && tie; ++i) tie = x.d[i] == '0';
    up = !tie || !ties_to_even || ((out[p - 1] - '0') & 1);
  }
  if (up) {
    int i = p - 1;
    while (i >= 0 && out[i] == '9') out[i--] = '0';
    if (i < 0) {
      out[0] = '1';
      for (int k = 1; k < p; ++k) out[k] = '0';
      ++*exp10;
    } else {
      ++out[i];
    }
  }
  int k = p;
  while (k > 1 && out[k - 1] == '0') --k;
  return k;
}

double reparse(const char* digits, int k, int exp10) {
  return text::decimal_to_double(std::string_view(digits, static_cast<std::size_t>(k)), exp10);
}

const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                         1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// The common non-integer (0.5, 19.99, 3.14159) without the exact expansion (big-integer work
// for most doubles): the fewest fraction digits f for which m = round(v * 10^f) has at most 15
// digits and m / 10^f == v. That division of two exact doubles is correctly rounded, as reading
// the decimal m * 10^-f is, so the decimal reads back as v; with at most 15 digits no other
// decimal of as many digits does, and the first f that works has the fewest digits. False: use
// the expansion.
bool short_decimal(double v, char* digits, int* count, int* exp10) {
  if (!(v >= 1e-6 && v < 1e15)) return false;
  for (int f = 1; f <= 22; ++f) {
    double t = v * kPow10[f];
    if (t >= 1e15) return false;
    double m = std::floor(t + 0.5);
    if (m / kPow10[f] != v) continue;
    char tmp[24];
    int n = 0;
    for (auto u = static_cast<std::uint64_t>(m); u; u /= 10) tmp[n++] = static_cast<char>('0' + u % 10);
    int k = n;
    for (int i = 0; i < n; ++i) digits[i] = tmp[n - 1 - i];
    while (k > 1 && digits[k - 1] == '0') --k;
    *count = k;
    *exp10 = n - f;
    return true;
  }
  return false;
}

// Shortest digits that read back as v (JavaScript's Number::toString digit choice). When a
// decimal of at most 15 digits reads back as v, the 15-digit rounding is it padded with zeros
// (half an ulp is below half a unit of the 15th digit); otherwise 16 or 17 digits are needed.
int shortest(double v, char* digits, int* exp10) {
  int count;
  if (short_decimal(v, digits, &count, exp10)) return count;
  Expansion x;
  expand(v, x);
  // Subnormals have few significant bits: their shortest form can be much shorter.
  std::uint64_t bits;
  std::memcpy(&bits, &v, 8);
  bool power_of_two = (bits & ((1ULL << 52) - 1)) == 0;
  for (int p = v < 2.2250738585072014e-308 ? 1 : 15; p < 17; ++p) {
    int k = round_to(x, p, digits, exp10, true);
    if (reparse(digits, k, *exp10) == v) return k;
    if (power_of_two) {
      // Below a power of two doubles are twice as dense: the nearest p-digit decimal may
      // fall short of v's interval while the next one up is inside it.
      char up[48];
      std::memcpy(up, x.d, static_cast<std::size_t>(p));
      int e = x.exp10;
      int i = p - 1;
      if (round_to(x, p, up, &e, true) && std::memcmp(up, x.d, static_cast<std::size_t>(p)) == 0) {
        std::memcpy(up, x.d, static_cast<std::size_t>(p));
        while (i >= 0 && up[i] == '9') up[i--] = '0';
        if (i >= 0) {
          ++up[i];
          int ku = p;
          while (ku > 1 && up[ku - 1] == '0') --ku;
          if (reparse(up, ku, e) == v) {
            std::memcpy(digits, up, static_cast<std::size_t>(ku));
            *exp10 = e;
            return ku;
          }
        }
      }
    }
  }
  return round_to(x, 17, digits, exp10, true);
}

std::size_t write_uint(std::uint64_t u, char* out) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  for (int i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
  return static_cast<std::size_t>(n);
}

}  // namespace

std::size_t format(double v, char* buf) {
  if (std::isnan(v)) {
    std::memcpy(buf, "NaN", 3);
    return 3;
  }
  std::size_t w = 0;
  if (v < 0) {
    buf[w++] = '-';
    v = -v;
  }
  if (std::isinf(v)) {
    std::memcpy(buf + w, "Infinity", 8);
    return w + 8;
  }
  if (v == 0) {
    buf[0] = '0';  // -0 prints as 0
    return 1;
  }
  if (v < 9007199254740992.0 && v == std::floor(v)) return w + write_uint(static_cast<std::uint64_t>(v), buf + w);
  char d[48];
  int n;
  int k = shortest(v, d, &n);
  return w + format_digits(d, k, n, buf + w);
}

std::size_t format_digits(const char* d, int k, int n, char* buf) {
  std::size_t w = 0;
  if (k <= n && n <= 21) {
    std::memcpy(buf + w, d, static_cast<std::size_t>(k));
    w += static_cast<std::size_t>(k);
    for (int i = k; i < n; ++i) buf[w++] = '0';
  } else if (0 < n && n <= 21) {
    std::memcpy(buf + w, d, static_cast<std::size_t>(n));
    w += static_cast<std::size_t>(n);
    buf[w++] = '.';
    std::memcpy(buf + w, d + n, static_cast<std::size_t>(k - n));
    w += static_cast<std::size_t>(k - n);
  } else if (-6 < n && n <= 0) {
    buf[w++] = '0';
    buf[w++] = '.';
    for (int i = 0; i < -n; ++i) buf[w++] = '0';
    std::memcpy(buf + w, d, static_cast<std::size_t>(k));
    w += static_cast<std::size_t>(k);
  } else {
    buf[w++] = d[0];
    if (k > 1) {
      buf[w++] = '.';
      std::memcpy(buf + w, d + 1, static_cast<std::size_t>(k - 1));
      w += static_cast<std::size_t>(k - 1);
    }
    buf[w++] = 'e';
    int e = n - 1;
    buf[w++] = e < 0 ? '-' : '+';
    w += write_uint(static_cast<std::uint64_t>(e < 0 ? -e : e), buf + w);
  }
  return w;
}

void append(std::string& out, double v) {
  char buf[40];
  out.append(buf, format(v, buf));
}

double to_precision(double v, int p) {
  if (v == 0 || !std::isfinite(v)) return v;
  // A decimal of at most 15 digits is its own 15-digit rounding (see shortest()).
  char d[48];
  int k, e;
  if (p == 15 && short_decimal(std::fabs(v), d, &k, &e)) return v;
  Expansion x;
  expand(std::fabs(v), x);
  k = round_to(x, p, d, &e);
  double r = reparse(d, k, e);
  return v < 0 ? -r : r;
}

std::size_t format_precision(double v, int p, char* buf) {
  if (v == 0 || !std::isfinite(v) || std::fabs(v) < 1e-290) return format(to_precision(v, p), buf);
  char d[48];
  int k, e;
  if (p != 15 || !short_decimal(std::fabs(v), d, &k, &e)) {
    Expansion x;
    expand(std::fabs(v), x);
    k = round_to(x, p, d, &e);
  }
  std::size_t w = 0;
  if (v < 0) buf[w++] = '-';
  return w + format_digits(d, k, e, buf + w);
}

std::string format_radix(double v, int radix) {
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (radix == 10) {
    std::string s;
    append(s, v);
    return s;
  }
  // Number.prototype.toString(radix) spells the non-finite values out; they have no digits
  // (and frexp leaves the exponent of one unspecified).
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  std::string out;
  bool neg = v < 0;
  double a = std::fabs(v);
  if (a < 9007199254740992.0) {
    auto u = static_cast<std::uint64_t>(a);
    do {
      out.push_back(kDigits[u % static_cast<unsigned>(radix)]);
      u /= static_cast<unsigned>(radix);
    } while (u);
  } else {
    // Number.prototype.toString(radix) as V8 writes it: while a further division by the radix
    // stays at or above 2^53 (where doubles hold no units), the digit is written as 0 and the
    // value divided; the remaining digits are exact.
    while (a / radix >= 9007199254740992.0) {
      a /= radix;
      out.push_back('0');
    }
    do {
      double rem = std::fmod(a, radix);
      out.push_back(kDigits[static_cast<int>(rem)]);
      a = (a - rem) / radix;
    } while (a > 0);
  }
  if (neg && !(out.size() == 1 && out[0] == '0')) out.push_back('-');
  return std::string(out.rbegin(), out.rend());
}

double parse_decimal(const char* s, std::size_t n) {
  std::size_t i = 0;
  bool neg = false;
  if (i < n && s[i] == '-') {
    neg = true;
    ++i;
  }
  std::uint64_t mant = 0;
  int digits = 0, exp10 = 0;
  bool exact = true;
  for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (digits < 19) {
      mant = mant * 10 + static_cast<unsigned>(s[i] - '0');
      if (mant) ++digits;
    } else {
      exact = false;
    }
  }
  if (i < n && s[i] == '.') {
    for (++i; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (digits < 19) {
        mant = mant * 10 + static_cast<unsigned>(s[i] - '0');
        if (mant) ++digits;
        --exp10;
      } else {
        exact = false;
      }
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    int e = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i)
      if (e < 100000) e = e * 10 + (s[i] - '0');
    exp10 += eneg ? -e : e;
  }
  if (exact && mant <= (1ULL << 53) && exp10 >= -22 && exp10 <= 22) {
    double d = static_cast<double>(mant);
    d = exp10 < 0 ? d / kPow10[-exp10] : d * kPow10[exp10];
    return neg ? -d : d;
  }
  if (mant == 0 && exact) return neg ? -0.0 : 0.0;
  return text::parse_double(std::string_view(s, n));
}

}  // namespace tb::jsonata::num
