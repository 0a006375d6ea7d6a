// The exact decimal conversions (core/text decimal.hpp) against the C library's, which are
// exact natively (glibc): the WASM build uses ours in place of musl's long-double ones, so
// here is where their agreement is proved, on seeded random doubles across every exponent,
// on random decimal text, and on the exact halfway points between neighbouring doubles.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "ticketbridge/text/decimal.hpp"

namespace text = tb::text;

namespace {

// A finite, non-zero double from random bits (every exponent equally likely, subnormals too).
double random_double(std::mt19937_64& rng) {
  for (;;) {
    const std::uint64_t bits = rng() & ~(std::uint64_t{1} << 63);
    double v;
    std::memcpy(&v, &bits, 8);
    if (std::isfinite(v) && v != 0) return v;
  }
}

// glibc's exact expansion of v as (digits, point), value = 0.digits × 10^point.
text::Decimal libc_decimal(double v, int significant = 800) {
  static char buf[1200];
  std::snprintf(buf, sizeof buf, "%.*e", significant - 1, std::fabs(v));
  text::Decimal d;
  const char* p = buf;
  for (; *p != 'e'; ++p)
    if (*p >= '0' && *p <= '9') d.digits += *p;
  d.point = std::atoi(p + 1) + 1;
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

std::string libc_fixed(double v, int places) {
  static char buf[1400];
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  return buf;
}

bool same_double(double a, double b) { return std::memcmp(&a, &b, 8) == 0; }

}  // namespace

BOOST_AUTO_TEST_CASE(every_digit_of_a_double_matches_the_c_library) {
  std::mt19937_64 rng(20261205);
  for (int i = 0; i < 3000; ++i) {
    const double v = random_double(rng);
    const text::Decimal ours = text::exact_decimal(v);
    const text::Decimal libc = libc_decimal(v);
    BOOST_TEST_INFO("v = " << libc_fixed(v, 0) << " bits " << i);
    BOOST_TEST(ours.digits == libc.digits);
    BOOST_TEST(ours.point == libc.point);
  }
  for (double v : {1.0, 0.1, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 9007199254740993.0,
                   18446744073709551616.0, 1e21, 123.456, 0.30000000000000004}) {
    const text::Decimal ours = text::exact_decimal(v);
    BOOST_TEST(ours.digits == libc_decimal(v).digits);
    BOOST_TEST(ours.point == libc_decimal(v).point);
  }
}

BOOST_AUTO_TEST_CASE(rounding_to_n_digits_is_printfs_e_format) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 3000; ++i) {
    const double v = i % 3 ? random_double(rng) : std::ldexp(static_cast<double>(rng() % 100000), -static_cast<int>(rng() % 20));
    if (v == 0) continue;
    const std::size_t n = 1 + rng() % 25;
    text::Decimal ours = text::exact_decimal(v);
    text::round_significant(ours, n);
    const text::Decimal libc = libc_decimal(v, static_cast<int>(n));
    BOOST_TEST_INFO("v = " << libc_fixed(v, 30) << ", " << n << " digits");
    BOOST_TEST(ours.digits == libc.digits);
    BOOST_TEST(ours.point == libc.point);
  }
  text::Decimal nines = text::exact_decimal(9.96);
  text::round_significant(nines, 2);  // 9.96 -> 10: the carry moves the point
  BOOST_TEST(nines.digits == "1");
  BOOST_TEST(nines.point == 2);
}

