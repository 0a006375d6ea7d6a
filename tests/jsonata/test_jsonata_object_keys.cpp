// Objects whose keys look like array indexes ("0", "17"): JavaScript puts them first, in
// numeric order, and the engine must do the same without paying for it quadratically. A
// hostile ITSM answers 201 with a 2 MB body of numeric keys; a group-by or $merge makes tens
// of thousands of them. Cost is checked as a ratio, never as a speed: the same work over
// named keys ("k0", "k1", ...), which were always appended in linear time, is the yardstick.
// Numeric keys in any order may cost at most ten times as much (they are sorted once; the old
// in-place insertion cost thousands of times as much here, and ran out of memory descending).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <ctime>
#include <functional>
#include <string>

#include "test_support.hpp"
#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;
using namespace tb;
using namespace tbtest;

namespace {

std::string eval(const std::string& expr, const std::string& input = "") {
  auto e = jsn::Expression::compile(expr);
  if (!e.ok()) return "compile " + e.error().code;
  auto r = e.value().evaluate_json(input);
  if (!r.ok()) return r.error().code;
  return r.value().defined ? r.value().json : "undefined";
}

enum class Order { Named, Ascending, Descending, NamedFirst, Scrambled };
const char* name_of(Order o) {
  switch (o) {
    case Order::Named: return "named keys";
    case Order::Ascending: return "ascending";
    case Order::Descending: return "descending";
    case Order::NamedFirst: return "named keys first";
    case Order::Scrambled: return "scrambled";
  }
  return "";
}

// {"result": {"0": "x", "1": "x", ..., "sys_id": ..., "number": ...}} of about `bytes`.
std::string keyed_body(std::size_t bytes, Order order) {
  const std::size_t n = bytes / 12;
  std::string members;
  members.reserve(bytes + 64);
  auto key = [&](std::size_t i) -> std::string {
    switch (order) {
      case Order::Named: return "k" + std::to_string(i);
      case Order::Descending: return std::to_string(n - 1 - i);
      case Order::Scrambled: return std::to_string((i * 7919) % n);  // n is not a multiple of 7919
      default: return std::to_string(i);
    }
  };
  if (order == Order::NamedFirst) members += R"("a":1,"b":2,)";
  for (std::size_t i = 0; i < n; ++i) members += '"' + key(i) + R"(":"x",)";
  return R"({"result":{)" + members + R"("sys_id":"0123456789abcdef0123456789abcdef","number":"INC0000009"}})";
}

// Processor time, not wall time: on a shared machine wall time mostly measures how much of a
// core the test was given. The least of several runs.
double seconds(const std::function<void()>& f, int runs) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    const std::clock_t t0 = std::clock();
    f();
    best = std::min(best, static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC);
  }
  return best;
}

// The escalation's own path: a 201 whose body is read by the create's outputs.
Action create_answered_with(const std::string& body) {
  auto cfg = load(example_config_json());
  BOOST_REQUIRE(cfg);
  Escalation e(cfg);
  FakeHost host;
  host.create_replies = {http(201, body)};
  return host.run(e, conversation(example_conversation_json()));
}

constexpr std::size_t kBodyBytes = 1900 * 1000;  // just under the 2 MB response limit
constexpr double kAtMost = 10;                    // times the named-key yardstick

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonata_object_keys)

BOOST_AUTO_TEST_CASE(index_keys_come_first_in_numeric_order_whatever_builds_the_object) {
  // Parsed.
  BOOST_TEST(eval("$keys($)", R"({"b":1,"10":2,"a":3,"2":4,"01":5,"1":6,"2":7})") ==
             R"(["1","2","10","b","a","01"])");
  BOOST_TEST(eval("$", R"({"b":1,"10":2,"2":4,"2":7})") == R"({"2":7,"10":2,"b":1})");
  // Object constructor, group-by, $merge, transform.
  BOOST_TEST(eval(R"({"b":1,"3":2,"a":3,"1":4})") == R"({"1":4,"3":2,"b":1,"a":3})");
  BOOST_TEST(eval(R"([5,3,9,1,"z"]{$string($): $})") == R"({"1":1,"3":3,"5":5,"9":9,"z":"z"})");
  BOOST_TEST(eval(R"($merge([{"k":0}, {"20":1}, {"3":2}, {"k":3}]))") == R"({"3":2,"20":1,"k":3})");
  BOOST_TEST(eval(R"($ ~> |$|{"7":1,"2":2}|)", R"({"x":0,"9":3})") == R"({"2":2,"7":1,"9":3,"x":0})");
  BOOST_TEST(eval(R"($keys([{"b":1,"4":1},{"0":1}]))") == R"(["0","4","b"])");
  // Keys that only look like indexes stay in insertion order.
  BOOST_TEST(eval(R"({"4294967295":1,"-1":2,"1.5":3,"4294967294":4})") ==
             R"({"4294967294":4,"4294967295":1,"-1":2,"1.5":3})");
}

