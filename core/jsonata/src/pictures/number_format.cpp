// $formatNumber: XPath F&O 3.1 fn:format-number (sections 4.7.3-4.7.5) as jsonata-js 2.2.2
// implements it, including its quirks, which users' expressions depend on:
// - the exponent position is found in the whole sub-picture but applied to its active part;
// - without a decimal separator the "fractional part" is the suffix;
// - fractional grouping positions are searched for in the integer part;
// - rounding is $round's half-to-even on the shortest decimal form, then toFixed.
// All string work is on UTF-16 code units, as in JavaScript.

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "pictures/js_number.hpp"
#include "pictures/js_pow.hpp"
#include "pictures/picture_errors.hpp"
#include "pictures/pictures.hpp"
#include "pictures/regular_grouping.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16;
using js::U16View;

struct Symbols {
  U16 decimal, grouping, exponent, minus, percent, per_mille, zero, digit, pattern;
  std::vector<U16> family;  // the ten digits starting at zero-digit's first code unit
  std::vector<U16> active;  // family + decimal, exponent, grouping, digit, pattern separators

  bool in_family(U16View ch) const { return std::find(family.begin(), family.end(), ch) != family.end(); }
  bool is_active(U16View ch) const { return std::find(active.begin(), active.end(), ch) != active.end(); }
  bool is_digit_or_optional(U16View ch) const { return in_family(ch) || ch == U16View(digit); }
};

struct Parts {
  U16 prefix, suffix, active, mantissa, integer, fraction, subpicture;
  bool has_exponent = false;
  U16 exponent;
};

struct Variables {
  std::vector<std::ptrdiff_t> integer_grouping;
  std::ptrdiff_t regular_grouping = 0;
  std::ptrdiff_t min_integer = 0;
  std::ptrdiff_t scaling_factor = 0;
  std::vector<std::ptrdiff_t> fraction_grouping;
  std::ptrdiff_t min_fraction = 0;
  std::ptrdiff_t max_fraction = 0;
  std::ptrdiff_t min_exponent = 0;
  U16 prefix, suffix, picture;
  // Looked up in `picture` by every format(): found once by analyse().
  bool has_percent = false, has_per_mille = false, has_decimal = false;
};

std::vector<U16> split(U16View s, U16View sep) {
  std::vector<U16> out;
  if (sep.empty()) {
    for (char16_t c : s) out.emplace_back(1, c);
    return out;
  }
  std::size_t pos = 0;
  while (true) {
    const auto hit = s.find(sep, pos);
    if (hit == U16View::npos) break;
    out.emplace_back(s.substr(pos, hit - pos));
    pos = hit + sep.size();
  }
  out.emplace_back(s.substr(pos));
  return out;
}

template <class Pred>
std::ptrdiff_t count_units(U16View s, Pred pred) {
  std::ptrdiff_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) if (pred(s.substr(i, 1))) ++n;
  return n;
}

Parts split_parts(const Symbols& sym, const U16& sub) {
  Parts p;
  p.subpicture = sub;
  const auto len = static_cast<std::ptrdiff_t>(sub.size());
  auto marks_active = [&](std::ptrdiff_t i) {
    const U16View ch = js::char_at(sub, i);
    return sym.is_active(ch) && ch != U16View(sym.exponent);
  };
  for (std::ptrdiff_t i = 0; i < len; ++i) {
    if (marks_active(i)) { p.prefix = js::substring(sub, 0, i); break; }
  }
  for (std::ptrdiff_t i = len - 1; i >= 0; --i) {
    if (marks_active(i)) { p.suffix = js::substring(sub, i + 1); break; }
  }
  const auto prefix_len = static_cast<std::ptrdiff_t>(p.prefix.size());
  const auto suffix_len = static_cast<std::ptrdiff_t>(p.suffix.size());
  p.active = js::substring(sub, prefix_len, len - suffix_len);
  const std::ptrdiff_t exponent_pos = js::index_of(sub, sym.exponent, prefix_len);
  if (exponent_pos == js::kNotFound || exponent_pos > len - suffix_len) {
    p.mantissa = p.active;
  } else {
    p.mantissa = js::substring(p.active, 0, exponent_pos);
    p.has_exponent = true;
    p.exponent = js::substring(p.active, exponent_pos + 1);
  }
  const std::ptrdiff_t decimal_pos = js::index_of(p.mantissa, sym.decimal);
  if (decimal_pos == js::kNotFound) {
    p.integer = p.mantissa;
    p.fraction = p.suffix;
  } else {
    p.integer = js::substring(p.mantissa, 0, decimal_pos);
    p.fraction = js::substring(p.mantissa, decimal_pos + 1);
  }
  return p;
}

