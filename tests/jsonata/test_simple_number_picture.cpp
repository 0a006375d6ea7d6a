// The engine's own formatter of $formatNumber's everyday pictures (simple_number_picture.hpp)
// must answer exactly what the full picture code answers, or decline: against the rows
// recorded from jsonata-js, and against the full formatter on random pictures of every shape
// it accepts and values of every magnitude, ties and signs included.

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>
#include <string>

#include "picture_fixtures.hpp"
#include "pictures/pictures.hpp"
#include "simple_number_picture.hpp"

namespace pictures = tb::jsonata::pictures;
using tb::jsonata::format_simple_number;
using tb::jsonata::kSimpleNumberMax;
using tb::jsonata::simple_number_picture;

namespace {

// The simple formatter's answer, or "" when it declines.
std::string simple(double value, const std::string& picture) {
  const auto shape = simple_number_picture(picture);
  if (!shape) return "";
  char out[kSimpleNumberMax];
  return std::string(out, format_simple_number(value, *shape, out));
}

std::string full(double value, const std::string& picture) {
  auto r = pictures::format_number(value, picture, pictures::DecimalFormat());
  return r.ok() ? r.value() : "error " + r.error().code;
}

// A random picture the simple formatter should accept: optional then mandatory integer
// digits with separators every `group` digits, then mandatory and optional fraction digits.
std::string random_picture(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const int optional = pick(0, 6), mandatory = pick(1, 8), group = pick(0, 4);
  std::string integer;
  const int digits = optional + mandatory;
  for (int i = 0; i < digits; ++i) {
    if (group > 0 && i > 0 && (digits - i) % group == 0) integer += ',';
    integer += i < optional ? '#' : '0';
  }
  const int zeros = pick(0, 4), hashes = pick(0, 3);
  const bool point = zeros + hashes > 0 || pick(0, 3) == 0;  // "0." as well
  static const char* const kAffixes[] = {"", "", "", "$", "\xE2\x82\xAC ", " EUR", "USD ", "(", ")", " kg"};
  const char* prefix = kAffixes[pick(0, 9)];
  const char* suffix = kAffixes[pick(0, 9)];
  return prefix + integer + (point ? "." + std::string(static_cast<std::size_t>(zeros), '0') + std::string(static_cast<std::size_t>(hashes), '#') : "") + suffix;
}

double random_value(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const double sign = pick(0, 1) ? -1.0 : 1.0;
  switch (pick(0, 5)) {
    case 0:  // a tie at some decimal place: k + 0.5 scaled, e.g. 2.345, 0.125, 1.005
      return sign * (pick(0, 100000) + 0.5) / std::pow(10.0, pick(0, 4));
    case 1:  // cents
      return sign * pick(0, 100000000) / 100.0;
    case 2:  // any magnitude, 1e-9 to 1e22
      return sign * std::uniform_real_distribution<double>(1, 10)(rng) * std::pow(10.0, pick(-9, 22));
    case 3:  // below a half of the last place: rounds to zero, keeps the value's sign
      return sign * std::uniform_real_distribution<double>(0, 0.01)(rng);
    case 4:  // up to 15 significant digits, the point anywhere: the formatter's own digit path
      return sign * static_cast<double>(rng() % 1000000000000000ULL) / std::pow(10.0, pick(0, 18));
    default:  // a random double of the usual range
      return sign * std::uniform_real_distribution<double>(0, 1e7)(rng);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(recorded_rows_of_simple_pictures_answer_as_jsonata_js) {
  int formatted = 0;
  for (const auto& row : picture_fixtures::load_rows("format_number.json")) {
    const auto& args = row["args"];
    if (args.size() != 2 || !args[1].is_string() || !row["expect"].contains("result")) continue;
    const std::string got = simple(args[0].get<double>(), args[1].get<std::string>());
    if (got.empty()) continue;
    ++formatted;
    BOOST_CHECK_MESSAGE(got == row["expect"]["result"].get<std::string>(), picture_fixtures::describe(row) + " -> " + got);
  }
  BOOST_TEST(formatted >= 150);  // "#,##0.00", "0.000", "#,##0", "00000", "000,000", "0", ...
}

BOOST_AUTO_TEST_CASE(declines_what_it_does_not_format) {
  // Percent and per-mille, exponents, an 'e' in the text around, two sub-pictures, irregular
  // or fractional grouping, no mandatory integer digit, a mandatory digit after an optional
  // one, more than 20 decimals, more than 16 bytes of text around.
  for (const char* picture : {"0%", "\xE2\x80\xB0 0", "#,##0 euro", "0.00 USD in total today", "0.0e0", "#,##0;(#,##0)", "#,##,##0", "#,##0.0,00", "#.00",
                              "#", ".00", "0#", "0.#0", "0.000000000000000000000", ",##0", "0,", "#,,##0", "0.0.0",
                              "", "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"}) {
    BOOST_TEST(!simple_number_picture(picture), picture);
  }
  const auto shape = simple_number_picture("#,##0.00");
  BOOST_REQUIRE(shape);
  char out[kSimpleNumberMax];
  // Not finite; 10^21 and above; 17 significant digits; 2^52 hundredths and above.
  for (const double v : {double(INFINITY), -double(INFINITY), double(NAN), 1e21, -2e21, 0.1 + 0.2, 45035996273705.0}) {
    BOOST_TEST(format_simple_number(v, *shape, out) == 0u, v);
  }
  BOOST_TEST(std::string(out, format_simple_number(45035996273704.0, *shape, out)) == "45,035,996,273,704.00");
  BOOST_TEST(std::string(out, format_simple_number(-0.001, *shape, out)) == "-0.00");
  const auto dollars = simple_number_picture("$#,##0.00");
  BOOST_REQUIRE(dollars);
  BOOST_TEST(std::string(out, format_simple_number(-1234.5, *dollars, out)) == "-$1,234.50");
  const auto euros = simple_number_picture("#,##0 EUR");
  BOOST_REQUIRE(euros);
  BOOST_TEST(std::string(out, format_simple_number(1234.5, *euros, out)) == "1,234 EUR");
}

BOOST_AUTO_TEST_CASE(random_pictures_and_values_answer_as_the_full_formatter) {
  std::mt19937_64 rng(20261206);
  int compared = 0, declined = 0;
  for (int p = 0; p < 400; ++p) {
    const std::string picture = random_picture(rng);
    BOOST_REQUIRE_MESSAGE(simple_number_picture(picture), "declined " << picture);
    for (int i = 0; i < 100; ++i) {
      const double value = random_value(rng);
      const std::string got = simple(value, picture);
      if (got.empty()) {
        ++declined;
        continue;
      }
      ++compared;
      const std::string want = full(value, picture);
      if (got != want) BOOST_ERROR(picture << " with " << value << " (" << std::hexfloat << value << "): " << got << " != " << want);
    }
  }
  // Most of the ties, cents and short decimals above have short forms; random doubles do not.
  BOOST_TEST(compared > 20000);
  BOOST_TEST(declined > 5000);
  // Signs and zeros the random values may miss.
  for (const double v : {0.0, -0.0, -0.004, 0.005, -0.005, 0.015, 1.005, 2.5, 3.5, -2.5, 999999.995, 1e15 + 0.5, 123456789012345680000.0,
                         0.125, 0.375, 1234567890123.45, 123456789012.345, 4503599627370495.0, 45035996273704.95,
                         1e-7, 5e-7, 2.5e-6}) {
    for (const char* picture : {"0", "#,##0.00", "0.0#", "000,000", "0.", "#,###,##0.000"}) {
      const std::string got = simple(v, picture);
      BOOST_CHECK_MESSAGE(got.empty() || got == full(v, picture), picture << " with " << v << ": " << got << " != " << full(v, picture));
    }
  }
}

BOOST_AUTO_TEST_CASE(any_picture_it_accepts_is_valid_and_formats_as_the_full_formatter) {
  // Random strings over the picture alphabet and a few characters that make a picture not
  // simple: whatever the shape test accepts, the full analysis must accept, with the same
  // answers.
  std::mt19937_64 rng(61);
  const std::string alphabet = "#0,.,#00;%e-$ 9EU(";
  int accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string picture;
    const int length = static_cast<int>(rng() % 9) + 1;
    for (int k = 0; k < length; ++k) picture += alphabet[rng() % alphabet.size()];
    if (!simple_number_picture(picture)) continue;
    ++accepted;
    BOOST_REQUIRE_MESSAGE(pictures::analyse_number_picture(picture, pictures::DecimalFormat()).ok(), picture);
    for (const double v : {0.0, 7.0, -12.5, 1234.567, 98765.4321, 0.045}) {
      const std::string got = simple(v, picture);
      BOOST_CHECK_MESSAGE(got == full(v, picture), picture << " with " << v << ": " << got << " != " << full(v, picture));
    }
  }
  BOOST_TEST(accepted > 1000);
}
