// $formatInteger / $parseInteger entry points, and reading numerals back. Like the reference,
// parsing does not check the text against the picture: it strips what the picture says to
// strip and converts the rest, so text that does not fit gives NaN or a partial number.

#include <cmath>
#include <string>

#include "pictures/integer_picture.hpp"
#include "pictures/js_number.hpp"
#include "pictures/js_pow.hpp"
#include "pictures/picture_errors.hpp"
#include "pictures/pictures.hpp"

namespace tb::jsonata::pictures {
namespace {

using js::U16;
using js::U16View;

double roman_value(char16_t c) {
  switch (c) {
    case u'M': return 1000;
    case u'D': return 500;
    case u'C': return 100;
    case u'L': return 50;
    case u'X': return 10;
    case u'V': return 5;
    case u'I': return 1;
    default: return NAN;
  }
}

double roman_to_number(U16View roman) {
  double total = 0;
  double max = 1;
  for (std::size_t i = roman.size(); i-- > 0;) {
    const double value = roman_value(roman[i]);
    if (value < max) {
      total -= value;
    } else {
      max = value;
      total += value;
    }
  }
  return total;
}

// String.prototype.toUpperCase as far as roman numerals care: ASCII, plus the dotless i.
U16 roman_upper(U16View s) {
  U16 out = js::ascii_upper(s);
  for (auto& c : out) if (c == 0x0131) c = u'I';
  return out;
}

double letters_to_number(U16View letters, char16_t a) {
  double total = 0;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const double digit = static_cast<double>(letters[letters.size() - i - 1]) - a + 1;
    total += digit * js::pow26(static_cast<double>(i));
  }
  return total;
}

Result<double> decimal_to_number(U16View text, const IntegerFormat& format) {
  U16 digits(text);
  if (format.ordinal) digits = js::substring(digits, 0, static_cast<std::ptrdiff_t>(digits.size()) - 2);
  if (format.regular) {
    digits = js::replace_all(digits, u",", u"");  // the reference strips commas, whatever the separator
  } else {
    for (const auto& sep : format.separators) digits = js::replace_all(digits, sep.character, u"");
  }
  if (format.zero_code != u'0') {
    U16 mapped;
    for (const char16_t unit : digits) {
      const long cp = static_cast<long>(unit) - format.zero_code + 0x30;
      if (cp < 0) return runtime_error("Invalid code point " + std::to_string(cp));
      if (cp < 0x10000) {
        mapped.push_back(static_cast<char16_t>(cp));
      } else {
        mapped.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
        mapped.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
      }
    }
    digits = std::move(mapped);
  }
  return js::parse_int(digits);
}

}  // namespace

Result<double> parse_integer_value(U16View text, const IntegerFormat& format) {
  switch (format.style) {
    case IntegerStyle::Letters:
      return letters_to_number(text, format.letter_case == LetterCase::Upper ? u'A' : u'a');
    case IntegerStyle::Roman:
      return roman_to_number(format.letter_case == LetterCase::Upper ? U16(text) : roman_upper(text));
    case IntegerStyle::Words:
      return words_to_number(js::ascii_lower(text));
    case IntegerStyle::Decimal:
      return decimal_to_number(text, format);
    case IntegerStyle::Sequence:
      break;
  }
  return picture_error("D3130", format.token);
}

Result<std::string> format_integer(double value, std::string_view picture) {
  auto format = analyse_integer_picture(js::from_utf8(picture));
  if (!format) return std::move(format).error();
  auto out = format_integer_value(std::floor(value), format.value());
  if (!out) return std::move(out).error();
  return js::to_utf8(out.value());
}

Result<std::optional<double>> parse_integer(std::string_view text, std::string_view picture) {
  auto format = analyse_integer_picture(js::from_utf8(picture));
  if (!format) return std::move(format).error();
  auto value = parse_integer_value(js::from_utf8(text), format.value());
  if (!value) return std::move(value).error();
  return std::optional<double>(value.value());
}

}  // namespace tb::jsonata::pictures