// F&O 4.7.3; as in the reference, when several rules are broken the last one checked wins.
const char* validate(const Symbols& sym, const Parts& p) {
  const char* error = nullptr;
  const U16& sub = p.subpicture;
  const std::ptrdiff_t decimal_pos = js::index_of(sub, sym.decimal);
  if (decimal_pos != js::last_index_of(sub, sym.decimal)) error = "D3081";
  if (js::index_of(sub, sym.percent) != js::last_index_of(sub, sym.percent)) error = "D3082";
  if (js::index_of(sub, sym.per_mille) != js::last_index_of(sub, sym.per_mille)) error = "D3083";
  if (js::index_of(sub, sym.percent) != js::kNotFound && js::index_of(sub, sym.per_mille) != js::kNotFound) error = "D3084";
  if (count_units(p.mantissa, [&](U16View c) { return sym.is_digit_or_optional(c); }) == 0) error = "D3085";
  if (count_units(p.active, [&](U16View c) { return !sym.is_active(c); }) > 0) error = "D3086";
  if (decimal_pos != js::kNotFound) {
    if (js::char_at(sub, decimal_pos - 1) == U16View(sym.grouping) || js::char_at(sub, decimal_pos + 1) == U16View(sym.grouping)) {
      error = "D3087";
    }
  } else if (js::char_at(p.integer, static_cast<std::ptrdiff_t>(p.integer.size()) - 1) == U16View(sym.grouping)) {
    error = "D3088";
  }
  if (js::index_of(sub, sym.grouping + sym.grouping) != js::kNotFound) error = "D3089";
  std::ptrdiff_t optional_pos = js::index_of(p.integer, sym.digit);
  if (optional_pos != js::kNotFound &&
      count_units(js::substring(p.integer, 0, optional_pos), [&](U16View c) { return sym.in_family(c); }) > 0) {
    error = "D3090";
  }
  optional_pos = js::last_index_of(p.fraction, sym.digit);
  if (optional_pos != js::kNotFound &&
      count_units(js::substring(p.fraction, optional_pos), [&](U16View c) { return sym.in_family(c); }) > 0) {
    error = "D3091";
  }
  const bool percentish = js::index_of(sub, sym.percent) != js::kNotFound || js::index_of(sub, sym.per_mille) != js::kNotFound;
  if (p.has_exponent && !p.exponent.empty() && percentish) error = "D3092";
  if (p.has_exponent &&
      (p.exponent.empty() || count_units(p.exponent, [&](U16View c) { return !sym.in_family(c); }) > 0)) {
    error = "D3093";
  }
  return error;
}

// F&O 4.7.4. The next separator is searched for in the integer part even when the fractional
// part is being analysed (a reference quirk that shows with multi-character separators).
std::vector<std::ptrdiff_t> grouping_positions(const Symbols& sym, const Parts& p, const U16& part, bool to_left) {
  const auto len = static_cast<std::ptrdiff_t>(part.size());
  std::vector<std::ptrdiff_t> digits_before(part.size() + 1, 0);
  for (std::size_t i = 0; i < part.size(); ++i) {
    digits_before[i + 1] = digits_before[i] + (sym.is_digit_or_optional(U16View(part).substr(i, 1)) ? 1 : 0);
  }
  std::vector<std::ptrdiff_t> positions;
  std::ptrdiff_t pos = js::index_of(part, sym.grouping);
  while (pos != js::kNotFound) {
    const std::ptrdiff_t before = digits_before[static_cast<std::size_t>(std::min(pos, len))];
    positions.push_back(to_left ? before : digits_before.back() - before);
    pos = js::index_of(p.integer, sym.grouping, pos + 1);
  }
  return positions;
}

Variables analyse(const Symbols& sym, const Parts& p) {
  Variables v;
  v.integer_grouping = grouping_positions(sym, p, p.integer, false);
  v.regular_grouping = regular_interval(v.integer_grouping.data(), v.integer_grouping.size());
  v.fraction_grouping = grouping_positions(sym, p, p.fraction, true);
  v.min_integer = count_units(p.integer, [&](U16View c) { return sym.in_family(c); });
  v.scaling_factor = v.min_integer;
  v.min_fraction = count_units(p.fraction, [&](U16View c) { return sym.in_family(c); });
  v.max_fraction = count_units(p.fraction, [&](U16View c) { return sym.is_digit_or_optional(c); });
  if (v.min_integer == 0 && v.max_fraction == 0) {
    if (p.has_exponent) {
      v.min_fraction = 1;
      v.max_fraction = 1;
    } else {
      v.min_integer = 1;
    }
  }
  if (p.has_exponent && v.min_integer == 0 && js::index_of(p.integer, sym.digit) != js::kNotFound) v.min_integer = 1;
  if (v.min_integer == 0 && v.min_fraction == 0) v.min_fraction = 1;
  if (p.has_exponent) v.min_exponent = count_units(p.exponent, [&](U16View c) { return sym.in_family(c); });
  v.prefix = p.prefix;
  v.suffix = p.suffix;
  v.picture = p.subpicture;
  v.has_percent = js::index_of(v.picture, sym.percent) != js::kNotFound;
  v.has_per_mille = js::index_of(v.picture, sym.per_mille) != js::kNotFound;
  v.has_decimal = js::index_of(v.picture, sym.decimal) != js::kNotFound;
  return v;
}

