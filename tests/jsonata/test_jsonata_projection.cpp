// Projections: evaluate_json builds only the members of its input that the expression can
// reach. Users rely on two things: the plan never leaves out anything the expression may
// read (the conformance runner also compares every case against a full parse), and the
// reader reports exactly the errors of a full parse, at the same offsets, whatever it skips.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ast.hpp"
#include "errors.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#include "parser.hpp"
#include "projection.hpp"
#include "test_support.hpp"
#include "ticketbridge/json_text.hpp"
#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;

namespace {

std::string plan(const std::string& source) {
  jsn::Program prog;
  jsn::EvalError err;
  if (!jsn::compile_program(prog, source, err)) return "compile error " + err.code;
  return jsn::describe(jsn::plan_projection(prog));
}

struct Read {
  bool ok = false;
  std::string json;  // the value read, or the error: code, message, offset
};

Read read(const std::string& text, const jsn::Projection* proj, int max_nesting = 256) {
  jsn::Arena arena;
  jsn::Value v = jsn::Value::undefined();
  jsn::JsonReadError err;
  Read r;
  r.ok = jsn::read_json(arena, text.data(), text.size(), max_nesting, v, err, proj);
  if (r.ok) jsn::write_json(r.json, v, jsn::WriteOptions());
  else r.json = std::string(err.code) + " " + err.message + " @" + std::to_string(err.offset);
  return r;
}

// Projections built by hand, shaped like the planner's.
struct Shapes {
  jsn::Projection number, result, ticket, nothing, empty_result;
  // `$keys(result)`, and `{"ticketNumber": result.number, "keys": $count($keys(result))}`.
  jsn::Projection keys, keys_number, result_keys, ticket_keys;
  Shapes() {
    number.add({"number", jsn::hash_key("number"), nullptr});
    ticket.add({"result", jsn::hash_key("result"), &number});
    empty_result.add({"result", jsn::hash_key("result"), &nothing});
    result.add({"result", jsn::hash_key("result"), nullptr});
    keys.keys = true;
    keys_number = number;
    keys_number.keys = true;
    result_keys.add({"result", jsn::hash_key("result"), &keys});
    ticket_keys.add({"result", jsn::hash_key("result"), &keys_number});
  }
  std::vector<const jsn::Projection*> all() const {
    return {&ticket, &nothing, &empty_result, &result, &result_keys, &ticket_keys};
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonata_projection)

BOOST_AUTO_TEST_CASE(paths_read_only_the_members_they_name) {
  BOOST_TEST(plan(R"({"ticketId": result.sys_id, "ticketNumber": result.number})") == "{result:{number:*,sys_id:*}}");
  BOOST_TEST(plan("$sum(Account.Order.Product.(Price * Quantity))") ==
             "{Account:{Order:{Product:{Price:*,Quantity:*}}}}");
  BOOST_TEST(plan(R"(Account.Order[OrderID = "order103"].Product.SKU)") ==
             "{Account:{Order:{OrderID:*,Product:{SKU:*}}}}");
  BOOST_TEST(plan("result.items[0].id") == "{result:{items:{id:*}}}");
  BOOST_TEST(plan("$$.result.number") == "{result:{number:*}}");
  BOOST_TEST(plan("result^(priority).number") == "{result:{number:*,priority:*}}");
  BOOST_TEST(plan("result{category: $count(number)}") == "{result:{category:*,number:*}}");
  BOOST_TEST(plan("($f := function() { result.number }; $f())") == "{result:{number:*}}");
  BOOST_TEST(plan("$substring(result.number, 1, 2)") == "{result:{number:*}}");
  BOOST_TEST(plan("[1, 2, 3]") == "{}");  // reads nothing of its input
}

BOOST_AUTO_TEST_CASE(values_seen_as_a_whole_are_built_whole) {
  BOOST_TEST(plan("result") == "{result:*}");
  BOOST_TEST(plan("result[state = '1']") == "{result:*}");
  BOOST_TEST(plan("result.*") == "{result:*}");
  BOOST_TEST(plan("result ~> $keys()") == "{result:*}");
  BOOST_TEST(plan("($keys(result); result)") == "{result:*}");
  BOOST_TEST(plan("($x := result; $x.number)") == "{result:*}");
  BOOST_TEST(plan("$map(result.items, function($v) { $v.id })") == "{result:{items:*}}");
  BOOST_TEST(plan("result.$string()") == "{result:*}");  // the context is the argument
  BOOST_TEST(plan("$") == "*");
}

BOOST_AUTO_TEST_CASE(keys_read_the_keys_and_only_the_values_named) {
  BOOST_TEST(plan("$keys(result)") == "{result:keys{}}");
  BOOST_TEST(plan(R"({"ticketNumber": result.number, "keys": $count($keys(result))})") == "{result:keys{number:*}}");
  BOOST_TEST(plan("$keys(result)[$contains($, '_id')]") == "{result:keys{}}");
  BOOST_TEST(plan("$keys(result.items[type = 'a'])") == "{result:{items:keys{type:*}}}");
  BOOST_TEST(plan("$keys($$)") == "keys{}");
  BOOST_TEST(plan("$keys(result) ~> $count()") == "{result:keys{}}");
  BOOST_TEST(plan("$keys(result)[$lookup($$.result, $) = '']") == "{result:*}");
  // `$keys` bound by the expression itself is not the built-in: its argument is kept whole.
  BOOST_TEST(plan("($keys := function($o) { $o.a }; $keys(result))") == "{result:*}");
  BOOST_TEST(plan("(function($keys) { $keys(result) })(function($o) { $o })") == "{result:*}");
  BOOST_TEST(plan("($f := function() { $keys(result) }; $keys := $count; $f())") == "{result:*}");
}

BOOST_AUTO_TEST_CASE(a_keys_level_keeps_every_key_in_order_and_only_named_values) {
  Shapes s;
  // Index keys first, ascending, then the others in text order, as JavaScript orders them.
  // Objects and arrays not named are skipped (null stands in); scalars cost nothing to keep.
  BOOST_TEST(read(R"({"result": {"b": [1, {"x": 2}], "number": "INC1", "a": "s", "2": true, "1": null, "c": {"d": 1}}})",
                  &s.ticket_keys).json == R"({"result":{"1":null,"2":true,"b":null,"number":"INC1","a":"s","c":null}})");
  // Compact "key":"value" members take the reader's one-scan path.
  BOOST_TEST(read(R"({"result":{"k":"v","number":"n","__proto__":"p","o":{}}})", &s.ticket_keys).json ==
             R"({"result":{"k":"v","number":"n","__proto__":"p","o":null}})");
  BOOST_TEST(read(R"({"result":{"number":{"x":[1]},"9":-1.5e3,"e":"A"}})", &s.ticket_keys).json ==
             R"({"result":{"9":-1500,"number":{"x":[1]},"e":"A"}})");
  // Arrays are transparent; values that are not objects are what they are.
  BOOST_TEST(read(R"({"result": [{"a": {"z": 1}}, "s", [{"b": [2]}], 3, null]})", &s.result_keys).json ==
             R"({"result":[{"a":null},"s",[{"b":null}],3,null]})");
  BOOST_TEST(read(R"({"result": "text", "other": 1})", &s.result_keys).json == R"({"result":"text"})");
  // A repeated key keeps its first position and its last value.
  BOOST_TEST(read(R"({"result": {"a": [1], "number": "x", "a": {"b": 2}, "number": "y"}})", &s.ticket_keys).json ==
             R"({"result":{"a":null,"number":"y"}})");
  BOOST_TEST(read(R"({"result": {}})", &s.ticket_keys).json == R"({"result":{}})");
}

BOOST_AUTO_TEST_CASE(what_the_planner_cannot_follow_keeps_the_whole_input) {
  BOOST_TEST(plan("**.number") == "*");
  BOOST_TEST(plan("result.items.%.number") == "*");
  BOOST_TEST(plan("result@$r.number") == "*");
  BOOST_TEST(plan("result#$i.number") == "*");
  BOOST_TEST(plan(R"($eval("result.number"))") == "*");
  BOOST_TEST(plan("$map(result, $string)") == "*");
  BOOST_TEST(plan("result ~> |items|{'x': 1}|") == "*");
  BOOST_TEST(plan("($f := function($s)<s-:s>{ $s }; result.$f())") == "*");
  // The context may stand in for a missing argument, depending on the argument types.
  BOOST_TEST(plan("$substring(result.number, 1)") == "*");
}

BOOST_AUTO_TEST_CASE(skipped_members_are_not_built_and_arrays_are_transparent) {
  Shapes s;
  BOOST_TEST(read(R"({"result": {"number": "INC1", "sys_id": "x", "n": [1, {"a": 2}]}, "other": true})", &s.ticket).json ==
             R"({"result":{"number":"INC1"}})");
  BOOST_TEST(read(R"({"result": [{"number": 1, "x": 2}, {"y": 3}, 7, [{"number": 4}]]})", &s.ticket).json ==
             R"({"result":[{"number":1},{},7,[{"number":4}]]})");
  BOOST_TEST(read(R"({"result": {"number": 1}, "result": {"number": 2, "z": 0}})", &s.ticket).json ==
             R"({"result":{"number":2}})");
  BOOST_TEST(read(R"([{"result": 1, "x": 2}, "s"])", &s.result).json == R"([{"result":1},"s"])");
  BOOST_TEST(read(R"({"result": {"a": 1}, "b": 2})", &s.nothing).json == "{}");
  BOOST_TEST(read(R"({"result": {"a": 1}, "b": 2})", &s.empty_result).json == R"({"result":{}})");
}

BOOST_AUTO_TEST_CASE(compact_members_of_every_length_read_as_in_a_full_parse) {
  // Short "key":"value" (or "key": "value") members are read in one 64-byte scan; around its edges (members that
  // just fit or just do not, keys starting with a digit) the answer must not change.
  for (std::size_t klen = 0; klen < 64; ++klen) {
    for (std::size_t vlen = 0; vlen < 70; vlen += (vlen < 8 || vlen > 56) ? 1 : 7) {
      const std::string key = std::string(klen ? 1 : 0, klen % 2 ? '7' : 'k') + std::string(klen ? klen - 1 : 0, 'a');
      const std::string value(vlen, 'v');
      const std::string text = "{\"" + key + "\":\"" + value + "\",\"other\":\"" + value + "x\"}";
      const std::string spaced = "{\"" + key + "\": \"" + value + "\", \"other\": \"" + value + "x\"}";
      BOOST_TEST(read(spaced, nullptr).json == text);
      jsn::Projection want;
      want.add({key, jsn::hash_key(key), nullptr});
      BOOST_TEST(read(text, nullptr).json == text);
      BOOST_TEST(read(text, &want).json == "{\"" + key + "\":\"" + value + "\"}", text);
      jsn::Projection other;
      other.add({"other", jsn::hash_key("other"), nullptr});
      BOOST_TEST(read(text, &other).json == "{\"other\":\"" + value + "x\"}", text);
    }
  }
}

BOOST_AUTO_TEST_CASE(errors_are_those_of_a_full_parse_wherever_they_are) {
  Shapes s;
  const std::string body = tbtest::read_file(TB_FIXTURES_DIR "/servicenow/create-response.json");
  BOOST_REQUIRE(read(body, nullptr).ok);
  const char replacements[] = {'"', '\\', '{', '}', '[', ']', ',', ':', 'x', '0', '-', 'e', ' ', '\x80', '\x01', 'u'};
  std::size_t compared = 0, failing = 0;
  auto compare = [&](const std::string& text) {
    Read full = read(text, nullptr);
    failing += !full.ok;
    // An independent parser (nlohmann::json) agrees on which texts are JSON.
    BOOST_TEST(full.ok == tb::parse_json(text, "T", 1u << 20).ok(), text);
    for (const jsn::Projection* p : s.all()) {
      Read part = read(text, p);
      if (!full.ok) BOOST_TEST(part.json == full.json, "projection " << jsn::describe(p) << " of: " << text);
      else BOOST_TEST(part.ok);
      ++compared;
    }
  };
  for (std::size_t at = 0; at < body.size(); at += 7) {
    for (char c : replacements) {
      std::string mutated = body;
      mutated[at] = c;
      compare(mutated);
    }
    compare(body.substr(0, at));
    compare(body.substr(0, at) + "\\u12" + body.substr(at));
  }
  BOOST_TEST_MESSAGE(compared << " reads compared, " << failing << " texts invalid");
  BOOST_TEST(failing > 1000u);  // the mutations do reach the error paths
  // Nesting is counted through skipped members too.
  std::string deep = R"({"other": )" + std::string(300, '[') + std::string(300, ']') + "}";
  for (const jsn::Projection* p : s.all()) BOOST_TEST(read(deep, p).json == read(deep, nullptr).json);
  BOOST_TEST(read(deep, &s.ticket).json.rfind("JSONATA_TOO_DEEP", 0) == 0);
}

BOOST_AUTO_TEST_CASE(evaluate_json_answers_as_over_the_whole_document) {
  const std::string body = tbtest::read_file(TB_FIXTURES_DIR "/servicenow/create-response.json");
  auto whole = jsn::Document::parse(body);
  BOOST_REQUIRE(whole.ok());
  for (const char* source : {R"({"ticketId": result.sys_id, "ticketNumber": result.number})",
                             "result.caller_id.value", "$count(result.*)", "$keys(result)[0]",
                             R"(result[state = "1"].number)", "result.nothing.here", "$keys(result)",
                             R"({"ticketNumber": result.number, "keys": $count($keys(result))})",
                             "$keys(result.caller_id)", "$keys(result.number)", "$keys(result.nothing)",
                             "$keys([result, result.caller_id])", "$keys($$)"}) {
    auto e = jsn::Expression::compile(source);
    BOOST_REQUIRE(e.ok());
    auto projected = e.value().evaluate_json(body);
    auto full = e.value().evaluate(whole.value());
    BOOST_REQUIRE(projected.ok());
    BOOST_REQUIRE(full.ok());
    BOOST_TEST(projected.value().defined == full.value().defined, source);
    BOOST_TEST(projected.value().json == full.value().json, source);
  }
}

BOOST_AUTO_TEST_CASE(keys_bound_by_the_host_read_the_input_whole) {
  // A host function or a binding named `keys` stands in for the built-in: what it is handed
  // must be the values, not the keys plan's nulls.
  auto e = jsn::Expression::compile("$keys(result)");
  BOOST_REQUIRE(e.ok());
  const std::string body = R"({"result": {"b": 2, "a": [1]}})";
  std::vector<jsn::HostFunction> hosts(1);
  hosts[0].name = "keys";
  hosts[0].arity = 1;
  hosts[0].call = [](std::string_view args) -> tb::jsonata::Result<std::string> { return std::string(args); };
  jsn::Limits limits;
  limits.host_functions = &hosts;
  auto hosted = e.value().evaluate_json(body, "", limits);
  BOOST_REQUIRE(hosted.ok());
  BOOST_TEST(hosted.value().json == R"([{"b":2,"a":[1]}])");
  auto with_value = e.value().evaluate_json(body, R"({"keys": 1})");
  BOOST_TEST(!with_value.ok());
  auto plain = e.value().evaluate_json(body, R"({"other": 1})");
  BOOST_REQUIRE(plain.ok());
  BOOST_TEST(plain.value().json == R"(["b","a"])");
}

BOOST_AUTO_TEST_CASE(a_huge_descending_numeric_object_counts_its_keys) {
  // The benchmark's shape: keys "n-1" ... "0", read under keys{number:*}.
  std::string body = R"({"result": {"number": "INC0001")";
  const int n = 3000;
  for (int i = n - 1; i >= 0; --i) body += ",\"" + std::to_string(i) + "\": " + std::to_string(i * 0.5);
  body += "}}";
  auto whole = jsn::Document::parse(body);
  BOOST_REQUIRE(whole.ok());
  for (const char* source : {R"({"ticketNumber": result.number, "keys": $count($keys(result))})", "$keys(result)[[0, 1, -1]]"}) {
    auto e = jsn::Expression::compile(source);
    BOOST_REQUIRE(e.ok());
    auto projected = e.value().evaluate_json(body);
    auto full = e.value().evaluate(whole.value());
    BOOST_REQUIRE(projected.ok());
    BOOST_REQUIRE(full.ok());
    BOOST_TEST(projected.value().json == full.value().json, source);
  }
}

BOOST_AUTO_TEST_SUITE_END()
