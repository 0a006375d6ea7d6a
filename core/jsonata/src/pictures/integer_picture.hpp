#pragma once
// Integer pictures (XPath F&O 3.1 fn:format-integer, section 4.6) as jsonata-js 2.2.2 reads
// them: decimal digit patterns in any of the reference's Unicode digit families, optional
// digits and grouping separators; a/A letters, i/I roman numerals, w/W/Ww English words; ";o"
// for ordinals. Shared by $formatInteger, $parseInteger and the date/time components.

#include <cmath>
#include <vector>

#include "pictures/js_string.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb::jsonata::pictures {

enum class IntegerStyle { Decimal, Letters, Roman, Words, Sequence };
enum class LetterCase { Upper, Lower, Title };

struct GroupingSeparator {
  double position = 0;  // digits to its right (for a regular pattern: the interval)
  js::U16 character;
};

struct IntegerFormat {
  IntegerStyle style = IntegerStyle::Decimal;
  LetterCase letter_case = LetterCase::Lower;
  bool ordinal = false;
  // Decimal patterns only; NaN stands for the reference's `undefined` (it compares false and
  // poisons arithmetic the same way).
  char16_t zero_code = u'0';
  double mandatory_digits = NAN;
  double optional_digits = NAN;
  bool regular = false;                       // one separator repeating every `position` digits
  std::vector<GroupingSeparator> separators;  // regular: exactly one entry
  double parse_width = NAN;                   // fixed digit count when parsing adjacent numbers
  js::U16 token;                              // Sequence: the unsupported picture (for D3130)
};

/// Reads an integer picture ("primary;modifier"). Errors: D3131 (mixed digit families).
Result<IntegerFormat> analyse_integer_picture(js::U16View picture);

/// Formats `value` (an integer, or NaN for an invalid date) as the picture says.
/// Errors: D3130 for unsupported numbering sequences; runtime errors where the reference fails.
Result<js::U16> format_integer_value(double value, const IntegerFormat& format);

/// English words for a non-negative integer, title case ("One Hundred and Twenty-First").
Result<js::U16> number_to_words(double value, bool ordinal);

/// The value of English number words (lower case; separators ", ", " and ", space, "-", "\").
/// NaN when a word is not a number word.
double words_to_number(js::U16View text);

/// Every number word, in the order the reference lists them in its parsing regex.
const std::vector<js::U16>& number_words();

/// Reads a numeral `text` the way the reference's parser for `format` does (no validation).
/// Errors: D3130 for sequences; runtime errors where the reference throws a RangeError.
Result<double> parse_integer_value(js::U16View text, const IntegerFormat& format);

}  // namespace tb::jsonata::pictures
