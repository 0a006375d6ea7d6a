#include "pictures/integer_picture.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "pictures/js_number.hpp"
#include "pictures/picture_errors.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16;
using js::U16View;

// Zero code points of the decimal digit families the reference recognises (all in the BMP).
constexpr char16_t kDigitFamilies[] = {
    0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

// The reference's converter is recursive, one call per symbol, so it overflows its stack
// somewhere between 8.8 and 10.3 million depending on the engine and the stack already in use.
// Ours loops: it answers well past that (deterministically) and refuses the numerals whose
// text would be absurd (100 million and more: a hundred thousand 'M's) with the reference's
// message, which is also what jsonata-js reports there.
constexpr double kMaxRomanThousands = 99999;

std::vector<std::uint32_t> code_points(U16View s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char16_t u = s[i];
    if (u >= 0xD800 && u < 0xDC00 && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
      out.push_back(0x10000 + ((static_cast<std::uint32_t>(u) - 0xD800) << 10) + (s[i + 1] - 0xDC00));
      ++i;
    } else {
      out.push_back(u);
    }
  }
  return out;
}

U16 from_code_point(std::uint32_t cp) {
  U16 out;
  js::append_code_point(out, cp);
  return out;
}

double gcd(double a, double b) {
  while (b != 0) {
    const double t = std::fmod(a, b);
    a = b;
    b = t;
  }
  return a;
}

// The interval of equally spaced, identical separators, or 0 when they are irregular.
double regular_interval(const std::vector<GroupingSeparator>& separators) {
  if (separators.empty()) return 0;
  for (const auto& s : separators) if (s.character != separators[0].character) return 0;
  double factor = separators[0].position;
  for (std::size_t i = 1; i < separators.size(); ++i) factor = gcd(factor, separators[i].position);
  for (std::size_t k = 1; k <= separators.size(); ++k) {
    const double want = static_cast<double>(k) * factor;
    const bool found = std::any_of(separators.begin(), separators.end(), [&](const GroupingSeparator& s) { return s.position == want; });
    if (!found) return 0;
  }
  return factor;
}

Result<IntegerFormat> analyse_decimal(U16View primary, IntegerFormat format) {
  int zero = -1;
  double mandatory = 0;
  double optional = 0;
  double position = 0;
  std::vector<GroupingSeparator> separators;
  std::vector<std::uint32_t> cps = code_points(primary);
  std::reverse(cps.begin(), cps.end());  // positions count digits from the right
  for (const std::uint32_t cp : cps) {
    bool digit = false;
    for (const char16_t family : kDigitFamilies) {
      if (cp >= family && cp <= static_cast<std::uint32_t>(family) + 9) {
        digit = true;
        mandatory += 1;
        position += 1;
        if (zero < 0) {
          zero = family;
        } else if (family != zero) {
          return picture_error("D3131");
        }
        break;
      }
    }
    if (digit) continue;
    if (cp == u'#') {
      position += 1;
      optional += 1;
    } else {
      separators.push_back({position, from_code_point(cp)});
    }
  }
  if (mandatory == 0) {
    format.style = IntegerStyle::Sequence;
    format.token = U16(primary);
    return format;
  }
  format.style = IntegerStyle::Decimal;
  format.zero_code = static_cast<char16_t>(zero);
  format.mandatory_digits = mandatory;
  format.optional_digits = optional;
  const double interval = regular_interval(separators);
  if (interval > 0) {
    format.regular = true;
    format.separators = {{interval, separators[0].character}};
  } else {
    format.regular = false;
    format.separators = std::move(separators);
  }
  return format;
}

U16 to_roman(double value) {
  static const struct { double value; const char16_t* numeral; } kNumerals[] = {
      {1000, u"m"}, {900, u"cm"}, {500, u"d"}, {400, u"cd"}, {100, u"c"}, {90, u"xc"}, {50, u"l"},
      {40, u"xl"},  {10, u"x"},   {9, u"ix"},  {5, u"v"},    {4, u"iv"},  {1, u"i"}};
  U16 out;
  for (const auto& n : kNumerals) {
    while (value >= n.value) {
      out += n.numeral;
      value -= n.value;
    }
  }
  return out;
}

U16 to_letters(double value, char16_t a) {
  U16 out;
  while (value > 0) {
    const double digit = std::fmod(value - 1, 26) + a;
    out.insert(out.begin(), static_cast<char16_t>(static_cast<std::uint32_t>(digit)));
    value = std::floor((value - 1) / 26);
  }
  return out;
}

