#pragma once
/// @file
/// @brief Exact conversions between decimal text and IEEE doubles, in integer arithmetic only.
///
/// Why not strtod and printf: in WebAssembly, musl's strtod and its printf's "%f"/"%e" run on
/// 128-bit long double, which is software arithmetic there; they cost 10 KiB of the gzipped
/// module and about a microsecond per number. Every double has a finite decimal expansion and
/// every decimal a nearest double, so both directions are exact integer work: 64- and 128-bit
/// arithmetic for the usual numbers, a small big-integer for the rest (long digit strings,
/// exponents far from zero, subnormals).
#include <cstddef>
#include <string>
#include <string_view>

namespace tb::text {

/// A positive decimal as its significant digits and the place of its point:
/// value = 0.d1 d2 ... dn × 10^point. No leading zeros; no trailing zeros once exact.
struct Decimal {
  std::string digits;
  int point = 0;
};

/// Every decimal digit of |v| (v finite and non-zero; a double has at most 767 significant ones).
Decimal exact_decimal(double v);

/// Rounds d to at most `significant` digits, ties to even (printf's "%.*e" on the exact value).
/// A carry out of the first digit moves the point. Trailing zeros are removed.
void round_significant(Decimal& d, std::size_t significant);

/// The double nearest to 0.digits × 10^point (ASCII digits, leading zeros allowed), ties to
/// even; `inexact` says that non-zero digits were cut off after `digits` (the value is a little
/// above what they spell). Overflow gives infinity, underflow zero, as strtod does.
double decimal_to_double(std::string_view digits, long point, bool inexact = false);

/// strtod for decimal text: [white space][+|-] then digits[.digits] or .digits, then an optional
/// (e|E)[+|-]digits; or inf, infinity, nan (any case). Correctly rounded. *used (when given) is
/// the number of characters read: 0 when no number starts the text. Hexadecimal floats are not
/// read (nothing here writes them): "0x1p3" reads as 0, one character.
double parse_double(std::string_view text, std::size_t* used = nullptr);

/// How a decimal rounds at a cut when the dropped part is exactly one half.
enum class Ties { even, away_from_zero };

/// v with exactly `fraction_digits` digits after the point, rounded on its exact value:
/// printf's "%.*f" with Ties::even, JavaScript's toFixed with Ties::away_from_zero. Finite v
/// only; a negative v (and -0) gets a minus sign, as printf writes it.
std::string format_fixed(double v, int fraction_digits, Ties ties = Ties::even);

}  // namespace tb::text
