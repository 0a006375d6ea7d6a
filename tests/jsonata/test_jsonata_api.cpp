// The public JSONata API as the Output tab uses it: parse a response once, compile
// expressions once, evaluate to JSON text or undefined, errors as values with codes.
#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"
#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;

namespace {

std::string fixture(const std::string& rel) { return tbtest::read_file(tbtest::fixture_path(rel)); }

// Evaluates `expr` over `input` and returns the JSON text, "undefined", or "error <code>".
std::string eval(const std::string& expr, const std::string& input = "", const std::string& bindings = "") {
  auto e = jsn::Expression::compile(expr);
  if (!e.ok()) return "error " + e.error().code;
  auto r = e.value().evaluate_json(input, bindings);
  if (!r.ok()) return "error " + r.error().code;
  return r.value().defined ? r.value().json : "undefined";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonata_api)

BOOST_AUTO_TEST_CASE(ticket_fields_from_a_servicenow_create_response) {
  auto doc = jsn::Document::parse(fixture("servicenow/create-response.json"));
  BOOST_REQUIRE(doc.ok());
  auto expr = jsn::Expression::compile(R"({"ticketId": result.sys_id, "ticketNumber": result.number})");
  BOOST_REQUIRE(expr.ok());
  auto out = expr.value().evaluate(doc.value());
  BOOST_REQUIRE(out.ok());
  BOOST_TEST(out.value().defined);
  BOOST_TEST(out.value().json == R"({"ticketId":"a83820b58f723300e7e16c7827bdeed2","ticketNumber":"INC0010042"})");
}

BOOST_AUTO_TEST_CASE(one_document_serves_many_expressions) {
  auto doc = jsn::Document::parse(fixture("servicenow/create-response.json"));
  BOOST_REQUIRE(doc.ok());
  auto a = jsn::Expression::compile("$.result.number");
  auto b = jsn::Expression::compile("result.caller_id.value");
  BOOST_REQUIRE(a.ok() && b.ok());
  BOOST_TEST(a.value().evaluate(doc.value()).value().json == R"("INC0010042")");
  BOOST_TEST(b.value().evaluate(doc.value()).value().json == R"("5137153cc611227c000bbd1bd8cd2005")");
  BOOST_TEST(a.value().evaluate(doc.value()).value().json == R"("INC0010042")");
}

BOOST_AUTO_TEST_CASE(missing_paths_are_undefined_not_null) {
  BOOST_TEST(eval("result.nope", R"({"result":{"a":1}})") == "undefined");
  BOOST_TEST(eval("result.a", R"({"result":{"a":null}})") == "null");
  BOOST_TEST(eval("{'x': result.nope}", R"({"result":{}})") == "{}");
}

BOOST_AUTO_TEST_CASE(constructors_literals_and_concatenation) {
  BOOST_TEST(eval(R"([1, "two", true, null, {"k": [3]}])") == R"([1,"two",true,null,{"k":[3]}])");
  BOOST_TEST(eval(R"("INC" & 42 & "-" & true)") == R"("INC42-true")");
  BOOST_TEST(eval(R"($string(1/3))") == R"("0.333333333333333")");
  BOOST_TEST(eval(R"($string({"a": [1, 2.5]}))") == R"("{\"a\":[1,2.5]}")");
  BOOST_TEST(eval("1e21") == "1e+21");
  BOOST_TEST(eval("0.1 + 0.2") == "0.30000000000000004");
}

BOOST_AUTO_TEST_CASE(comparisons_and_conditions) {
  BOOST_TEST(eval(R"(state = "1" ? "new" : "other")", R"({"state":"1"})") == R"("new")");
  BOOST_TEST(eval("priority < 3", R"({"priority":2})") == "true");
  BOOST_TEST(eval(R"("a" < "b" and 2 >= 2)") == "true");
  BOOST_TEST(eval(R"("a" < 1)") == "error T2009");
}

BOOST_AUTO_TEST_CASE(object_key_order_follows_javascript) {
  BOOST_TEST(eval(R"({"b": 1, "a": 2, "10": 3, "2": 4})") == R"({"2":4,"10":3,"b":1,"a":2})");
  BOOST_TEST(eval("$", R"({"z":1,"y":2,"z":3})") == R"({"z":3,"y":2})");
}

BOOST_AUTO_TEST_CASE(bindings_become_variables) {
  BOOST_TEST(eval("$prefix & number", R"({"number":"INC1"})", R"({"prefix":"#"})") == R"("#INC1")");
}

BOOST_AUTO_TEST_CASE(compile_errors_carry_code_position_and_token) {
  auto e = jsn::Expression::compile("result.(");
  BOOST_REQUIRE(!e.ok());
  BOOST_TEST(e.error().code == "S0203");
  BOOST_TEST(e.error().position == 8);
  auto s = jsn::Expression::compile(R"("unterminated)");
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.error().code == "S0101");
  BOOST_TEST(!s.error().message.empty());
}

BOOST_AUTO_TEST_CASE(evaluation_errors_carry_the_reference_message) {
  auto e = jsn::Expression::compile(R"(1 + "a")");
  BOOST_REQUIRE(e.ok());
  auto r = e.value().evaluate_json("");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == "T2002");
  BOOST_TEST(r.error().message == R"(The right side of the "+" operator must evaluate to a number)");
  BOOST_TEST(r.error().position == 3);
  BOOST_TEST(r.error().token == "+");
  BOOST_TEST(r.error().value_json == R"("a")");
}

BOOST_AUTO_TEST_CASE(invalid_json_input_is_rejected) {
  BOOST_TEST(!jsn::Document::parse("{\"a\":1,}").ok());
  BOOST_TEST(!jsn::Document::parse("[1 2]").ok());
  BOOST_TEST(!jsn::Document::parse("\"\xff\"").ok());
  BOOST_TEST(jsn::Document::parse("[[[1]]]", 2).error().code == "JSONATA_TOO_DEEP");
}

BOOST_AUTO_TEST_CASE(strings_are_measured_like_javascript) {
  BOOST_TEST(eval(R"($length("a😀b"))") == "3");
  BOOST_TEST(eval(R"($substring("a😀bc", 1, 2))") == R"("😀b")");
  BOOST_TEST(eval(R"($uppercase("straße"))") == R"("STRASSE")");
  BOOST_TEST(eval(R"("\ud83d")") == R"("\ud83d")");
}

// Arenas hand released blocks to the next arena of their thread: documents of every size,
// freed in any order and on other threads than the one that parsed them, must keep their
// contents (the sanitizer build checks the memory behind this).
BOOST_AUTO_TEST_CASE(documents_stay_intact_whatever_order_and_thread_they_are_freed_in) {
  auto body = [](int id, std::size_t filler) {
    return R"({"result": {"number": "INC)" + std::to_string(id) + R"(", "notes": ")" + std::string(filler, 'x') + R"("}})";
  };
  auto number = jsn::Expression::compile("result.number & '/' & $string($length(result.notes))");
  BOOST_REQUIRE(number.ok());
  const std::size_t sizes[] = {0, 100, 5000, 70000, 300000};  // below and above the kept block
  std::vector<jsn::Document> docs;
  for (int i = 0; i < 20; ++i) {
    auto d = jsn::Document::parse(body(i, sizes[i % 5]));
    BOOST_REQUIRE(d.ok());
    docs.push_back(std::move(d).value());
    if (i % 3 == 2) docs.erase(docs.begin());  // free some while others are alive
  }
  std::vector<jsn::Document> moved;
  std::thread parser([&] {
    for (int i = 20; i < 30; ++i) moved.push_back(jsn::Document::parse(body(i, sizes[i % 5])).value());
  });
  parser.join();
  std::thread freer([&] { docs.erase(docs.begin(), docs.begin() + 3); });
  freer.join();
  for (auto& d : moved) docs.push_back(std::move(d));
  for (const auto& d : docs) {
    auto out = number.value().evaluate(d);
    BOOST_REQUIRE(out.ok());
    const std::string& json = out.value().json;
    const int id = std::stoi(json.substr(4));
    BOOST_TEST(json == "\"INC" + std::to_string(id) + "/" + std::to_string(sizes[id % 5]) + "\"");
  }
}

BOOST_AUTO_TEST_SUITE_END()
