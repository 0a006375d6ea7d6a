#pragma once
// Picture-string formatting and parsing for JSONata's $formatNumber, $formatInteger,
// $parseInteger, $fromMillis and $toMillis, following the XPath/XQuery Functions & Operators
// 3.1 rules as jsonata-js 2.2.2 implements them. Pure functions: no clock, no locale, no I/O.
// Strings are UTF-8 (handled internally as UTF-16 code units, as JavaScript does); errors
// carry the reference's D3xxx codes and message text, with Error::value_json set where the
// reference attaches a value. Where the reference itself fails with a JavaScript TypeError or
// RangeError (e.g. roman numerals of tens of millions, words for an invalid date) the code is
// "PICTURE_RUNTIME_ERROR" and the message is JavaScript's. Undefined arguments are the
// caller's business: JSONata returns undefined for an undefined value without calling these.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ticketbridge/jsonata.hpp"

namespace tb::jsonata::pictures {

/// The decimal-format properties $formatNumber accepts in its options object. Like the
/// reference, any string is taken (multi-character and empty ones included) and `infinity` /
/// `nan` are accepted but never used (JSON numbers are finite).
struct DecimalFormat {
  std::string decimal_separator = ".";
  std::string grouping_separator = ",";
  std::string exponent_separator = "e";
  std::string minus_sign = "-";
  std::string infinity = "Infinity";
  std::string nan = "NaN";
  std::string percent = "%";
  std::string per_mille = "\u2030";
  std::string zero_digit = "0";
  std::string digit = "#";
  std::string pattern_separator = ";";
};

/// Applies one entry of $formatNumber's options object ("decimal-separator", "zero-digit", ...).
/// Returns false (and changes nothing) for a name that is not a decimal-format property; the
/// reference silently ignores such entries.
bool set_decimal_format_property(DecimalFormat& format, std::string_view name, std::string_view value);

/// $formatNumber(value, picture, options)
Result<std::string> format_number(double value, std::string_view picture, const DecimalFormat& format);

/// The same in two steps, for callers that format many values with one picture: the picture
/// (with its options) analysed and validated once, then any number of values formatted with it.
/// Errors are the same as format_number's, each from the step that finds it.
struct NumberPicture;
Result<std::shared_ptr<const NumberPicture>> analyse_number_picture(std::string_view picture, const DecimalFormat& format);
Result<std::string> format_number(double value, const NumberPicture& picture);

/// Every property equal (a cached analysis may be reused).
bool same_decimal_format(const DecimalFormat& a, const DecimalFormat& b);

/// $formatInteger(value, picture)
Result<std::string> format_integer(double value, std::string_view picture);

/// $parseInteger(string, picture); nullopt = JSONata undefined. The value is NaN where the
/// reference returns NaN (text that does not fit the picture).
Result<std::optional<double>> parse_integer(std::string_view text, std::string_view picture);

/// $fromMillis(millis, picture?, timezone?): empty picture = the reference's ISO 8601 picture
/// [Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]; timezone is "" (UTC) or an offset
/// such as "+0100" / "-0530". Same as from_millis() with "" read as absent.
Result<std::string> format_datetime(double millis, std::string_view picture, std::string_view timezone);

/// $toMillis(timestamp, picture?): empty picture = ISO 8601; nullopt = JSONata undefined.
/// Components a picture leaves out before the first one it gives default from the Unix epoch
/// here; use to_millis() to default them from the evaluation's $now() as the reference does.
Result<std::optional<double>> parse_datetime(std::string_view text, std::string_view picture);

/// $fromMillis with JSONata's argument states kept apart: an absent picture means ISO 8601,
/// while an empty one formats to ""; an absent timezone means UTC, while any given string is
/// read with parseInt as "±hhmm" (so "" or "Z" give NaN fields, as in the reference).
Result<std::string> from_millis(double millis, std::optional<std::string_view> picture,
                                std::optional<std::string_view> timezone);

/// $toMillis with an absent picture (ISO 8601) kept apart from an empty one, and the
/// evaluation's current time `now_millis` (what $millis() returns) for the components the
/// picture leaves out before the first one it gives. The value is NaN where the reference
/// returns NaN (e.g. an out-of-range date).
Result<std::optional<double>> to_millis(std::string_view timestamp, std::optional<std::string_view> picture,
                                        double now_millis);

}  // namespace tb::jsonata::pictures
