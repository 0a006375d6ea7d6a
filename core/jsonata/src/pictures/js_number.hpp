#pragma once
// JavaScript number semantics the picture functions depend on: Number.prototype.toString and
// toFixed, parseInt, string-to-number conversion, Math.round, and JSONata's own $round
// (half to even, by shifting the decimal point in the string form). Built on the exact
// conversions of ticketbridge/text/decimal.hpp: Emscripten's libc++ has no floating-point
// to_chars/from_chars, and musl's strtod and printf run on software long double there.

#include <string>
#include <string_view>

#include "pictures/js_string.hpp"

namespace tb::jsonata::pictures::js {

/// Number.prototype.toString(): shortest round-trip digits, exponent form outside 1e-7..1e21.
std::string number_to_string(double value);

/// ToNumber applied to a string (StringNumericLiteral); NaN when the text is not a number.
double string_to_number(std::string_view text);

/// Number.prototype.toFixed(digits) for 0 <= digits <= 100 (the caller checks the range):
/// exact decimal expansion, ties away from zero; ToString for |value| >= 1e21.
std::string to_fixed(double value, int digits);

/// parseInt(text) with no radix: leading white space, sign, optional 0x prefix; NaN if no digits.
double parse_int(U16View text);

/// Math.round: nearest integer, ties towards +Infinity, keeping the sign of zero.
double math_round(double value);

/// JSONata's $round(value, precision): half to even at `precision` decimal places.
double round_half_even(double value, int precision);

}  // namespace tb::jsonata::pictures::js