BOOST_AUTO_TEST_CASE(parsed_repeats_keep_the_first_position_and_the_last_value_whatever_the_order) {
  // Index keys in reverse order are reversed in one pass; a repeat among them, or among the
  // named keys once the index keys have moved first, still takes JSON.parse's answer.
  BOOST_TEST(eval("$", R"({"3":1,"2":2,"1":3,"0":4})") == R"({"0":4,"1":3,"2":2,"3":1})");
  BOOST_TEST(eval("$", R"({"3":1,"2":2,"3":9})") == R"({"2":2,"3":9})");
  BOOST_TEST(eval("$", R"({"b":1,"2":2,"1":3,"b":4})") == R"({"1":3,"2":2,"b":4})");
  BOOST_TEST(eval("$", R"({"1":0,"2":0,"b":1,"a":2,"b":3})") == R"({"1":0,"2":0,"b":3,"a":2})");
  // Above eight members the repeats are found through the lookup table.
  std::string descending = "{", expect = "{";
  for (int i = 11; i >= 0; --i) descending += '"' + std::to_string(i) + "\":" + std::to_string(i) + ",";
  for (int i = 0; i <= 11; ++i) expect += '"' + std::to_string(i) + "\":" + (i == 5 ? "55" : std::to_string(i)) + ",";
  BOOST_TEST(eval("$", descending + R"("k":1,"5":55,"k":2})") == expect + R"("k":2})");
  BOOST_TEST(eval("$keys($)", descending + R"("k":1})") == R"(["0","1","2","3","4","5","6","7","8","9","10","11","k"])");
  BOOST_TEST(eval("$count($keys($))", descending + R"("k":1})") == "13");
}

BOOST_AUTO_TEST_CASE(keys_of_one_object_are_its_own_in_property_order) {
  BOOST_TEST(eval(R"($keys({"b":1,"3":2,"a":3,"1":4}))") == R"(["1","3","b","a"])");
  BOOST_TEST(eval(R"($keys({}))") == "undefined");
  BOOST_TEST(eval(R"($keys({"only":1}))") == R"("only")");
  BOOST_TEST(eval(R"($keys($))", R"({"x":{"y":1},"w":2})") == R"(["x","w"])");
  // The sequence limit bites as it does for keys gathered one by one.
  auto e = jsn::Expression::compile("$keys($)");
  BOOST_REQUIRE(e.ok());
  jsn::Limits tight;
  tight.max_sequence = 3;
  auto r = e.value().evaluate_json(R"({"a":1,"b":2,"c":3,"d":4})", "", tight);
  BOOST_REQUIRE(!r.ok());
  BOOST_CHECK_EQUAL(r.error().code, "D2015");
  auto fits = e.value().evaluate_json(R"({"a":1,"b":2,"c":3})", "", tight);
  BOOST_REQUIRE(fits.ok());
  BOOST_CHECK_EQUAL(fits.value().json, R"(["a","b","c"])");
}

