// $fromMillis and $toMillis against rows recorded from jsonata-js 2.2.2
// (tests/fixtures/pictures/generate.mjs): the conformance cases plus our own edge cases.

#include <cmath>

#include <boost/test/unit_test.hpp>

#include "pictures/pictures.hpp"
#include "picture_fixtures.hpp"

namespace pictures = tb::jsonata::pictures;
using picture_fixtures::describe;
using picture_fixtures::load_rows;
using picture_fixtures::matches;
using picture_fixtures::optional_text;

namespace {
std::optional<std::string_view> view(const std::optional<std::string>& s) {
  return s ? std::optional<std::string_view>(*s) : std::nullopt;
}
}  // namespace

BOOST_AUTO_TEST_CASE(from_millis_matches_reference) {
  for (const auto& row : load_rows("from_millis.json")) {
    const auto& args = row["args"];
    const auto picture = optional_text(args, 1);
    const auto timezone = optional_text(args, 2);
    const auto got = pictures::from_millis(args[0].get<double>(), view(picture), view(timezone));
    std::string why;
    const bool same = matches(row["expect"], got, why);
    BOOST_CHECK_MESSAGE(same, describe(row) + " -> " + why);
  }
}

BOOST_AUTO_TEST_CASE(to_millis_matches_reference) {
  for (const auto& row : load_rows("to_millis.json")) {
    const auto& args = row["args"];
    const auto picture = optional_text(args, 1);
    const auto got = pictures::to_millis(args[0].get<std::string>(), view(picture), row["now"].get<double>());
    std::string why;
    const bool same = matches(row["expect"], got, why);
    BOOST_CHECK_MESSAGE(same, describe(row) + " -> " + why);
  }
}

BOOST_AUTO_TEST_CASE(empty_arguments_of_the_string_api_mean_absent) {
  const auto iso = pictures::format_datetime(1521801216617, "", "");
  BOOST_REQUIRE(iso.ok());
  BOOST_TEST(iso.value() == "2018-03-23T10:33:36.617Z");
  const auto shifted = pictures::format_datetime(1521801216617, "", "-0500");
  BOOST_REQUIRE(shifted.ok());
  BOOST_TEST(shifted.value() == "2018-03-23T05:33:36.617-05:00");
  const auto parsed = pictures::parse_datetime("2018-03-23T10:33:36.617Z", "");
  BOOST_REQUIRE(parsed.ok() && parsed.value());
  BOOST_TEST(*parsed.value() == 1521801216617.0);
}

BOOST_AUTO_TEST_CASE(parse_datetime_defaults_missing_leading_components_from_the_epoch) {
  const auto t = pictures::parse_datetime("10:30", "[H]:[m]");
  BOOST_REQUIRE(t.ok() && t.value());
  BOOST_TEST(*t.value() == 37800000.0);
}
