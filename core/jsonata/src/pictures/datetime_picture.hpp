#pragma once
// Date/time pictures (XPath F&O 3.1 section 9.8.4) as jsonata-js 2.2.2 reads them: literal
// text with [[ and ]] escapes, and variable markers [component presentation ,min-max] whose
// white space is ignored. Shared by $fromMillis (formatting) and $toMillis (parsing).

#include <optional>
#include <vector>

#include "pictures/integer_picture.hpp"
#include "pictures/js_string.hpp"
#include "ticketbridge/jsonata.hpp"

namespace tb::jsonata::pictures {

/// A width modifier; nullopt = not given or "*", NaN = given but not a number.
struct WidthModifier {
  std::optional<double> min;
  std::optional<double> max;
};

struct PicturePart {
  bool literal = false;
  js::U16 text;                         // literal text
  js::U16 component;                    // marker: its first code unit
  js::U16 presentation1;                // e.g. "01", "Nn", "w"
  js::U16 presentation2;                // "a", "t", "c", "o" or empty
  std::optional<WidthModifier> width;
  std::optional<LetterCase> names;      // n / N / Nn: the component is written as a name
  std::optional<IntegerFormat> integer; // numeric components, and Z/z
  double year_digits = -1;              // Y: keep this many low-order digits (-1 = all)
};

/// Splits a picture into literals and markers. Errors: D3135 (no closing bracket), D3132
/// (unknown component without a presentation modifier), D3131 (mixed digit families).
Result<std::vector<PicturePart>> analyse_datetime_picture(js::U16View picture);

}  // namespace tb::jsonata::pictures
