#include "ticketbridge/text/decimal.hpp"

#include "big_uint.hpp"

#include <cmath>
#include <cstdint>

namespace tb::text {
namespace {

using detail::BigUint;
using Wide = unsigned __int128;

constexpr std::uint64_t kPow5[] = {1ULL,
                                   5ULL,
                                   25ULL,
                                   125ULL,
                                   625ULL,
                                   3125ULL,
                                   15625ULL,
                                   78125ULL,
                                   390625ULL,
                                   1953125ULL,
                                   9765625ULL,
                                   48828125ULL,
                                   244140625ULL,
                                   1220703125ULL,
                                   6103515625ULL,
                                   30517578125ULL,
                                   152587890625ULL,
                                   762939453125ULL,
                                   3814697265625ULL,
                                   19073486328125ULL,
                                   95367431640625ULL,
                                   476837158203125ULL,
                                   2384185791015625ULL,
                                   11920928955078125ULL,
                                   59604644775390625ULL,
                                   298023223876953125ULL,
                                   1490116119384765625ULL,
                                   7450580596923828125ULL};  // 5^27 < 2^63
constexpr int kMaxPow5 = 27;

// The nearest double to (m + a little, when `sticky`) × 2^exp2, ties to even. Normal doubles
// keep 53 bits of m; below 2^-1022 the subnormals keep fewer, so the cut moves up.
double round_binary(std::uint64_t m, int exp2, bool sticky) {
  if (m == 0) return 0;
  const int lz = __builtin_clzll(m);
  m <<= lz;
  exp2 -= lz;
  const int top = 63 + exp2;  // the binary exponent of the value
  if (top > 1023) return HUGE_VAL;
  int drop = 11;
  if (top < -1022) drop += -1022 - top;
  if (drop > 64) return 0;  // below half the least subnormal
  std::uint64_t kept;
  bool half, more;
  if (drop == 64) {
    kept = 0;
    half = true;  // m's top bit is set
    more = (m << 1) != 0 || sticky;
  } else {
    kept = m >> drop;
    const std::uint64_t rest = m & ((std::uint64_t{1} << drop) - 1);
    const std::uint64_t half_bit = std::uint64_t{1} << (drop - 1);
    half = (rest & half_bit) != 0;
    more = (rest & (half_bit - 1)) != 0 || sticky;
  }
  if (half && (more || (kept & 1))) ++kept;
  // At most 2^53 and in range (or just past it, which ldexp makes infinity): exact.
  return std::ldexp(static_cast<double>(kept), exp2 + drop);
}

double round_wide(Wide q, int exp2, bool sticky) {
  const auto high = static_cast<std::uint64_t>(q >> 64);
  if (high == 0) return round_binary(static_cast<std::uint64_t>(q), exp2, sticky);
  const int shift = 64 - __builtin_clzll(high);
  sticky = sticky || (q & ((Wide{1} << shift) - 1)) != 0;
  return round_binary(static_cast<std::uint64_t>(q >> shift), exp2 + shift, sticky);
}

// d × 10^q in 64- and 128-bit integers when 5^|q| fits in 64 bits. False: not covered.
bool scale_small(std::uint64_t d, long q, bool inexact, double* out) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (!inexact && d <= (std::uint64_t{1} << 53) && q >= -22 && q <= 22) {
    // Both operands exact doubles, so the one correctly rounded operation is the answer.
    const double x = static_cast<double>(d);
    *out = q < 0 ? x / kPow10[-q] : x * kPow10[q];
    return true;
  }
  if (q >= 0 && q <= kMaxPow5) {
    // d × 5^q × 2^q: below 2^64 × 2^63.
    *out = round_wide(static_cast<Wide>(d) * kPow5[q], static_cast<int>(q), inexact);
    return true;
  }
  if (q < 0 && -q <= kMaxPow5) {
    // d / (5^k × 2^k): d moved to the top of 128 bits, so the quotient has at least 65 bits
    // and the remainder only says whether anything is left.
    const int k = static_cast<int>(-q);
    const int lz = __builtin_clzll(d);
    const Wide n = static_cast<Wide>(d << lz) << 64;
    const Wide quotient = n / kPow5[k];
    const bool rest = n % kPow5[k] != 0;
    *out = round_wide(quotient, -64 - lz - k, inexact || rest);
    return true;
  }
  return false;
}

// digits (1 to 800 of them, no leading zero) × 10^q, exactly, in big integers.
double scale_big(std::string_view digits, long q, bool inexact) {
  BigUint d;
  std::size_t i = 0;
  for (; i + 9 <= digits.size(); i += 9) {
    std::uint32_t chunk = 0;
    for (std::size_t j = i; j < i + 9; ++j) chunk = chunk * 10 + static_cast<std::uint32_t>(digits[j] - '0');
    d.mul_add(1000000000u, chunk);
  }
  if (i < digits.size()) {
    std::uint32_t chunk = 0, scale = 1;
    for (; i < digits.size(); ++i, scale *= 10) chunk = chunk * 10 + static_cast<std::uint32_t>(digits[i] - '0');
    d.mul_add(scale, chunk);
  }
  if (q >= 0) {
    d.mul_pow5(static_cast<int>(q));
    d.shift_left(static_cast<int>(q));
    const int from = d.bits() - 64;  // at least 63 digits' worth: d >= 10^19 > 2^63
    bool below = false;
    const std::uint64_t top = d.bits_at(from, &below);
    return round_binary(top, from, below || inexact);
  }
  // d / (5^k × 2^k): scale one side so the quotient has 64 or 65 bits, then divide bit by bit.
  const int k = static_cast<int>(-q);
  BigUint s(1);
  s.mul_pow5(k);
  const int t = d.bits() - s.bits() - 64;
  if (t < 0) d.shift_left(-t);
  else s.shift_left(t);
  s.shift_left(65);  // d < s × 2^65
  Wide quotient = 0;
  for (int bit = 64; bit >= 0; --bit) {
    s.shift_right_one();
    if (compare(d, s) >= 0) {
      d.subtract(s);
      quotient |= Wide{1} << bit;
    }
  }
  return round_wide(quotient, t - k, inexact || !d.zero());
}

// d × 10^q for a d of `count` significant digits (at most 19): out of range, the 64/128-bit
// paths, or the big integers when 5^|q| does not fit in 64 bits.
double scale_u64(std::uint64_t d, int count, long q, bool inexact) {
  const long point = count + q;       // d × 10^q = 0.d × 10^point
  if (point >= 310) return HUGE_VAL;  // at least 10^309
  if (point <= -324) return 0;        // below 10^-324, under half the least subnormal
  double out;
  if (scale_small(d, q, inexact, &out)) return out;
  return scale_big(std::to_string(d), q, inexact);
}

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Case-insensitive: does text at i start with word?
bool starts_with_word(std::string_view text, std::size_t i, std::string_view word) {
  if (text.size() - i < word.size()) return false;
  for (std::size_t j = 0; j < word.size(); ++j)
    if (lower(text[i + j]) != word[j]) return false;
  return true;
}

// v in decimal, zero-padded to `width` digits.
void append_u64(std::string& out, std::uint64_t v, int width = 1) {
  char buf[20];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v || n < width);
  while (n) out += buf[--n];
}