Result<U16> format_decimal(double value, const IntegerFormat& format) {
  U16 s = js::ascii(js::number_to_string(value));
  const double pad = format.mandatory_digits - static_cast<double>(s.size());
  if (pad > 0) {
    if (pad > js::kMaxStringUnits) return runtime_error("Invalid string length");
    s = js::repeat(u"0", pad) + s;
  }
  if (format.zero_code != u'0') {
    U16 mapped;
    for (const std::uint32_t cp : code_points(s)) mapped += from_code_point(cp + format.zero_code - 0x30);
    s = std::move(mapped);
  }
  if (format.regular) {
    // A separator before every `interval` digits counted from the right, except the first.
    const GroupingSeparator& sep = format.separators[0];
    const auto interval = static_cast<std::size_t>(sep.position);
    U16 grouped;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i > 0 && (s.size() - i) % interval == 0) grouped += sep.character;
      grouped.push_back(s[i]);
    }
    s = std::move(grouped);
  } else {
    for (auto it = format.separators.rbegin(); it != format.separators.rend(); ++it) {
      const auto pos = static_cast<std::ptrdiff_t>(static_cast<double>(s.size()) - it->position);
      s = js::substr(s, 0, pos) + it->character + js::substr(s, pos);
    }
  }
  if (format.ordinal) {
    const auto len = static_cast<std::ptrdiff_t>(s.size());
    const U16View last = js::char_at(s, len - 1);
    const char16_t* suffix = u"th";
    if (last == u"1") suffix = u"st";
    else if (last == u"2") suffix = u"nd";
    else if (last == u"3") suffix = u"rd";
    if (len > 1 && js::char_at(s, len - 2) == u"1") suffix = u"th";
    s += suffix;
  }
  return s;
}

}  // namespace

Result<IntegerFormat> analyse_integer_picture(U16View picture) {
  IntegerFormat format;
  U16View primary = picture;
  const std::ptrdiff_t semicolon = js::last_index_of(picture, u";");
  if (semicolon != js::kNotFound) {
    primary = picture.substr(0, static_cast<std::size_t>(semicolon));
    const U16View modifier = picture.substr(static_cast<std::size_t>(semicolon) + 1);
    if (!modifier.empty() && modifier[0] == u'o') format.ordinal = true;
  }
  if (primary == u"A" || primary == u"a") {
    format.style = IntegerStyle::Letters;
    if (primary == u"A") format.letter_case = LetterCase::Upper;
  } else if (primary == u"I" || primary == u"i") {
    format.style = IntegerStyle::Roman;
    if (primary == u"I") format.letter_case = LetterCase::Upper;
  } else if (primary == u"W") {
    format.style = IntegerStyle::Words;
    format.letter_case = LetterCase::Upper;
  } else if (primary == u"Ww") {
    format.style = IntegerStyle::Words;
    format.letter_case = LetterCase::Title;
  } else if (primary == u"w") {
    format.style = IntegerStyle::Words;
  } else {
    return analyse_decimal(primary, format);
  }
  return format;
}

Result<U16> format_integer_value(double value, const IntegerFormat& format) {
  const bool negative = value < 0;
  value = std::fabs(value);
  U16 out;
  switch (format.style) {
    case IntegerStyle::Letters:
      // jsonata-js divides Infinity by 26 forever, growing its array until that fails.
      if (std::isinf(value)) return runtime_error("Invalid array length");
      out = to_letters(value, format.letter_case == LetterCase::Upper ? u'A' : u'a');
      break;
    case IntegerStyle::Roman:
      if (std::floor(value / 1000) > kMaxRomanThousands) return runtime_error("Maximum call stack size exceeded");
      out = to_roman(value);
      if (format.letter_case == LetterCase::Upper) out = js::ascii_upper(out);
      break;
    case IntegerStyle::Words: {
      auto words = number_to_words(value, format.ordinal);
      if (!words) return std::move(words).error();
      out = std::move(words.value());
      if (format.letter_case == LetterCase::Upper) out = js::ascii_upper(out);
      else if (format.letter_case == LetterCase::Lower) out = js::ascii_lower(out);
      break;
    }
    case IntegerStyle::Decimal: {
      auto digits = format_decimal(value, format);
      if (!digits) return std::move(digits).error();
      out = std::move(digits.value());
      break;
    }
    case IntegerStyle::Sequence:
      return picture_error("D3130", format.token);
  }
  if (negative) out.insert(out.begin(), u'-');
  return out;
}

}  // namespace tb::jsonata::pictures
