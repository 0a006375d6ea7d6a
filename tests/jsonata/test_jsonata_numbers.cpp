// Numbers print exactly as JavaScript prints them: the shortest digits that read back
// (String(v)), and $string's 15 significant digits (String(Number(v.toPrecision(15)))).
// Expected texts were recorded from Node (tests/fixtures/jsonata/generate-numbers.js).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "arena.hpp"
#include "json_reader.hpp"
#include "numbers.hpp"
#include "test_support.hpp"

namespace jsn = tb::jsonata;

BOOST_AUTO_TEST_SUITE(jsonata_numbers)

BOOST_AUTO_TEST_CASE(print_like_javascript) {
  std::string text = tbtest::read_file(tbtest::fixture_path("jsonata/numbers.json"));
  jsn::Arena arena;
  jsn::Value root;
  jsn::JsonReadError err;
  BOOST_REQUIRE(jsn::read_json(arena, text.data(), text.size(), 8, root, err));
  BOOST_REQUIRE(root.kind == jsn::Kind::Array);
  BOOST_TEST(root.arr->size > 8000u);
  int mismatches = 0;
  for (std::uint32_t i = 0; i < root.arr->size; ++i) {
    const jsn::Array* row = root.arr->items[i].arr;
    std::uint64_t bits = std::stoull(std::string(row->items[0].sv()), nullptr, 16);
    double v;
    std::memcpy(&v, &bits, 8);
    char buf[64];
    std::string shortest(buf, jsn::num::format(v, buf));
    // $string rounds non-integers only; integers are written as they are.
    bool integral = v == std::floor(v);
    std::string fifteen = integral ? std::string(row->items[2].sv()) : std::string(buf, jsn::num::format_precision(v, 15, buf));
    if (shortest != row->items[1].sv() || fifteen != row->items[2].sv()) {
      if (++mismatches <= 5)
        BOOST_TEST_MESSAGE(row->items[0].sv() << ": got " << shortest << " / " << fifteen << ", JavaScript "
                                                 << row->items[1].sv() << " / " << row->items[2].sv());
    }
  }
  BOOST_TEST(mismatches == 0);
}

BOOST_AUTO_TEST_CASE(exponent_forms_and_signs) {
  char buf[64];
  auto fmt = [&](double v) { return std::string(buf, jsn::num::format(v, buf)); };
  BOOST_TEST(fmt(1e21) == "1e+21");
  BOOST_TEST(fmt(1e20) == "100000000000000000000");
  BOOST_TEST(fmt(1e-7) == "1e-7");
  BOOST_TEST(fmt(1.5e-6) == "0.0000015");
  BOOST_TEST(fmt(-0.0) == "0");
  BOOST_TEST(fmt(-2.5) == "-2.5");
  BOOST_TEST(fmt(0.1 + 0.2) == "0.30000000000000004");
}

BOOST_AUTO_TEST_CASE(to_precision_rounds_half_up) {
  char buf[64];
  // 1234567890123.125 is exact in binary: toPrecision(15) rounds the tie up, not to even.
  BOOST_TEST(std::string(buf, jsn::num::format_precision(1234567890123.125, 15, buf)) == "1234567890123.13");
  BOOST_TEST(std::string(buf, jsn::num::format_precision(22.0 / 7, 15, buf)) == "3.14285714285714");
}

BOOST_AUTO_TEST_CASE(radix_and_fixed) {
  BOOST_TEST(jsn::num::format_radix(255, 16) == "ff");
  BOOST_TEST(jsn::num::format_radix(-255, 2) == "-11111111");
  BOOST_TEST(jsn::num::format_radix(1e21, 16) == "3635c9adc5dea00000");
}

BOOST_AUTO_TEST_SUITE_END()
