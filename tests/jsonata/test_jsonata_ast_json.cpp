// Expression::ast_json(): the parsed tree in jsonata-js 2.x's ast() shape. The expected trees
// are jsonata-js 2.2.2's answers (JSON.stringify of its ast()), compared as JSON values so
// key order does not matter; the regex is written as {pattern, flags} (the host makes the
// RegExp). node-tests/jsonata-ast.test.mjs compares the whole conformance suite.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;
using nlohmann::json;

namespace {

std::string ast_of(const std::string& expr) {
  auto e = jsn::Expression::compile(expr);
  BOOST_REQUIRE_MESSAGE(e.ok(), expr << " did not compile");
  return e.value().ast_json();
}

void same_tree(const std::string& expr, const std::string& expected) {
  const json actual = json::parse(ast_of(expr));
  BOOST_TEST(actual == json::parse(expected), expr << "\n ours:     " << actual.dump() << "\n expected: " << expected);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonata_ast_json)

BOOST_AUTO_TEST_CASE(paths_with_filter_stages) {
  same_tree("a.b[0].c", R"({"type":"path","steps":[{"value":"a","type":"name","position":1},{"value":"b","type":"name","position":3,"stages":[{"type":"filter","expr":{"value":0,"type":"number","position":5},"position":4}]},{"value":"c","type":"name","position":8}]})");
}

BOOST_AUTO_TEST_CASE(partial_application_with_a_placeholder) {
  same_tree("$f($x, ?)", R"({"type":"partial","value":"(","position":3,"arguments":[{"value":"x","type":"variable","position":5},{"value":"?","type":"operator","position":8}],"procedure":{"value":"f","type":"variable","position":2}})");
}

BOOST_AUTO_TEST_CASE(focus_index_and_parent_slots) {
  same_tree("Account.Order@$o#$i.Product[%.x]", R"({"type":"path","steps":[{"value":"Account","type":"name","position":7},{"value":"Order","type":"name","position":13,"focus":"o","tuple":true,"index":"i"},{"value":"Product","type":"name","position":27,"stages":[{"type":"filter","expr":{"type":"path","steps":[{"type":"parent","slot":{"label":"!0","level":0,"index":0}},{"value":"x","type":"name","position":31}],"seekingParent":[{"label":"!0","level":0,"index":0}]},"position":28}],"ancestor":{"label":"!0","level":0,"index":0},"tuple":true,"seekingParent":[{"label":"!0","level":0,"index":0}]}]})");
}

BOOST_AUTO_TEST_CASE(lambda_with_signature_and_tail_call_thunk) {
  same_tree("function($a)<n:n>{$a ? $f($a) : -1}", R"({"type":"lambda","arguments":[{"value":"a","type":"variable","position":11}],"signature":{"definition":"<n:n>"},"position":9,"body":{"type":"condition","position":22,"condition":{"value":"a","type":"variable","position":20},"then":{"type":"lambda","thunk":true,"arguments":[],"position":26,"body":{"type":"function","value":"(","position":26,"arguments":[{"value":"a","type":"variable","position":28}],"procedure":{"value":"f","type":"variable","position":25}}},"else":{"value":-1,"type":"number","position":34}}})");
}

BOOST_AUTO_TEST_CASE(group_by_and_order_by) {
  same_tree("a{b: c}^(>d)", R"({"type":"path","steps":[{"value":"a","type":"name","position":1},{"type":"sort","position":8,"terms":[{"descending":true,"expression":{"type":"path","steps":[{"value":"d","type":"name","position":11}]}}]}],"group":{"lhs":[[{"type":"path","steps":[{"value":"b","type":"name","position":3}]},{"type":"path","steps":[{"value":"c","type":"name","position":6}]}]],"position":2}})");
}

BOOST_AUTO_TEST_CASE(transform_with_delete_and_constructors) {
  same_tree(R"(|a|{"b":1},["c"]|)", R"({"type":"transform","position":1,"pattern":{"type":"path","steps":[{"value":"a","type":"name","position":2}]},"update":{"type":"unary","value":"{","position":4,"lhs":[[{"value":"b","type":"string","position":7},{"value":1,"type":"number","position":9}]]},"delete":{"type":"unary","value":"[","position":12,"expressions":[{"value":"c","type":"string","position":15}]}})");
}

BOOST_AUTO_TEST_CASE(coalescing_nodes_made_by_the_parser_have_no_position) {
  same_tree("x ?? -0", R"({"type":"condition","position":4,"condition":{"type":"function","value":"(","arguments":[{"type":"path","steps":[{"value":"x","type":"name","position":1}]}],"procedure":{"type":"variable","value":"exists"}},"then":{"type":"path","steps":[{"value":"x","type":"name","position":1}]},"else":{"value":0,"type":"number","position":7}})");
  // jsonata-js folds "-0" to the number -0; the text keeps the sign for JSON.parse.
  BOOST_TEST(ast_of("x ?? -0").find("\"value\":-0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(regex_range_predicate_and_apply) {
  same_tree("/ab/i", R"({"value":{"pattern":"ab","flags":"gi"},"type":"regex","position":5})");
  same_tree("[1..3][0]", R"({"type":"unary","value":"[","position":1,"expressions":[{"type":"binary","value":"..","position":4,"lhs":{"value":1,"type":"number","position":2},"rhs":{"value":3,"type":"number","position":5}}],"predicate":[{"type":"filter","expr":{"value":0,"type":"number","position":8},"position":7}]})");
  same_tree("a[]~>$g", R"({"type":"apply","value":"~>","position":5,"lhs":{"type":"path","steps":[{"value":"a","type":"name","position":1,"keepArray":true}],"keepSingletonArray":true,"keepArray":true},"rhs":{"value":"g","type":"variable","position":7},"keepArray":true})");
}

BOOST_AUTO_TEST_CASE(an_uncompiled_expression_has_no_tree) {
  BOOST_TEST(jsn::Expression().ast_json() == "null");
}

BOOST_AUTO_TEST_SUITE_END()
