// $formatNumber, $formatInteger and $parseInteger against rows recorded from jsonata-js 2.2.2
// (tests/fixtures/pictures/generate.mjs): the conformance cases plus our own edge cases.

#include <boost/test/unit_test.hpp>

#include "pictures/pictures.hpp"
#include "ticketbridge/jsonata.hpp"
#include "picture_fixtures.hpp"

namespace pictures = tb::jsonata::pictures;
using picture_fixtures::describe;
using picture_fixtures::load_rows;
using picture_fixtures::matches;

namespace {

// The decimal format a fixture row's third argument (an options object) describes.
pictures::DecimalFormat format_of(const nlohmann::json& args) {
  pictures::DecimalFormat format;
  if (args.size() > 2 && args[2].is_object()) {
    for (const auto& [name, value] : args[2].items()) {
      pictures::set_decimal_format_property(format, name, value.get<std::string>());
    }
  }
  return format;
}

}  // namespace

BOOST_AUTO_TEST_CASE(format_number_matches_reference) {
  for (const auto& row : load_rows("format_number.json")) {
    const auto& args = row["args"];
    pictures::DecimalFormat format = format_of(args);
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

// The two-step form (picture analysed once, then applied) must format exactly as the one-step
// call: $formatNumber reuses an analysis for every item of a sequence.
BOOST_AUTO_TEST_CASE(analysed_picture_formats_like_the_one_step_call) {
  const double values[] = {0, -0.5, 0.125, 1.005, -1234.5678, 98765.4321, 1e-7, 123456789012.0, 2.5e21};
  int compared = 0;
  for (const auto& row : load_rows("format_number.json")) {
    const auto& args = row["args"];
    pictures::DecimalFormat format = format_of(args);
    const std::string picture = args[1].get<std::string>();
    const auto analysed = pictures::analyse_number_picture(picture, format);
    const auto direct = pictures::format_number(args[0].get<double>(), picture, format);
    if (!analysed.ok()) {
      // The error a picture has is found by the analysis, before any value is looked at.
      BOOST_CHECK_MESSAGE(!direct.ok() && direct.error().code == analysed.error().code, describe(row));
      continue;
    }
    for (double v : values) {
      const auto one = pictures::format_number(v, picture, format);
      const auto two = pictures::format_number(v, *analysed.value());
      BOOST_REQUIRE_EQUAL(one.ok(), two.ok());
      if (one.ok()) BOOST_CHECK_MESSAGE(one.value() == two.value(), describe(row) + " value " + std::to_string(v));
      else BOOST_CHECK(one.error().code == two.error().code);
      ++compared;
    }
  }
  BOOST_TEST(compared > 100);
}

namespace {
std::string eval_text(const std::string& source) {
  auto e = tb::jsonata::Expression::compile(source);
  BOOST_REQUIRE(e.ok());
  auto r = e.value().evaluate_json("null");
  if (!r.ok()) return "error " + r.error().code;
  return r.value().json;
}
}  // namespace

// Within one evaluation the analysis is reused only for the same picture and options
// (answers checked against jsonata-js 2.2.2).
BOOST_AUTO_TEST_CASE(format_number_in_a_sequence_follows_each_items_picture_and_options) {
  BOOST_TEST(eval_text(R"([1234.5, 0.25, -1234.5].$formatNumber($, $ > 0 and $ < 1 ? "0%" : "#,##0.00"))") ==
             R"(["1,234.50","25%","-1,234.50"])");
  BOOST_TEST(eval_text(R"([1, 2, 1].$formatNumber(1234.5, $ = 1 ? "#,##0.00" : "#.##0,00", $ = 1 ? {} : {"decimal-separator": ",", "grouping-separator": "."}))") ==
             R"(["1,234.50","1.234,50","1,234.50"])");
  // A bad picture later in the sequence is still reported, after good ones were cached.
  BOOST_TEST(eval_text(R"([1, 2].$formatNumber($, $ = 1 ? "0.0" : "0.0.0"))") == "error D3081");
}