BOOST_AUTO_TEST_CASE(a_2_mb_body_of_numeric_keys_parses_in_proportion_for_every_order) {
  auto expr = jsn::Expression::compile("result.number");
  BOOST_REQUIRE(expr.ok());
  auto parse_and_read = [&](const std::string& body) {
    auto doc = jsn::Document::parse(body);  // the whole document, as the escalation reads it
    BOOST_REQUIRE(doc.ok());
    auto r = expr.value().evaluate(doc.value());
    BOOST_REQUIRE(r.ok());
    BOOST_CHECK_EQUAL(r.value().json, "\"INC0000009\"");
  };
  const std::string named = keyed_body(kBodyBytes, Order::Named);
  const double yardstick = seconds([&] { parse_and_read(named); }, 3);
  for (Order order : {Order::Ascending, Order::Descending, Order::NamedFirst, Order::Scrambled}) {
    const std::string body = keyed_body(kBodyBytes, order);
    const double t = seconds([&] { parse_and_read(body); }, 3);
    BOOST_TEST_MESSAGE(name_of(order) << ": " << t * 1e3 << " ms; named keys " << yardstick * 1e3 << " ms");
    BOOST_CHECK_LT(t, kAtMost * std::max(yardstick, 1e-3));
  }
}

BOOST_AUTO_TEST_CASE(a_2_mb_created_answer_of_numeric_keys_escalates) {
  const double yardstick = seconds([&] { create_answered_with(keyed_body(kBodyBytes, Order::Named)); }, 2);
  for (Order order : {Order::Ascending, Order::Descending}) {
    const std::string body = keyed_body(kBodyBytes, order);
    BOOST_REQUIRE_LT(body.size(), kMaxResponseBytes);
    Action out;
    const double t = seconds([&] { out = create_answered_with(body); }, 2);
    BOOST_REQUIRE(is_escalated(out));  // not ITSM_RESPONSE_NOT_JSON
    BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC0000009");
    BOOST_CHECK_LT(t, kAtMost * std::max(yardstick, 1e-3));
  }
}

BOOST_AUTO_TEST_CASE(built_objects_with_many_index_keys_cost_in_proportion) {
  // {numeric-key form, named-key yardstick}: $merge ascending and descending, group-by
  // descending and scrambled, and a transform over a parsed object.
  const std::pair<const char*, const char*> exprs[] = {
      {"$count($keys($merge([1..%N%].{$string($): $})))", "$count($keys($merge([1..%N%].{\"k\" & $string($): $})))"},
      {"$count($keys($merge([1..%N%].{$string(%N% - $): $})))", "$count($keys($merge([1..%N%].{\"k\" & $string(%N% - $): $})))"},
      {"$count($keys([1..%N%]{$string(%N% - $): $}))", "$count($keys([1..%N%]{\"k\" & $string(%N% - $): $}))"},
      {"$count($keys([1..%N%]{$string(($ * 7919) % %N%): $}))", "$count($keys([1..%N%]{\"k\" & $string(($ * 7919) % %N%): $}))"},
      {"$count($keys(numeric ~> |$|{\"k\": 1}|))", "$count($keys(named ~> |$|{\"k\": 1}|))"},
  };
  constexpr int n = 80000;
  std::string input = "{\"numeric\":{", named = "\"named\":{";
  for (int i = n; i > 0; --i) {
    input += '"' + std::to_string(i) + "\":0,";
    named += "\"k" + std::to_string(i) + "\":0,";
  }
  input += "\"z\":0}," + named + "\"z\":0}}";
  auto build = [&](const char* tpl) {
    std::string s = tpl;
    for (std::size_t at; (at = s.find("%N%")) != std::string::npos;) s.replace(at, 3, std::to_string(n));
    return s;
  };
  for (const auto& pair : exprs) {
    // Named copies: clang 14 (C++17) cannot capture structured bindings in the lambdas below.
    const auto numeric = pair.first;
    const auto yardstick_expr = pair.second;
    std::string result, baseline;
    const double yardstick = seconds([&] { baseline = eval(build(yardstick_expr), input); }, 2);
    const double t = seconds([&] { result = eval(build(numeric), input); }, 2);
    BOOST_TEST_MESSAGE(numeric << ": " << t * 1e3 << " ms; named keys " << yardstick * 1e3 << " ms");
    BOOST_CHECK_EQUAL(result, baseline);  // the same number of keys
    BOOST_CHECK_MESSAGE(result.find_first_not_of("0123456789") == std::string::npos, result);
    BOOST_CHECK_LT(t, kAtMost * std::max(yardstick, 1e-3));
  }
}

BOOST_AUTO_TEST_SUITE_END()
