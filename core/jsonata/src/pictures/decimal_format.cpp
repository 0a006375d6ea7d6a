// $formatNumber's options object read into a DecimalFormat, and two formats compared. Apart
// from the rest of the pictures because the engine's built-in does both before it asks the
// pictures for anything: a build that loads the pictures as a separate module
// (TB_JSONATA_PICTURES off, wasm/src/remote_pictures.cpp) keeps this file in the engine.
#include "pictures/pictures.hpp"

namespace tb::jsonata::pictures {

bool set_decimal_format_property(DecimalFormat& format, std::string_view name, std::string_view value) {
  std::string* field = nullptr;
  if (name == "decimal-separator") field = &format.decimal_separator;
  else if (name == "grouping-separator") field = &format.grouping_separator;
  else if (name == "exponent-separator") field = &format.exponent_separator;
  else if (name == "minus-sign") field = &format.minus_sign;
  else if (name == "infinity") field = &format.infinity;
  else if (name == "NaN") field = &format.nan;
  else if (name == "percent") field = &format.percent;
  else if (name == "per-mille") field = &format.per_mille;
  else if (name == "zero-digit") field = &format.zero_digit;
  else if (name == "digit") field = &format.digit;
  else if (name == "pattern-separator") field = &format.pattern_separator;
  if (field == nullptr) return false;
  field->assign(value.data(), value.size());
  return true;
}

bool same_decimal_format(const DecimalFormat& a, const DecimalFormat& b) {
  return a.decimal_separator == b.decimal_separator && a.grouping_separator == b.grouping_separator &&
         a.exponent_separator == b.exponent_separator && a.minus_sign == b.minus_sign && a.infinity == b.infinity &&
         a.nan == b.nan && a.percent == b.percent && a.per_mille == b.per_mille && a.zero_digit == b.zero_digit &&
         a.digit == b.digit && a.pattern_separator == b.pattern_separator;
}

}  // namespace tb::jsonata::pictures