BOOST_AUTO_TEST_CASE(fixed_notation_is_printfs_f_format_and_tofixed_rounds_ties_away) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 4000; ++i) {
    double v;
    switch (i % 4) {
      case 0: v = random_double(rng); break;                                                         // any
      case 1: v = static_cast<double>(rng() % 10000000) / 1000.0; break;                             // amounts
      case 2: v = std::ldexp(static_cast<double>(rng() % 4096), -static_cast<int>(rng() % 12)); break;  // ties
      default: v = static_cast<double>(rng() % 1000) * std::pow(10.0, static_cast<int>(rng() % 60) - 30);
    }
    if (i % 5 == 0) v = -v;
    const int places = static_cast<int>(rng() % 40);
    if (std::fabs(v) > 1e300) continue;
    BOOST_TEST_INFO("v = " << libc_fixed(v, 40) << ", " << places << " places");
    BOOST_TEST(text::format_fixed(v, places) == libc_fixed(v, places));
  }
  // Every binary exponent from 2^-40 to 2^60 with full 53-bit mantissas: the 128-bit path
  // reaches 39 digits, where m × 5^32 over 10^19 no longer fits 64 bits (1.9e6 with 32
  // fraction bits once came out as 131076).
  for (int e = -40; e <= 60; ++e) {
    for (int i = 0; i < 40; ++i) {
      const double v = std::ldexp(static_cast<double>((rng() >> 11) | (std::uint64_t{1} << 52)), e - 52);
      const int places = static_cast<int>(rng() % 12);
      BOOST_TEST_INFO("v = " << libc_fixed(v, 40) << ", " << places << " places");
      BOOST_TEST(text::format_fixed(v, places) == libc_fixed(v, places));
    }
  }
  BOOST_TEST(text::format_fixed(2076542.1051, 4) == "2076542.1051");
  BOOST_TEST(text::format_fixed(-0.0, 2) == "-0.00");
  BOOST_TEST(text::format_fixed(0.0, 0) == "0");
  BOOST_TEST(text::format_fixed(0.5, 0) == "0");
  BOOST_TEST(text::format_fixed(0.5, 0, text::Ties::away_from_zero) == "1");
  BOOST_TEST(text::format_fixed(2.5, 0, text::Ties::away_from_zero) == "3");
  BOOST_TEST(text::format_fixed(1.125, 2) == "1.12");
  BOOST_TEST(text::format_fixed(1.125, 2, text::Ties::away_from_zero) == "1.13");
  BOOST_TEST(text::format_fixed(1.005, 2, text::Ties::away_from_zero) == "1.00");  // 1.00499999999999989...
  BOOST_TEST(text::format_fixed(0.0001, 2, text::Ties::away_from_zero) == "0.00");
  BOOST_TEST(text::format_fixed(9.995, 2, text::Ties::away_from_zero) == "9.99");  // 9.99499999999999957...
  BOOST_TEST(text::format_fixed(99.5, 0, text::Ties::away_from_zero) == "100");
}

BOOST_AUTO_TEST_CASE(reading_decimal_text_matches_strtod) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    if (rng() % 4 == 0) s += '-';
    const int int_digits = static_cast<int>(rng() % 25);
    const int frac_digits = static_cast<int>(rng() % (i % 10 == 0 ? 60 : 25));
    for (int k = 0; k < int_digits; ++k) s += static_cast<char>('0' + rng() % 10);
    if (frac_digits || int_digits == 0) {
      s += '.';
      for (int k = 0; k < frac_digits || (int_digits == 0 && k == 0); ++k) s += static_cast<char>('0' + rng() % 10);
    }
    if (rng() % 2) s += "e" + std::to_string(static_cast<int>(rng() % 700) - 350);
    std::size_t used = 0;
    const double ours = text::parse_double(s, &used);
    char* end = nullptr;
    const double libc = std::strtod(s.c_str(), &end);
    BOOST_TEST_INFO("text " << s);
    BOOST_TEST(same_double(ours, libc));
    BOOST_TEST(used == static_cast<std::size_t>(end - s.c_str()));
  }
}

BOOST_AUTO_TEST_CASE(halfway_points_between_doubles_round_to_even_and_a_digit_more_decides) {
  // x86's long double holds the midpoint of two neighbouring doubles exactly, and glibc prints
  // it exactly: a decimal tie, the hardest input a reader gets.
  std::mt19937_64 rng(5);
  for (int i = 0; i < 3000; ++i) {
    const double v = random_double(rng);
    const double next = std::nextafter(v, HUGE_VAL);
    if (!std::isfinite(next)) continue;
    const long double mid = (static_cast<long double>(v) + next) / 2;
    static char buf[1300];
    std::snprintf(buf, sizeof buf, "%.1100Le", mid);
    std::string tie(buf);
    const double expected_tie = std::strtod(tie.c_str(), nullptr);
    BOOST_TEST_INFO("midpoint " << tie.substr(0, 40));
    BOOST_TEST(same_double(text::parse_double(tie), expected_tie));
    BOOST_TEST((same_double(expected_tie, v) || same_double(expected_tie, next)));
    // A one in a place past the tie rounds up; the tie cut short, as strtod says.
    const std::size_t e = tie.find('e');
    std::string above = tie.substr(0, e) + "000000000001" + tie.substr(e);
    BOOST_TEST(same_double(text::parse_double(above), next));
    const std::string cut = tie.substr(0, 32) + tie.substr(e);  // 31 digits: below the tie
    BOOST_TEST(same_double(text::parse_double(cut), std::strtod(cut.c_str(), nullptr)));
  }
}

