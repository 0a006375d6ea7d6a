#include "simple_number_picture.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "numbers.hpp"
#include "pictures/regular_grouping.hpp"

namespace tb::jsonata {
namespace {

// |value| rounded as $round(value, places) rounds it, written as toFixed(places) writes that,
// straight from the digits of the value's shortest form: the reference's two trips through
// text and the exact expansion toFixed does, without either. Valid when that form has at most
// 15 significant digits and the rounded value times 10^places is below 2^52:
// - a decimal of at most 15 digits reads back on the same side of every half as it lies
//   itself (doubles are denser than such decimals there), so rounding the digits decides as
//   rounding the shifted double does;
// - the rounded value's double is within a 2^-53 part of it, less than half a unit of the last
//   place, so toFixed writes its digits back.
// Answers the length written into `out`, or 0 when the value is outside that (the caller then
// takes the reference's own path).
std::size_t fixed_digits(double value, int places, char (&out)[48]) {
  char text[32];
  const std::size_t n = num::format(std::fabs(value), text);  // "1234.5", "1.5e-7", "0.001"
  std::uint64_t digits = 0;  // |value| = digits × 10^exponent
  int exponent = 0, significant = 0;
  std::size_t i = 0;
  bool point = false;
  for (; i < n && text[i] != 'e'; ++i) {
    if (text[i] == '.') {
      point = true;
      continue;
    }
    digits = digits * 10 + static_cast<std::uint64_t>(text[i] - '0');
    if (digits != 0 && ++significant > 15) return 0;
    if (point) --exponent;
  }
  if (i < n) {  // the exponent form: e-7 and below, and e+21 and above (past the 2^52 bound below)
    const bool negative = text[i + 1] == '-';
    int e = 0;
    for (i += 2; i < n; ++i) e = e * 10 + (text[i] - '0');
    exponent += negative ? -e : e;
  }
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 52;
  std::uint64_t units = digits;  // |value| × 10^places, rounded half to even
  int shift = exponent + places;
  for (; shift > 0; --shift) {
    if (units >= kLimit / 10) return 0;
    units *= 10;
  }
  if (shift < 0) {
    if (shift < -16) {
      units = 0;  // digits < 10^15 × 10^shift < 0.5
    } else {
      std::uint64_t scale = 1;
      for (; shift < 0; ++shift) scale *= 10;
      const std::uint64_t rest = units % scale, half = scale / 2;
      units /= scale;
      if (rest > half || (rest == half && (units & 1))) ++units;
    }
  }
  if (units >= kLimit) return 0;
  // units as at least places + 1 digits, the point before the last `places`. Below 2^53 a
  // double is exact, and String() writes an integer's digits.
  char written[32];
  const auto count = static_cast<int>(num::format(static_cast<double>(units), written));
  const int zeros = count < places + 1 ? places + 1 - count : 0;
  std::size_t length = 0;
  for (int i = 0; i < zeros + count; ++i) {
    if (i == zeros + count - places) out[length++] = '.';
    out[length++] = i < zeros ? '0' : written[i - zeros];
  }
  return length;
}

}  // namespace

std::optional<SimpleNumberPicture> simple_number_picture(std::string_view whole) {
  // The prefix and suffix: the text around the first and last active character. Without an
  // 'e' anywhere the reference finds no exponent, and without a percent or per-mille sign it
  // scales nothing (U+2030, the per-mille sign, is E2 80 B0 in UTF-8), so they are only
  // written around the number.
  constexpr std::string_view kActive = "0123456789.,#;";
  const std::size_t first = whole.find_first_of(kActive);
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t last = whole.find_last_of(kActive);
  const std::string_view prefix = whole.substr(0, first), suffix = whole.substr(last + 1);
  for (const std::string_view affix : {prefix, suffix}) {
    if (affix.find_first_of("e%") != std::string_view::npos || affix.find("\xE2\x80\xB0") != std::string_view::npos) {
      return std::nullopt;
    }
  }
  if (prefix.size() + suffix.size() > sizeof SimpleNumberPicture::affixes) return std::nullopt;
  const std::string_view picture = whole.substr(first, last + 1 - first);
  const std::size_t dot = picture.find('.');
  const std::string_view integer = picture.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : picture.substr(dot + 1);
  SimpleNumberPicture p;
  p.min_integer = 0;

  // The fractional part: mandatory digits, then optional ones; nothing else (no second '.').
  bool optional_seen = false;
  for (const char c : fraction) {
    if (c == '#') optional_seen = true;
    else if (c != '0' || optional_seen) return std::nullopt;
    else ++p.min_fraction;
  }
  if (fraction.size() > 20) return std::nullopt;
  p.max_fraction = static_cast<int>(fraction.size());

  // The integer part: optional digits, then mandatory ones, separators between digits. The
  // positions are counted in digits from the separator to the end of the integer part.
  int positions[24];
  int separators = 0;
  bool mandatory_seen = false;
  int digits = 0;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    const char c = integer[i];
    if (c == ',') {
      if (i == 0 || i + 1 == integer.size() || integer[i + 1] == ',' || separators == 24) return std::nullopt;
      positions[separators++] = -digits;  // completed below, once the total is known
    } else if (c == '0') {
      mandatory_seen = true;
      ++p.min_integer;
      ++digits;
    } else if (c == '#' && !mandatory_seen) {
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (p.min_integer == 0 || p.min_integer > 21) return std::nullopt;  // 21: out[]'s bound
  for (int i = 0; i < separators; ++i) positions[i] += digits;
  if (separators > 0) {
    p.grouping = pictures::regular_interval(positions, static_cast<std::size_t>(separators));
    if (p.grouping == 0) return std::nullopt;  // irregular: separators only where written
  }
  prefix.copy(p.affixes, prefix.size());
  suffix.copy(p.affixes + prefix.size(), suffix.size());
  p.prefix = static_cast<unsigned char>(prefix.size());
  p.suffix = static_cast<unsigned char>(suffix.size());
  return p;
}

std::size_t format_simple_number(double value, const SimpleNumberPicture& picture, char (&out)[kSimpleNumberMax]) {
  if (!std::isfinite(value)) return 0;
  // As the reference: round half to even on the shortest decimal form, then |v|.toFixed().
  char buffer[48];
  const std::size_t written = fixed_digits(value, picture.max_fraction, buffer);
  if (written == 0) return 0;
  const std::string_view fixed(buffer, written);
  const std::size_t point = std::min(fixed.find('.'), fixed.size());

  // Leading zeros of the integer part and trailing zeros of the fractional part go, then each
  // is padded back to the picture's mandatory digits.
  std::size_t first = 0;
  while (first < point && fixed[first] == '0') ++first;
  std::size_t last = fixed.size();
  while (last > point + 1 && fixed[last - 1] == '0') --last;
  const auto wanted = [](int digits, std::size_t have) {
    return static_cast<std::size_t>(digits) > have ? static_cast<std::size_t>(digits) - have : 0;
  };
  const std::size_t int_digits = point - first;
  const std::size_t pad_left = wanted(picture.min_integer, int_digits);
  const std::size_t frac_digits = last > point ? last - point - 1 : 0;
  const std::size_t pad_right = wanted(picture.min_fraction, frac_digits);

  std::size_t n = 0;
  if (value < 0) out[n++] = '-';  // the sign of the value, not of its rounding: -0.001 is "-0.00"
  for (std::size_t i = 0; i < picture.prefix; ++i) out[n++] = picture.affixes[i];
  const std::size_t width = pad_left + int_digits;
  const auto group = static_cast<std::size_t>(picture.grouping);
  for (std::size_t i = 0; i < width; ++i) {
    if (group > 0 && i > 0 && (width - i) % group == 0) out[n++] = ',';
    out[n++] = i < pad_left ? '0' : fixed[first + i - pad_left];
  }
  if (frac_digits + pad_right > 0) {  // a decimal separator with nothing after it is dropped
    out[n++] = '.';
    for (std::size_t i = 0; i < frac_digits; ++i) out[n++] = fixed[point + 1 + i];
    for (std::size_t i = 0; i < pad_right; ++i) out[n++] = '0';
  }
  for (std::size_t i = 0; i < picture.suffix; ++i) out[n++] = picture.affixes[picture.prefix + i];
  return n;
}

}  // namespace tb::jsonata
