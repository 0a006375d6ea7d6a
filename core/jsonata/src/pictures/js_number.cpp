#include "pictures/js_number.hpp"

#include "numbers.hpp"

#include <cmath>
#include <cstdint>

#include "ticketbridge/text/decimal.hpp"

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
  return text::parse_double(s);
}

namespace {

using Wide = unsigned __int128;

// mant * 5^digits stays below 2^128 for mant < 2^53 and digits <= 32.
constexpr int kMaxExactDigits = 32;

// q / 10^digits written out with `digits` fraction digits (q < 2^128).
void append_fixed(std::string& out, Wide q, int digits) {
  char buf[48];
  char* p = buf + sizeof buf;
  int written = 0;
  constexpr std::uint64_t kChunk = 10000000000000000000ULL;  // 10^19: two 64-bit divisions a chunk
  do {
    std::uint64_t part = static_cast<std::uint64_t>(q % kChunk);
    q /= kChunk;
    for (int i = 0; i < 19 && (part || q || written <= digits); ++i, ++written) {
      *--p = static_cast<char>('0' + part % 10);
      part /= 10;
    }
  } while (q);
  while (written <= digits) {  // at least one integer digit
    *--p = '0';
    ++written;
  }
  const std::size_t int_len = static_cast<std::size_t>(written - digits);
  out.append(p, int_len);
  if (digits > 0) {
    out += '.';
    out.append(p + int_len, static_cast<std::size_t>(digits));
  }
}

}  // namespace

std::string to_fixed(double value, int digits) {
  if (std::isnan(value)) return "NaN";
  if (std::fabs(value) >= 1e21) return number_to_string(value);
  std::string out;
  if (value < 0) {
    out = "-";
    value = -value;
  }
  // An integer (every exponent, and most mantissas once rounded) is its own exact expansion.
  // (The general path below would expand it exactly in big integers first.)
  if (value == std::floor(value)) {
    if (value < 18446744073709551616.0) {
      char digits_buf[24];
      char* p = digits_buf + sizeof digits_buf;
      auto n = static_cast<std::uint64_t>(value);
      do {
        *--p = static_cast<char>('0' + n % 10);
        n /= 10;
      } while (n);
      out.append(p, static_cast<std::size_t>(digits_buf + sizeof digits_buf - p));
    } else {
      out += text::format_fixed(value, 0);  // exact: an integer below 1e21
    }
    if (digits > 0) {
      out += '.';
      out.append(static_cast<std::size_t>(digits), '0');
    }
    return out;
  }
  // toFixed rounds half away from zero on the exact value. The exact expansion of
  // value = m * 2^-f (m odd) has f fraction digits. The usual cases are done in 128-bit
  // integers; the rest on the exact decimal expansion.
  int exp2 = 0;
  const double frac = std::frexp(value, &exp2);
  auto mant = static_cast<std::uint64_t>(std::ldexp(frac, 53));  // exact: 53 significant bits
  int f = 53 - exp2;
  while ((mant & 1) == 0) {  // non-zero: value is not an integer
    mant >>= 1;
    --f;
  }
  if (f <= digits && digits <= 20) {
    // Exact in integers: value * 10^digits = mant * 5^digits * 2^(digits - f), below 2^121.
    Wide q = mant;
    for (int i = 0; i < digits; ++i) q *= 5;
    q <<= (digits - f);
    append_fixed(out, q, digits);
    return out;
  }
  if (f > digits && digits <= kMaxExactDigits) {
    // value * 10^digits = mant * 5^digits / 2^(f - digits), all in 128-bit integers: the digits
    // and the exact remainder, without the decimal expansion.
    Wide p = mant;
    for (int i = 0; i < digits; ++i) p *= 5;
    const int shift = f - digits;  // > 0 here
    Wide q = 0;
    bool up;
    if (shift < 128) {
      q = p >> shift;
      up = ((p >> (shift - 1)) & 1) != 0;  // the remainder is at least half
    } else {
      up = false;  // p < 2^128 <= 2^(shift-1): below half
    }
    if (up) ++q;
    append_fixed(out, q, digits);
    return out;
  }
  return out + text::format_fixed(value, digits, text::Ties::away_from_zero);
}

namespace {

// Hexadecimal digits as the nearest double: 56 bits are kept, and any non-zero digit after
// them is folded into the lowest bit (rounding to odd), so the one rounding of the 64-bit
// conversion is the correct one for the whole number.
double hex_to_double(std::string_view hex) {
  std::uint64_t m = 0;
  int exp2 = 0;
  bool dropped = false;
  for (const char c : hex) {
    const unsigned d = is_digit(c) ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
    if (m < (std::uint64_t{1} << 56)) {
      m = m * 16 + d;
    } else {
      exp2 += 4;
      dropped = dropped || d != 0;
    }
  }
  return std::ldexp(static_cast<double>(m | (dropped ? 1 : 0)), exp2);
}

}  // namespace

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
  const double magnitude = hex ? hex_to_double(std::string_view(digits).substr(start)) : text::parse_double(digits);
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
  // Done in a stack buffer and read back with num::parse_decimal, whose exact fast path covers
  // the usual amounts: a std::string and a full read was most of $formatNumber's time.
  auto shift = [](double v, int places) {
    if (!std::isfinite(v)) return static_cast<double>(NAN);  // "Infinitye2" is not a number
    char buf[64];
    const std::size_t n = num::format(v, buf);  // at most 32 chars
    std::size_t m = 0;
    while (m < n && buf[m] != 'e') ++m;
    long exponent = places;
    if (m < n) {
      std::size_t i = m + 1;
      const bool negative = i < n && buf[i] == '-';
      if (i < n && (buf[i] == '-' || buf[i] == '+')) ++i;
      long written = 0;
      for (; i < n; ++i) written = written * 10 + (buf[i] - '0');
      exponent += negative ? -written : written;
    }
    char* p = buf + m;
    *p++ = 'e';
    if (exponent < 0) *p++ = '-';
    char digits[24];
    int k = 0;
    for (unsigned long u = static_cast<unsigned long>(exponent < 0 ? -exponent : exponent); k == 0 || u; u /= 10) {
      digits[k++] = static_cast<char>('0' + u % 10);
    }
    while (k) *p++ = digits[--k];
    return num::parse_decimal(buf, static_cast<std::size_t>(p - buf));
  };
  // An integer of at most 15 digits comes back unchanged for any precision >= 0: shifted left
  // it still has at most 15 significant digits, so its shortest form and the text shifted back
  // spell the same integer. (The shifts cost two prints and two reads.)
  if (precision >= 0 && value == std::floor(value) && std::fabs(value) < 1e15) return value == 0 ? 0 : value;
  if (precision != 0) value = shift(value, precision);
  double result = math_round(value);
  const double diff = result - value;
  if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (precision != 0) result = shift(result, -precision);
  if (result == 0) result = 0;  // no negative zero
  return result;
}

}  // namespace tb::jsonata::pictures::js