void strip_trailing_zeros(std::string& digits) {
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
}

// Adds one unit in the last place of a decimal digit string ("" counts as 0).
void increment(std::string& units) {
  std::size_t i = units.size();
  while (i > 0 && units[i - 1] == '9') units[--i] = '0';
  if (i == 0) units.insert(units.begin(), '1');
  else ++units[i - 1];
}

}  // namespace

Decimal exact_decimal(double v) {
  int e = 0;
  const double f = std::frexp(std::fabs(v), &e);
  auto m = static_cast<std::uint64_t>(std::ldexp(f, 53));  // exact: 53 bits
  e -= 53;                                                  // |v| = m × 2^e
  while ((m & 1) == 0) {
    m >>= 1;
    ++e;
  }
  Decimal out;
  int fraction_digits = 0;  // |v| = digits × 10^-fraction_digits
  if (e >= 0 && e <= __builtin_clzll(m)) {
    append_u64(out.digits, m << e);
  } else if (e < 0 && -e <= 32) {
    // m × 5^k < 2^53 × 2^75: the digits of |v| × 10^k in 128 bits.
    Wide n = m;
    for (int i = 0; i < -e; ++i) n *= 5;
    // Up to 39 digits: three chunks of 19 at most (n / 10^19 may itself exceed 2^64).
    constexpr std::uint64_t kChunk = 10000000000000000000ULL;  // 10^19
    std::uint64_t chunks[3];
    int count = 0;
    do {
      chunks[count++] = static_cast<std::uint64_t>(n % kChunk);
      n /= kChunk;
    } while (n);
    append_u64(out.digits, chunks[--count]);
    while (count) append_u64(out.digits, chunks[--count], 19);
    fraction_digits = -e;
  } else {
    BigUint n(m);
    if (e >= 0) {
      n.shift_left(e);
    } else {
      n.mul_pow5(-e);
      fraction_digits = -e;
    }
    std::uint32_t chunks[90];  // 10^9 each: 767 digits at most
    int count = 0;
    while (!n.zero()) chunks[count++] = n.divide(1000000000u);
    append_u64(out.digits, chunks[--count]);
    while (count) append_u64(out.digits, chunks[--count], 9);
  }
  out.point = static_cast<int>(out.digits.size()) - fraction_digits;
  strip_trailing_zeros(out.digits);
  return out;
}

void round_significant(Decimal& d, std::size_t significant) {
  if (significant == 0) significant = 1;
  if (d.digits.size() <= significant) return;
  const char next = d.digits[significant];
  const bool rest = d.digits.size() > significant + 1;  // no trailing zeros: more means non-zero
  const bool odd = ((d.digits[significant - 1] - '0') & 1) != 0;
  d.digits.resize(significant);
  if (next > '5' || (next == '5' && (rest || odd))) {
    const std::size_t before = d.digits.size();
    increment(d.digits);
    if (d.digits.size() > before) {  // 99.9 -> 100: one more place before the point
      d.digits.pop_back();
      ++d.point;
    }
  }
  strip_trailing_zeros(d.digits);
}