// |value|.toFixed(dp) with ASCII digits replaced by the zero-digit's family.
Result<U16> digits_string(const Symbols& sym, double value, std::ptrdiff_t dp) {
  if (dp > 100) return runtime_error("toFixed() digits argument must be between 0 and 100");
  U16 s = js::ascii(js::to_fixed(std::fabs(value), static_cast<int>(dp)));
  if (sym.zero != u"0") {
    U16 mapped;
    for (char16_t c : s) {
      if (c >= u'0' && c <= u'9') {
        const auto d = static_cast<std::size_t>(c - u'0');
        if (d < sym.family.size()) mapped += sym.family[d];  // a missing member joins as ""
      } else {
        mapped.push_back(c);
      }
    }
    s = std::move(mapped);
  }
  return s;
}

U16 insert_at(const U16& s, std::ptrdiff_t pos, const U16& what) {
  return js::slice(s, 0, pos) + what + js::slice(s, pos);
}

Result<U16> format(double value, const Symbols& sym, const std::vector<Variables>& variables) {
  const Variables& pic = value >= 0 ? variables[0] : variables[1];
  double adjusted = value;
  if (pic.has_percent) {
    adjusted = value * 100;
  } else if (pic.has_per_mille) {
    adjusted = value * 1000;
  }

  double mantissa = adjusted;
  bool has_exponent = false;
  double exponent = 0;
  if (pic.min_exponent != 0) {
    has_exponent = true;
    const double max_mantissa = js::pow10(static_cast<double>(pic.scaling_factor));
    const double min_mantissa = js::pow10(static_cast<double>(pic.scaling_factor - 1));
    if (std::isinf(mantissa)) return runtime_error("formatNumber does not terminate for a non-finite value");
    if (mantissa != 0) {
      while (std::fabs(mantissa) < min_mantissa) { mantissa *= 10; exponent -= 1; }
      while (std::fabs(mantissa) > max_mantissa) { mantissa /= 10; exponent += 1; }
    }
  }

  const double rounded = js::round_half_even(mantissa, static_cast<int>(pic.max_fraction));
  auto made = digits_string(sym, rounded, pic.max_fraction);
  if (!made) return std::move(made).error();
  U16 s = std::move(made.value());
  if (js::index_of(s, u".") == js::kNotFound) {
    s += sym.decimal;
  } else {
    s = js::replace_first(s, u".", sym.decimal);
  }
  auto strip_guard = [&]() { return s.empty() && sym.zero.empty(); };
  while (js::char_at(s, 0) == U16View(sym.zero)) {
    if (strip_guard()) return runtime_error("formatNumber does not terminate with an empty zero-digit");
    s = js::substring(s, 1);
  }
  while (js::char_at(s, static_cast<std::ptrdiff_t>(s.size()) - 1) == U16View(sym.zero)) {
    if (strip_guard()) return runtime_error("formatNumber does not terminate with an empty zero-digit");
    s = js::substring(s, 0, static_cast<std::ptrdiff_t>(s.size()) - 1);
  }

  std::ptrdiff_t decimal_pos = js::index_of(s, sym.decimal);
  const std::ptrdiff_t pad_left = pic.min_integer - decimal_pos;
  const std::ptrdiff_t pad_right = pic.min_fraction - (static_cast<std::ptrdiff_t>(s.size()) - decimal_pos - 1);
  s = (pad_left > 0 ? js::repeat(sym.zero, static_cast<double>(pad_left)) : U16()) + s;
  if (pad_right > 0) s += js::repeat(sym.zero, static_cast<double>(pad_right));

  decimal_pos = js::index_of(s, sym.decimal);
  if (pic.regular_grouping > 0) {
    const std::ptrdiff_t groups = static_cast<std::ptrdiff_t>(std::floor(static_cast<double>(decimal_pos - 1) / static_cast<double>(pic.regular_grouping)));
    // Separators go at decimal_pos - g * interval (g = 1..groups), all in the original string.
    U16 grouped;
    const std::ptrdiff_t first = decimal_pos - groups * pic.regular_grouping;
    for (std::ptrdiff_t i = 0; i < static_cast<std::ptrdiff_t>(s.size()); ++i) {
      if (groups > 0 && i >= first && i < decimal_pos && (decimal_pos - i) % pic.regular_grouping == 0) grouped += sym.grouping;
      grouped.push_back(s[static_cast<std::size_t>(i)]);
    }
    s = std::move(grouped);
  } else {
    for (const std::ptrdiff_t pos : pic.integer_grouping) {
      s = insert_at(s, decimal_pos - pos, sym.grouping);
      ++decimal_pos;
    }
  }
  decimal_pos = js::index_of(s, sym.decimal);
  for (const std::ptrdiff_t pos : pic.fraction_grouping) s = insert_at(s, pos + decimal_pos + 1, sym.grouping);

  decimal_pos = js::index_of(s, sym.decimal);
  if (!pic.has_decimal || decimal_pos == static_cast<std::ptrdiff_t>(s.size()) - 1) {
    s = js::substring(s, 0, static_cast<std::ptrdiff_t>(s.size()) - 1);
  }

  if (has_exponent) {
    auto exp_digits = digits_string(sym, exponent, 0);
    if (!exp_digits) return std::move(exp_digits).error();
    U16 e = std::move(exp_digits.value());
    const std::ptrdiff_t pad = pic.min_exponent - static_cast<std::ptrdiff_t>(e.size());
    if (pad > 0) e = js::repeat(sym.zero, static_cast<double>(pad)) + e;
    s += sym.exponent + (exponent < 0 ? sym.minus : U16()) + e;
  }
  return pic.prefix + s + pic.suffix;
}

}  // namespace

