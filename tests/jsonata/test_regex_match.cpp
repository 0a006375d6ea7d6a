// $match with a regex runs the regex directly instead of through the matcher protocol (a match
// object and a `next` function per match, called back). The protocol stays for any other
// matcher, so a lambda that hands the regex's own match objects on is the reference: both must
// give the same matches, groups, limits, errors and error positions.
#include <boost/test/unit_test.hpp>

#include <string>

#include "ticketbridge/jsonata.hpp"
#include "ticking_clock.hpp"

namespace jsn = tb::jsonata;

namespace {

std::string outcome(const std::string& expr, const jsn::Limits& limits = jsn::Limits(), const std::string& input = "") {
  auto e = jsn::Expression::compile(expr);
  if (!e.ok()) return "compile " + e.error().code;
  auto r = e.value().evaluate_json(input, "", limits);
  if (!r.ok()) return r.error().code + " at " + std::to_string(r.error().position);
  return r.value().defined ? r.value().json : "undefined";
}

}  // namespace

BOOST_AUTO_TEST_CASE(direct_regex_matches_answer_as_the_matcher_protocol_does) {
  const char* subjects[] = {"\"\"", "\"a\"", "\"INC0000001 and INC0000002, not INC12\"", "\"aaa\"", "\"abcabc\"",
                            "\"é INC1234567 中 😀 INC7654321\"", "\"xyz\"", "\"2024-05-06 / 2025-12-31\""};
  const char* patterns[] = {"/INC[0-9]{7}/", "/a/", "/(a)(b)?/", "/x*/", "/(?:)/", "/$/", "/(\\d+)-(\\d+)-(\\d+)/",
                            "/\\d+/i", "/😀|中/", "/(?<y>\\d{4})/", "/b|$/"};
  const char* limits[] = {"", ", 0", ", 1", ", 2", ", 5"};
  int compared = 0, errors = 0;
  for (const char* s : subjects) {
    for (const char* p : patterns) {
      for (const char* lim : limits) {
        const std::string direct = std::string("$match(") + s + ", " + p + lim + ")";
        const std::string protocol = std::string("$match(") + s + ", function($s) { " + p + "($s) }" + lim + ")";
        const std::string a = outcome(direct), b = outcome(protocol);
        BOOST_TEST(a == b, direct << ": " << a << " vs " << b);
        errors += a.rfind("D1004", 0) == 0;
        ++compared;
      }
    }
  }
  BOOST_TEST(compared == 440);
  BOOST_TEST(errors > 0);  // the empty-match error is among the cases
}

BOOST_AUTO_TEST_CASE(direct_regex_matches_stop_at_the_time_limit) {
  // 300,000 matches in one call over an input string (nothing else in the evaluation loops):
  // the matching loop polls the limits, so with a clock that ticks a millisecond per reading
  // the call ends with D1012 instead of running to its end.
  const std::string input = "\"" + std::string(300000, 'a') + "\"";
  BOOST_TEST(outcome("$count($match($, /a/))", jsn::Limits(), input) == "300000");
  BOOST_TEST(outcome("$count($match($, /a/))", tbtest::ticking(20), input).substr(0, 5) == "D1012");
}
