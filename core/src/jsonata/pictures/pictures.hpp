#pragma once
// Picture-string formatting and parsing for JSONata's $formatNumber, $formatInteger,
// $parseInteger, $fromMillis and $toMillis, following the XPath/XQuery Functions & Operators
// 3.1 rules as jsonata-js 2.2.2 implements them. Pure functions: no clock, no locale, no I/O.
// Strings are UTF-8; errors carry the reference's D3xxx codes and message text.

#include <optional>
#include <string>
#include <string_view>

#include "ticketbridge/error.hpp"

namespace tb::jsonata::pictures {

/// The decimal-format properties $formatNumber accepts in its options object
/// (each a single character, except infinity/NaN/percent/per-mille which may be strings).
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

/// $formatNumber(value, picture, options)
Result<std::string> format_number(double value, std::string_view picture, const DecimalFormat& format);

/// $formatInteger(value, picture)
Result<std::string> format_integer(double value, std::string_view picture);

/// $parseInteger(string, picture); nullopt = JSONata undefined
Result<std::optional<double>> parse_integer(std::string_view text, std::string_view picture);

/// $fromMillis(millis, picture?, timezone?): empty picture = ISO 8601 like JS toISOString();
/// timezone is "" (UTC) or an offset such as "+0100" / "-0530".
Result<std::string> format_datetime(double millis, std::string_view picture, std::string_view timezone);

/// $toMillis(timestamp, picture?): empty picture = ISO 8601; nullopt = JSONata undefined.
Result<std::optional<double>> parse_datetime(std::string_view text, std::string_view picture);

}  // namespace tb::jsonata::pictures
