// Guardrails: a hostile or careless expression ends with its error, in bounded time and
// memory, and never takes the host down (no stack overflow, no runaway allocation).
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "ticketbridge/jsonata.hpp"
#include "ticking_clock.hpp"

namespace jsn = tb::jsonata;

namespace {

std::string code_of(const std::string& expr, const jsn::Limits& limits = jsn::Limits(), const std::string& input = "") {
  auto e = jsn::Expression::compile(expr);
  if (!e.ok()) return "compile " + e.error().code;
  auto r = e.value().evaluate_json(input, "", limits);
  if (!r.ok()) return r.error().code;
  return r.value().defined ? r.value().json : "undefined";
}

using tbtest::ticking;

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonata_guards)

BOOST_AUTO_TEST_CASE(deep_recursion_stops_with_d1011) {
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))") == "D1011");
  jsn::Limits l;
  l.max_depth = 50;
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100))", l) == "D1011");
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(5))", l) == "5");
}

BOOST_AUTO_TEST_CASE(the_real_stack_is_guarded_even_when_depth_is_raised) {
  jsn::Limits l;
  l.max_depth = 100000000;  // effectively no depth limit: the stack guard must still hold
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(10000000))", l) == "D1011");
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? [] : [$f($n - 1)] }; $f(10000000))", l) == "D1011");
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : $sum($map([$n - 1], $f)) }; $f(10000000))", l) == "D1011");
}

BOOST_AUTO_TEST_CASE(recursion_through_built_ins_is_bounded_too) {
  // Tail calls through $map / $reduce / callbacks add machine frames without evaluation depth;
  // max_frames bounds them (under WebAssembly the engine's own stack would overflow first).
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : $sum($map([$n - 1], $f)) }; $f(100000))") == "D1011");
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : $reduce([1,2], function($a, $v){ $f($n - 1) }) }; $f(100000))") ==
             "D1011");
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 'x' : $replace('a', /a/, function($m){ $f($n - 1) }) }; $f(100000))") ==
             "D1011");
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : $sum($map([$n - 1], $f)) }; $f(100))") == "0");
  jsn::Limits l;
  l.max_frames = 50;
  BOOST_TEST(code_of("($f := function($n){ $n = 0 ? 0 : $sum($map([$n - 1], $f)) }; $f(100))", l) == "D1011");
}

BOOST_AUTO_TEST_CASE(tail_recursion_runs_in_constant_stack) {
  BOOST_TEST(code_of("($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(200000, 0))") == "200000");
}

BOOST_AUTO_TEST_CASE(endless_loops_stop_at_the_time_limit) {
  BOOST_TEST(code_of("($f := function(){ $f() }; $f())", ticking(1000)) == "D1012");
  BOOST_TEST(code_of("($f := function($n){ $f($n + 1) }; $f(0))", ticking(1000)) == "D1012");
  BOOST_TEST(code_of("$distinct([1..200000])", ticking(10)) == "D1012");
}

// A clock read once at the start (0), then always "late": an evaluation can only end with
// D1012 if something polls the limits after it began. The expressions below run a handful of
// evaluations (fewer than the 64 between the evaluator's own polls), so the poll must come from
// inside the built-in's loop over its input.
jsn::Limits late_after_start() {
  jsn::Limits l;
  l.time_limit_ms = 10;
  auto calls = std::make_shared<int>(0);
  l.clock = [calls] { return (*calls)++ == 0 ? 0.0 : 1000.0; };
  return l;
}

std::string over_document(const std::string& expr, const jsn::Document& doc, const jsn::Limits& limits) {
  auto e = jsn::Expression::compile(expr);
  if (!e.ok()) return "compile " + e.error().code;
  auto r = e.value().evaluate(doc, nullptr, limits);
  if (!r.ok()) return r.error().code;
  return r.value().defined ? r.value().json : "undefined";
}

BOOST_AUTO_TEST_CASE(long_built_ins_poll_the_time_limit) {
  std::string numbers = "[", object = "{";
  for (int i = 0; i < 100000; ++i) {
    numbers += (i ? "," : "") + std::to_string((i * 7919) % 100003);
    if (i < 5000) object += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  }
  numbers += "]";
  object += "}";
  auto big = jsn::Document::parse(numbers);
  auto obj = jsn::Document::parse(object);
  BOOST_REQUIRE(big.ok());
  BOOST_REQUIRE(obj.ok());
  for (const char* expr : {"$sum($)", "$max($)", "$min($)", "$average($)", "$sort($)", "$reverse($)", "$zip($, $)",
                           "$map($, $string)", "$filter($, $boolean)", "$single($, $not)", "$count([1..100000])",
                           "$ ^ ($)"}) {
    BOOST_TEST_INFO(expr);
    BOOST_TEST(over_document(expr, big.value(), late_after_start()) == "D1012");
  }
  jsn::Limits shuffle = late_after_start();
  shuffle.random = [] { return 0.5; };
  BOOST_TEST(over_document("$shuffle($)", big.value(), shuffle) == "D1012");
  BOOST_TEST(over_document("$each($, $string)", obj.value(), late_after_start()) == "D1012");
  BOOST_TEST(over_document("$sift($, $boolean)", obj.value(), late_after_start()) == "D1012");
  // $distinct is quadratic: 1,000 distinct items are fewer than the polling stride but half
  // a million comparisons, and the limit must bite inside them.
  std::string few = "[";
  for (int i = 0; i < 1000; ++i) few += (i ? "," : "") + std::to_string(i);
  auto distinct = jsn::Document::parse(few + "]");
  BOOST_REQUIRE(distinct.ok());
  BOOST_TEST(over_document("$distinct($)", distinct.value(), late_after_start()) == "D1012");
  // Below the stride nothing polls: the same clock lets a short run finish.
  auto small = jsn::Document::parse("[3, 1, 2]");
  BOOST_REQUIRE(small.ok());
  BOOST_TEST(over_document("$sum($)", small.value(), late_after_start()) == "6");
  BOOST_TEST(over_document("$sort($)", small.value(), late_after_start()) == "[1,2,3]");
}

