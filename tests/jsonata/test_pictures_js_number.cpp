// The JavaScript number primitives under $formatNumber (pictures/js_number, js_pow): their fast
// paths (integers, exact expansions, exact powers of ten) must answer what the general paths
// answer. Rows recorded from Node 20's Number.prototype.toFixed; the seeded checks compare
// with a reference written here the slow, obvious way.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "pictures/js_number.hpp"
#include "pictures/js_pow.hpp"

namespace js = tb::jsonata::pictures::js;

namespace {

// toFixed by definition: the exact decimal expansion (a double below 1e21 has at most 1074
// fraction digits), rounded half away from zero at `digits`.
std::string reference_to_fixed(double value, int digits) {
  std::string sign;
  if (value == 0) value = 0;  // -0 prints as "0" (printf would keep its sign)
  if (value < 0) {
    sign = "-";
    value = -value;
  }
  static char buf[1200];
  std::snprintf(buf, sizeof buf, "%.1100f", value);
  std::string text(buf);
  const std::size_t dot = text.find('.');
  std::string kept = text.substr(0, dot) + text.substr(dot + 1, static_cast<std::size_t>(digits));
  if (text[dot + 1 + static_cast<std::size_t>(digits)] >= '5') {
    std::size_t i = kept.size();
    for (;;) {
      if (i == 0) {
        kept.insert(kept.begin(), '1');
        break;
      }
      --i;
      if (kept[i] != '9') {
        ++kept[i];
        break;
      }
      kept[i] = '0';
    }
  }
  const std::size_t int_len = kept.size() - static_cast<std::size_t>(digits);
  return sign + kept.substr(0, int_len) + (digits > 0 ? "." + kept.substr(int_len) : "");
}

// JSONata's $round as the reference writes it: the decimal point shifted in the text form.
double reference_round(double value, int precision) {
  auto shift = [](double v, int places) {
    const std::string s = js::number_to_string(v);
    const std::size_t e = s.find('e');
    double exponent = places;
    if (e != std::string::npos) exponent += std::strtod(s.c_str() + e + 1, nullptr);
    return js::string_to_number(s.substr(0, e) + "e" + js::number_to_string(exponent));
  };
  if (precision != 0) value = shift(value, precision);
  double result = js::math_round(value);
  if (std::fabs(result - value) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (precision != 0) result = shift(result, -precision);
  return result == 0 ? 0 : result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pictures_js_number)

BOOST_AUTO_TEST_CASE(to_fixed_answers_what_node_answers) {
  struct Row {
    double value;
    int digits;
    const char* expect;
  };
  const Row rows[] = {
      {0, 0, "0"},
      {0, 2, "0.00"},
      {-0.0, 2, "0.00"},
      {42, 0, "42"},
      {42, 3, "42.000"},
      {-42, 0, "-42"},
      {123.9, 0, "124"},
      {0.5, 0, "1"},
      {1.5, 0, "2"},
      {2.5, 0, "3"},
      {-2.5, 0, "-3"},
      {0.125, 2, "0.13"},
      {0.375, 2, "0.38"},
      {1.005, 2, "1.00"},
      {0.1, 20, "0.10000000000000000555"},
      {0.1, 30, "0.100000000000000005551115123126"},
      {1234.5678, 3, "1234.568"},
      {1.2345678, 3, "1.235"},
      {9.995, 2, "9.99"},
      {0.9999999999999999, 15, "1.000000000000000"},
      {0.9999999999999999, 16, "0.9999999999999999"},
      {-0.4, 0, "-0"},
      {5e-324, 100, "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
      {4503599627370495.5, 0, "4503599627370496"},
      {4503599627370496, 1, "4503599627370496.0"},
      {9007199254740992, 2, "9007199254740992.00"},
      {18446744073709551616.0, 0, "18446744073709551616"},
      {18446744073709551616.0, 2, "18446744073709551616.00"},
      {123456789012345680000.0, 1, "123456789012345683968.0"},
      {999999999999999900000.0, 0, "999999999999999868928"},
      {1e21, 2, "1e+21"},
      {12345.6, 2, "12345.60"},
      {0.000001, 7, "0.0000010"},
      {1.45, 1, "1.4"},
      {8.345, 2, "8.35"},
      {1e-7, 10, "0.0000001000"},
  };
  for (const Row& r : rows) {
    const std::string got = js::to_fixed(r.value, r.digits);
    BOOST_CHECK_MESSAGE(got == r.expect, r.value << " toFixed(" << r.digits << ") = " << got << ", Node: " << r.expect);
  }
}

BOOST_AUTO_TEST_CASE(to_fixed_is_the_exact_expansion_rounded_half_away_from_zero) {
  std::mt19937_64 rng(18);
  std::uniform_int_distribution<int> digits_of(0, 100), magnitude(-30, 20), small_digits(0, 6);
  int checked = 0;
  for (int i = 0; i < 4000; ++i) {
    // Random doubles of every magnitude below 1e21, integers, and exact binary fractions (ties
    // at the cut among them: k / 2^j at j digits or fewer).
    double v;
    int d;
    switch (i % 4) {
      case 0: v = std::ldexp(static_cast<double>(rng() >> 11), -53) * std::pow(10.0, magnitude(rng)); d = digits_of(rng); break;
      case 1: v = std::floor(std::ldexp(static_cast<double>(rng() >> 11), static_cast<int>(rng() % 68) - 53)); d = small_digits(rng); break;
      case 2: v = std::ldexp(static_cast<double>(rng() % 4096), -static_cast<int>(rng() % 12)); d = small_digits(rng); break;
      default: v = std::round(std::ldexp(static_cast<double>(rng() >> 11), -53) * 1e6) / 1e2; d = small_digits(rng); break;
    }
    if (rng() & 1) v = -v;
    if (!(std::fabs(v) < 1e21)) continue;
    const std::string got = js::to_fixed(v, d), want = reference_to_fixed(v, d);
    BOOST_CHECK_MESSAGE(got == want, v << " toFixed(" << d << "): " << got << ", exact: " << want);
    ++checked;
  }
  BOOST_TEST(checked > 3900);
}

// Values whose binary fraction ends within the requested digits (m / 2^j, j <= digits <= 20)
// are printed from 128-bit integers, not snprintf: every digit must still be exact.
BOOST_AUTO_TEST_CASE(to_fixed_of_short_binary_fractions_is_exact) {
  std::mt19937_64 rng(1818);
  for (int i = 0; i < 3000; ++i) {
    const int j = 1 + static_cast<int>(rng() % 20);
    const int d = j + static_cast<int>(rng() % static_cast<unsigned>(21 - j));
    double v = std::ldexp(static_cast<double>((rng() >> (11 + rng() % 40)) | 1), -j);
    if (!(v < 1e21) || v == std::floor(v)) continue;
    if (rng() & 1) v = -v;
    const std::string got = js::to_fixed(v, d), want = reference_to_fixed(v, d);
    BOOST_CHECK_MESSAGE(got == want, v << " toFixed(" << d << "): " << got << ", exact: " << want);
  }
}

BOOST_AUTO_TEST_CASE(rounding_an_integer_leaves_it_as_the_text_shift_does) {
  std::mt19937_64 rng(1805);
  for (int i = 0; i < 3000; ++i) {
    const double v = (rng() & 1 ? -1.0 : 1.0) * static_cast<double>(rng() % (i % 3 == 0 ? 1000ULL : 999999999999999ULL));
    const int p = static_cast<int>(rng() % 25);
    BOOST_CHECK_EQUAL(js::round_half_even(v, p), reference_round(v, p));
  }
  // Beyond 15 digits the shift may move the integer: no short cut there.
  for (const double v : {1e15, 9007199254740993.0, 123456789012345678.0, 1e20})
    for (int p = 0; p < 8; ++p) BOOST_CHECK_EQUAL(js::round_half_even(v, p), reference_round(v, p));
  BOOST_TEST(!std::signbit(js::round_half_even(-0.0, 2)));
  BOOST_CHECK_EQUAL(js::round_half_even(2.5, 0), 2);
  BOOST_CHECK_EQUAL(js::round_half_even(1.2345678000000001, 3), 1.235);
}

BOOST_AUTO_TEST_CASE(exact_powers_of_ten_are_what_the_text_round_trip_gives) {
  // 10^0 .. 10^22 come from a table: they must be the correctly rounded powers, where V8 agrees
  // (it is off by an ulp at -5, -4, 26, 29 and others: js_pow.cpp).
  for (int e = 0; e <= 22; ++e) {
    const std::string text = "1e" + std::to_string(e);
    BOOST_CHECK_EQUAL(js::pow10(e), std::strtod(text.c_str(), nullptr));
  }
  BOOST_CHECK_EQUAL(js::pow10(26), std::nextafter(1e26, 0.0));
  BOOST_CHECK_EQUAL(js::pow10(-4), std::nextafter(1e-4, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(parse_int_of_long_digit_strings_is_the_nearest_double) {
  // parseInt reads every digit: beyond 2^53 the answer is the nearest double, ties to even
  // (what strtod gives for the same digits; hex is read by the engine's own code).
  auto u16 = [](const std::string& s) { return std::u16string(s.begin(), s.end()); };
  BOOST_TEST(js::parse_int(u16("0x1FFFFFFFFFFFFF")) == 9007199254740991.0);
  BOOST_TEST(js::parse_int(u16("0x20000000000001")) == 9007199254740992.0);  // a tie: even
  BOOST_TEST(js::parse_int(u16("0x20000000000003")) == 9007199254740996.0);  // a tie: even
  BOOST_TEST(js::parse_int(u16("-0x20000000000001000000001")) == -std::strtod("0x20000000000001000000001", nullptr));
  std::mt19937_64 rng(17);
  for (int i = 0; i < 2000; ++i) {
    const bool hex = i % 2 == 0;
    std::string digits;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) digits += (hex ? "0123456789abcdefABCDEF" : "0123456789")[rng() % (hex ? 22 : 10)];
    const std::string text = (hex ? "0x" : "") + digits;
    BOOST_TEST_INFO("parseInt(" << text << ")");
    BOOST_TEST(js::parse_int(u16(text)) == std::strtod(text.c_str(), nullptr));
  }
}
