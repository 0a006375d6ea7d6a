// $formatNumber, $formatInteger and $parseInteger against rows recorded from jsonata-js 2.2.2
// (tests/fixtures/pictures/generate.mjs): the conformance cases plus our own edge cases.

#include <boost/test/unit_test.hpp>

#include "pictures/pictures.hpp"
#include "picture_fixtures.hpp"

namespace pictures = tb::jsonata::pictures;
using picture_fixtures::describe;
using picture_fixtures::load_rows;
using picture_fixtures::matches;

BOOST_AUTO_TEST_CASE(format_number_matches_reference) {
  for (const auto& row : load_rows("format_number.json")) {
    const auto& args = row["args"];
    pictures::DecimalFormat format;
    if (args.size() > 2 && args[2].is_object()) {
      for (const auto& [name, value] : args[2].items()) {
        pictures::set_decimal_format_property(format, name, value.get<std::string>());
      }
    }
    const auto got = pictures::format_number(args[0].get<double>(), args[1].get<std::string>(), format);
    std::string why;
    const bool same = matches(row["expect"], got, why);
    BOOST_CHECK_MESSAGE(same, describe(row) + " -> " + why);
  }
}

BOOST_AUTO_TEST_CASE(format_integer_matches_reference) {
  for (const auto& row : load_rows("format_integer.json")) {
    const auto& args = row["args"];
    const auto got = pictures::format_integer(args[0].get<double>(), args[1].get<std::string>());
    std::string why;
    const bool same = matches(row["expect"], got, why);
    BOOST_CHECK_MESSAGE(same, describe(row) + " -> " + why);
  }
}

BOOST_AUTO_TEST_CASE(parse_integer_matches_reference) {
  for (const auto& row : load_rows("parse_integer.json")) {
    const auto& args = row["args"];
    const auto got = pictures::parse_integer(args[0].get<std::string>(), args[1].get<std::string>());
    std::string why;
    const bool same = matches(row["expect"], got, why);
    BOOST_CHECK_MESSAGE(same, describe(row) + " -> " + why);
  }
}

BOOST_AUTO_TEST_CASE(decimal_format_properties_are_named_as_in_jsonata_options) {
  pictures::DecimalFormat format;
  BOOST_TEST(pictures::set_decimal_format_property(format, "zero-digit", "\u0660"));
  BOOST_TEST(pictures::set_decimal_format_property(format, "per-mille", "pm"));
  BOOST_TEST(pictures::set_decimal_format_property(format, "NaN", "nan"));
  BOOST_TEST(!pictures::set_decimal_format_property(format, "zero_digit", "x"));
  BOOST_TEST(format.zero_digit == "\u0660");
  BOOST_TEST(format.per_mille == "pm");
  BOOST_TEST(format.nan == "nan");
  const auto arabic = pictures::format_number(1234.5, "#,##\u0660.\u0660\u0660", format);
  BOOST_REQUIRE(arabic.ok());
  BOOST_TEST(arabic.value() == "\u0661,\u0662\u0663\u0664.\u0665\u0660");
}

BOOST_AUTO_TEST_CASE(picture_errors_carry_the_offending_value) {
  const auto seq = pictures::format_integer(5, "\u03b1");
  BOOST_REQUIRE(!seq.ok());
  BOOST_TEST(seq.error().code == "D3130");
  BOOST_TEST(seq.error().value_json == "\"\u03b1\"");
}