double decimal_to_double(std::string_view digits, long point, bool inexact) {
  while (!digits.empty() && digits.front() == '0') {
    digits.remove_prefix(1);
    --point;
  }
  while (!digits.empty() && digits.back() == '0') digits.remove_suffix(1);
  if (digits.empty()) return 0;
  if (point >= 310) return HUGE_VAL;  // at least 10^309
  if (point <= -324) return 0;        // below 10^-324, under half the least subnormal
  // 800 digits decide every rounding (a tie needs at most 767): the rest only says "above".
  if (digits.size() > 800) {
    digits = digits.substr(0, 800);
    inexact = true;
  }
  const long q = point - static_cast<long>(digits.size());
  if (digits.size() <= 19) {
    std::uint64_t d = 0;
    for (char c : digits) d = d * 10 + static_cast<std::uint64_t>(c - '0');
    return scale_u64(d, static_cast<int>(digits.size()), q, inexact);
  }
  return scale_big(digits, q, inexact);
}

double parse_double(std::string_view text, std::size_t* used) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (used) *used = 0;
  while (i < n && is_space(text[i])) ++i;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  double value = 0;
  if (starts_with_word(text, i, "inf")) {
    i += starts_with_word(text, i, "infinity") ? 8 : 3;
    value = HUGE_VAL;
  } else if (starts_with_word(text, i, "nan")) {
    i += 3;
    value = NAN;
  } else {
    const std::size_t int_begin = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
    const std::size_t int_end = i;
    std::size_t frac_begin = i, frac_end = i;
    if (i < n && text[i] == '.') {
      frac_begin = frac_end = ++i;
      while (frac_end < n && text[frac_end] >= '0' && text[frac_end] <= '9') ++frac_end;
      i = frac_end;
    }
    if (int_end == int_begin && frac_end == frac_begin) return 0;  // no digits: nothing read
    long exponent = 0;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
      std::size_t j = i + 1;
      bool exp_negative = false;
      if (j < n && (text[j] == '+' || text[j] == '-')) exp_negative = text[j++] == '-';
      if (j < n && text[j] >= '0' && text[j] <= '9') {
        for (; j < n && text[j] >= '0' && text[j] <= '9'; ++j)
          if (exponent < 100000) exponent = exponent * 10 + (text[j] - '0');
        if (exp_negative) exponent = -exponent;
        i = j;
      }
    }
    // The significant digits, without the point: the usual number fits in 19 of them and
    // needs no copy.
    std::uint64_t d = 0;
    std::size_t count = 0;
    std::string many;
    long point = static_cast<long>(int_end - int_begin) + exponent;
    bool leading = true;
    for (std::size_t j = int_begin; j < frac_end; ++j) {
      if (j == int_end) j = frac_begin;
      if (j >= frac_end) break;
      const char c = text[j];
      if (leading && c == '0') {
        --point;
        continue;
      }
      leading = false;
      if (count < 19) d = d * 10 + static_cast<std::uint64_t>(c - '0');
      else if (count == 19) {
        append_u64(many, d);
        many += c;
      } else {
        many += c;
      }
      ++count;
    }
    if (count == 0) {
      value = 0;
    } else if (count <= 19) {
      while (d % 10 == 0) {
        d /= 10;
        --count;
      }
      value = scale_u64(d, static_cast<int>(count), point - static_cast<long>(count), false);
    } else {
      value = decimal_to_double(many, point);
    }
  }
  if (used) *used = i;
  return negative ? -value : value;
}

std::string format_fixed(double v, int fraction_digits, Ties ties) {
  std::string out;
  if (std::signbit(v)) out += '-';
  const auto frac = static_cast<std::size_t>(fraction_digits < 0 ? 0 : fraction_digits);
  std::string units;  // |v| × 10^frac, rounded, as a decimal integer
  if (v != 0) {
    const Decimal d = exact_decimal(v);
    const long keep = d.point + static_cast<long>(frac);  // digits before the cut
    const auto size = static_cast<long>(d.digits.size());
    if (keep >= size) {
      units = d.digits;
      units.append(static_cast<std::size_t>(keep - size), '0');
    } else if (keep >= 0) {
      units.assign(d.digits, 0, static_cast<std::size_t>(keep));
      const char next = d.digits[static_cast<std::size_t>(keep)];
      const bool rest = size > keep + 1;
      const bool odd = keep > 0 && ((units.back() - '0') & 1);
      if (next > '5' || (next == '5' && (rest || odd || ties == Ties::away_from_zero))) increment(units);
    }
    // keep < 0: the first digit cut off is a zero before the first significant one: 0.
  }
  if (units.size() <= frac) units.insert(0, frac + 1 - units.size(), '0');
  out.append(units, 0, units.size() - frac);
  if (frac > 0) {
    out += '.';
    out.append(units, units.size() - frac, std::string::npos);
  }
  return out;
}

}  // namespace tb::text
