// A time limit must bite inside built-ins that walk a long string in one call ($uppercase,
// $lowercase, $encodeUrlComponent, $replace), not only between evaluation steps: a hostile
// ITSM's megabyte field would otherwise run far past the Output tab's limit.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "ticketbridge/jsonata.hpp"
#include "ticking_clock.hpp"

namespace jsn = tb::jsonata;

namespace {

using tbtest::ticking;

std::string code_over_long_text(const std::string& expr, const jsn::Limits& limits) {
  std::string text;
  for (int i = 0; i < 600000; ++i) text += "ab c\xCE\xA3 ";  // 8 MiB-ish: letters, spaces, a sigma
  const std::string input = "{\"t\":\"" + text + "\"}";
  auto e = jsn::Expression::compile(expr);
  BOOST_REQUIRE(e.ok());
  auto r = e.value().evaluate_json(input, "", limits);
  return r.ok() ? "ok" : r.error().code;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(string_deadlines)

BOOST_AUTO_TEST_CASE(long_string_built_ins_stop_at_the_limit) {
  for (const char* expr : {"$uppercase(t)", "$lowercase(t)", "$encodeUrlComponent(t)", "$replace(t, \"c\", \"d\")",
                           "$replace(t, /c/, \"d\")"}) {
    BOOST_TEST_CONTEXT(expr) {
      BOOST_CHECK_EQUAL(code_over_long_text(expr, ticking(2)), "D1012");
      BOOST_CHECK_EQUAL(code_over_long_text(expr, jsn::Limits()), "ok");  // no limit: it finishes
    }
  }
}

BOOST_AUTO_TEST_CASE(case_mapping_in_pieces_keeps_the_final_sigma_rule) {
  // Pieces end only after a character no case rule looks across, so the answer is the one a
  // single pass gives: word-final sigma becomes ς, others σ.
  std::string word, expected;
  for (int i = 0; i < 300000; ++i) {
    word += "\xCE\x9F\xCE\xA3\xCE\x9F\xCE\xA3 ";       // ΟΣΟΣ
    expected += "\xCE\xBF\xCF\x83\xCE\xBF\xCF\x82 ";  // οσος
  }
  auto e = jsn::Expression::compile("$lowercase(t)");
  BOOST_REQUIRE(e.ok());
  auto r = e.value().evaluate_json("{\"t\":\"" + word + "\"}");
  BOOST_REQUIRE(r.ok());
  BOOST_CHECK(r.value().json == "\"" + expected + "\"");
}

BOOST_AUTO_TEST_SUITE_END()