// The picture analysed once (F&O 4.7.3-4.7.4): the symbols and both sub-pictures' variables.
struct NumberPicture {
  Symbols sym;
  std::vector<Variables> variables;  // [0] non-negative values, [1] negative ones
};

Result<std::shared_ptr<const NumberPicture>> analyse_number_picture(std::string_view picture_utf8,
                                                                    const DecimalFormat& format_options) {
  auto analysed = std::make_shared<NumberPicture>();
  Symbols& sym = analysed->sym;
  sym.decimal = js::from_utf8(format_options.decimal_separator);
  sym.grouping = js::from_utf8(format_options.grouping_separator);
  sym.exponent = js::from_utf8(format_options.exponent_separator);
  sym.minus = js::from_utf8(format_options.minus_sign);
  sym.percent = js::from_utf8(format_options.percent);
  sym.per_mille = js::from_utf8(format_options.per_mille);
  sym.zero = js::from_utf8(format_options.zero_digit);
  sym.digit = js::from_utf8(format_options.digit);
  sym.pattern = js::from_utf8(format_options.pattern_separator);
  if (!sym.zero.empty()) {
    // String.fromCharCode keeps the low 16 bits.
    for (unsigned i = 0; i < 10; ++i) sym.family.emplace_back(1, static_cast<char16_t>(sym.zero[0] + i));
  }
  sym.active = sym.family;
  sym.active.insert(sym.active.end(), {sym.decimal, sym.exponent, sym.grouping, sym.digit, sym.pattern});

  const U16 picture = js::from_utf8(picture_utf8);
  const std::vector<U16> subpictures = split(picture, sym.pattern);
  if (subpictures.size() > 2) return picture_error("D3080");
  if (subpictures.empty()) return runtime_error("Cannot read properties of undefined (reading 'picture')");

  std::vector<Parts> parts;
  for (const U16& sub : subpictures) parts.push_back(split_parts(sym, sub));
  for (const Parts& p : parts) {
    if (const char* code = validate(sym, p)) return picture_error(code);
  }
  std::vector<Variables>& variables = analysed->variables;
  for (const Parts& p : parts) variables.push_back(analyse(sym, p));
  if (variables.size() == 1) {
    variables.push_back(variables[0]);
    variables[1].prefix = sym.minus + variables[1].prefix;
  }
  return std::shared_ptr<const NumberPicture>(std::move(analysed));
}

Result<std::string> format_number(double value, const NumberPicture& picture) {
  auto formatted = format(value, picture.sym, picture.variables);
  if (!formatted) return std::move(formatted).error();
  if (static_cast<double>(formatted.value().size()) > js::kMaxStringUnits) return runtime_error("Invalid string length");
  return js::to_utf8(formatted.value());
}

Result<std::string> format_number(double value, std::string_view picture_utf8, const DecimalFormat& format_options) {
  auto analysed = analyse_number_picture(picture_utf8, format_options);
  if (!analysed) return std::move(analysed).error();
  return format_number(value, *analysed.value());
}

}  // namespace tb::jsonata::pictures