BOOST_AUTO_TEST_CASE(the_edges_of_the_double_range_read_as_strtod_reads_them) {
  for (const char* s : {"1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
                        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                        "2.2250738585072011e-308", "2.2250738585072014e-308", "1e-400", "0e999", "000.000",
                        "9007199254740993", "9007199254740993.00000000000000000001", "123456789012345678901234567890",
                        "0.1", "100000000000000000000000", "1e23", "8.98846567431158e307", "4.94e-324",
                        "2.225073858507201136057409796709131975934819546351645648023426109724822222021076945516529523908135087914149158913039621106870086438694594645527657207407820621743379988141063267329253552286881372149012981122451451889849057222307285255133155755015914397476397983411801999323962548289017107081850690630666655994938275772572015763062690663332647565300009245888316433037779791869612049497390377829704905051080609940730262937128958950003583799967207254304360284078895771796150945516748243471030702609144621572289880258182545180325707018860872113128079512233426288368622321503775666622503982534335974568884423900265498198385487948292206894721689831099698365846814022854243330660339850886445804001034933970427567186443383770486037861622771738545623065874679014086723327636718751234567890123456789"}) {
    char* end = nullptr;
    const double libc = std::strtod(s, &end);
    std::size_t used = 0;
    BOOST_TEST_INFO("text " << s);
    BOOST_TEST(same_double(text::parse_double(s, &used), libc));
    BOOST_TEST(used == static_cast<std::size_t>(end - s));
  }
}

BOOST_AUTO_TEST_CASE(reading_stops_where_strtod_stops_and_names_the_non_finite_values) {
  struct Case {
    const char* text;
    std::size_t used;
  };
  for (const Case& c : {Case{"  +1.5e", 6}, Case{"-.5x", 3}, Case{"5.", 2}, Case{".", 0}, Case{"-", 0}, Case{"e5", 0},
                        Case{"1e+", 1}, Case{"1e+2", 4}, Case{"\t\n 42 ", 5}, Case{"", 0}}) {
    std::size_t used = 99;
    const double ours = text::parse_double(c.text, &used);
    char* end = nullptr;
    const double libc = std::strtod(c.text, &end);
    BOOST_TEST_INFO("text '" << c.text << "'");
    BOOST_TEST(used == c.used);
    BOOST_TEST(used == static_cast<std::size_t>(end - c.text));
    BOOST_TEST(same_double(ours, libc));
  }
  std::size_t used = 0;
  BOOST_TEST(text::parse_double("-Infinity!", &used) == -HUGE_VAL);
  BOOST_TEST(used == 9u);
  BOOST_TEST(text::parse_double("INF", &used) == HUGE_VAL);
  BOOST_TEST(used == 3u);
  BOOST_TEST(std::isnan(text::parse_double("nan", &used)));
  BOOST_TEST(used == 3u);
  // Hexadecimal floats are not read (documented): the 0 before the x is the number.
  BOOST_TEST(text::parse_double("0x1p3", &used) == 0);
  BOOST_TEST(used == 1u);
}

BOOST_AUTO_TEST_CASE(decimal_digits_with_a_point_read_exactly_and_cut_digits_count_as_above) {
  BOOST_TEST(text::decimal_to_double("15", 1) == 1.5);
  BOOST_TEST(text::decimal_to_double("0001", 4) == 1.0);  // leading zeros move nothing
  BOOST_TEST(text::decimal_to_double("1", 310) == HUGE_VAL);
  BOOST_TEST(text::decimal_to_double("", 5) == 0);
  // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: even wins, unless digits were cut after it.
  BOOST_TEST(text::decimal_to_double("9007199254740993", 16) == 9007199254740992.0);
  BOOST_TEST(text::decimal_to_double("9007199254740993", 16, true) == 9007199254740994.0);
  // Round trips: every double's exact digits read back as itself.
  std::mt19937_64 rng(13);
  for (int i = 0; i < 2000; ++i) {
    const double v = random_double(rng);
    const text::Decimal d = text::exact_decimal(v);
    BOOST_TEST(same_double(text::decimal_to_double(d.digits, d.point), v));
  }
}