BOOST_AUTO_TEST_CASE(no_clock_means_no_time_limit_but_still_an_answer) {
  jsn::Limits l;
  l.time_limit_ms = 1;  // no clock given: ignored
  BOOST_TEST(code_of("$sum([1..1000])", l) == "500500");
}

BOOST_AUTO_TEST_CASE(huge_ranges_are_refused) {
  BOOST_TEST(code_of("[1..100000000]") == "D2014");
  BOOST_TEST(code_of("$count([1..10000000])") == "10000000");
  jsn::Limits l;
  l.max_range = 1000;
  BOOST_TEST(code_of("[1..1001]", l) == "D2014");
}

BOOST_AUTO_TEST_CASE(long_sequences_are_refused) {
  jsn::Limits l;
  l.max_sequence = 1000;
  BOOST_TEST(code_of("[1..2000]", l) == "D2015");
  BOOST_TEST(code_of("[[1..600], [1..600]].$", l) == "D2015");
  BOOST_TEST(code_of("$append([1..600], [1..600])", l) == "D2015");
  BOOST_TEST(code_of("$count([[1..500], [1..500]].$)", l) == "1000");
}

BOOST_AUTO_TEST_CASE(runaway_allocation_stops_at_the_memory_limit) {
  jsn::Limits l;
  l.max_memory = 16u << 20;
  BOOST_TEST(code_of("$reduce([1..100000], function($a, $v){ $append($a, $v) }, [])", l) == "JSONATA_MEMORY_LIMIT");
  BOOST_TEST(code_of("$pad('x', 100000000)", l) == "JSONATA_MEMORY_LIMIT");
}

BOOST_AUTO_TEST_CASE(catastrophic_regex_stops_at_the_step_budget) {
  std::string subject(40, 'a');
  BOOST_TEST(code_of("$match('" + subject + "!', /(a+)+$/)") == "REGEX_STEP_LIMIT");
  BOOST_TEST(code_of("$replace('" + subject + "!', /(a|aa)+$/, 'x')") == "REGEX_STEP_LIMIT");
  BOOST_TEST(code_of("$contains('" + subject + "', /(a+)+b/)") == "REGEX_STEP_LIMIT");
}

BOOST_AUTO_TEST_CASE(deeply_nested_source_fails_to_compile) {
  std::string open(5000, '('), close(5000, ')');
  BOOST_TEST(code_of(open + "1" + close) == "compile S0201");
  std::string chain = "1";
  for (int i = 0; i < 5000; ++i) chain += " + 1";
  BOOST_TEST(code_of(chain) == "compile S0201");
}

BOOST_AUTO_TEST_CASE(deeply_nested_data_is_refused_not_crashed_on) {
  std::string deep(100000, '[');
  BOOST_TEST(!jsn::Document::parse(deep + std::string(100000, ']')).ok());
  // Data nested by a loop (no evaluation depth involved) cannot be written out beyond a bound.
  BOOST_TEST(code_of("($f := function($n, $a){ $n = 0 ? $a : $f($n - 1, {'a': $a}) }; $f(10000, 1))") == "D1011");
  BOOST_TEST(code_of("($f := function($n, $a){ $n = 0 ? $a : $f($n - 1, [[$a]]) }; $f(10000, 1) = 1)") == "false");
  BOOST_TEST(code_of("($f := function($n, $a){ $n = 0 ? $a : $f($n - 1, {'a': $a}) }; $string($f(10000, 1)))") ==
             "D1011");
}

BOOST_AUTO_TEST_CASE(clock_and_randomness_come_from_the_host) {
  BOOST_TEST(code_of("$millis()") == "JSONATA_NO_CLOCK");
  BOOST_TEST(code_of("$random()") == "JSONATA_NO_RANDOM");
  jsn::Limits l;
  l.wall_clock_ms = [] { return 1700000000000.0; };
  l.random = [] { return 0.25; };
  BOOST_TEST(code_of("$millis()", l) == "1700000000000");
  BOOST_TEST(code_of("$now()", l) == R"("2023-11-14T22:13:20.000Z")");
  BOOST_TEST(code_of("$millis() = $millis()", l) == "true");
  BOOST_TEST(code_of("$random()", l) == "0.25");
  BOOST_TEST(code_of("$sort($shuffle([3, 1, 2]))", l) == "[1,2,3]");
}

BOOST_AUTO_TEST_CASE(functions_expose_nothing_but_json) {
  BOOST_TEST(code_of("$lookup($sum, 'signature')") == "undefined");
  BOOST_TEST(code_of("$string.implementation") == "undefined");
  BOOST_TEST(code_of("(function($x){$x}).body") == "undefined");
  BOOST_TEST(code_of("$keys($sum)") == "undefined");
  BOOST_TEST(code_of("$sum.*") == "undefined");
}

BOOST_AUTO_TEST_SUITE_END()
