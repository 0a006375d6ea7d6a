#pragma once
// $formatNumber's everyday pictures ("#,##0.00", "0.0", "$#,##0.00", "#,##0 EUR"), formatted by the engine
// itself. The full picture code (src/pictures/) works on UTF-16 strings, as the reference does,
// and in the WASM builds lives in a separately loaded module, so each value formatted there
// crosses between two modules. An amount column formatted with one of these pictures is the
// common case, and for it the rules of F&O 4.7 reduce to a few digit operations on ASCII.
//
// Only the picture's shape is decided here: the picture is still analysed (and its errors
// reported) by the pictures code first, so an expression behaves the same whether or not its
// picture is a simple one. tests/jsonata/test_simple_number_picture.cpp checks this formatter
// against the full one on every picture shape it accepts.

#include <cstddef>
#include <optional>
#include <string_view>

namespace tb::jsonata {

/// A picture this file formats: one sub-picture and the default decimal format (no options
/// object). Its digits are ASCII '#', '0', ',' and at most one '.': optional digits before
/// mandatory ones in the integer part (at least one mandatory), mandatory before optional ones
/// in the fractional part (at most 20), and grouping separators, if any, only in the integer
/// part, at a regular interval and not first or last in it. Before and after them, text of up
/// to 16 bytes in all that holds none of the picture's active characters, no 'e' and no percent
/// or per-mille sign ("$", "€ ", " EUR"), written as it stands.
struct SimpleNumberPicture {
  int min_integer = 1;
  int min_fraction = 0;
  int max_fraction = 0;
  int grouping = 0;  // digits between separators; 0 = none
  char affixes[16] = {};  // the prefix, then the suffix
  unsigned char prefix = 0, suffix = 0;  // their lengths
};

/// The picture's shape when it is one of the above; nullopt for any other picture, which the
/// full formatter handles.
std::optional<SimpleNumberPicture> simple_number_picture(std::string_view picture);

/// Room for any answer: a sign, the affixes, 21 integer digits with a separator between each
/// two, a point and 20 fraction digits.
constexpr std::size_t kSimpleNumberMax = 96;

/// Writes $formatNumber(value, picture) into `out` and answers its length, or 0 (never the
/// length of an answer) to leave the value to the full formatter: when it is not finite, when
/// its shortest decimal form has more than 15 significant digits (0.1 + 0.2, most computed
/// values), or when it times 10^max_fraction reaches 2^52. Amounts as people write them have
/// short forms, so they are the ones formatted here.
std::size_t format_simple_number(double value, const SimpleNumberPicture& picture, char (&out)[kSimpleNumberMax]);

}  // namespace tb::jsonata
