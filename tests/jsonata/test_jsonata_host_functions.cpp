// Functions the host lends to an evaluation (HostFunction): what the jsonata-js drop-in
// builds registerFunction() and function-valued bindings on. Arguments are checked against
// the signature before the host sees them, cross as a JSON array, and the answer comes back
// as JSON; the host's errors end the evaluation with their code.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;

namespace {

std::string eval(const std::string& expr, const std::vector<jsn::HostFunction>& hosts, const std::string& input = "",
                 const std::string& bindings = "") {
  auto e = jsn::Expression::compile(expr);
  if (!e.ok()) return "error " + e.error().code;
  jsn::Limits limits;
  limits.host_functions = &hosts;
  auto r = e.value().evaluate_json(input, bindings, limits);
  if (!r.ok()) return "error " + r.error().code + ": " + r.error().message;
  return r.value().defined ? r.value().json : "undefined";
}

jsn::HostFunction host(std::string name, std::string signature, int arity,
                       std::function<tb::jsonata::Result<std::string>(std::string_view)> call) {
  jsn::HostFunction h;
  h.name = std::move(name);
  h.signature = std::move(signature);
  h.arity = arity;
  h.call = std::move(call);
  return h;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonata_host_functions)

BOOST_AUTO_TEST_CASE(called_with_json_arguments_and_its_answer_read_back) {
  std::vector<std::string> seen;
  const std::vector<jsn::HostFunction> hosts = {host("pair", "", 2, [&](std::string_view args) -> tb::jsonata::Result<std::string> {
    seen.emplace_back(args);
    return std::string(R"({"got":)") + std::string(args) + "}";
  })};
  BOOST_TEST(eval(R"($pair(a, {"x": [1, "two"]}))", hosts, R"({"a": 1.5})") == R"({"got":[1.5,{"x":[1,"two"]}]})");
  BOOST_TEST(seen.size() == 1u);
  BOOST_TEST(eval("$pair(missing, 2)", hosts, "{}") == R"({"got":[null,2]})");  // undefined crosses as null
}

BOOST_AUTO_TEST_CASE(an_empty_answer_is_undefined) {
  const std::vector<jsn::HostFunction> hosts = {host("nothing", "", 0, [](std::string_view) -> tb::jsonata::Result<std::string> {
    return std::string();
  })};
  BOOST_TEST(eval("$nothing()", hosts) == "undefined");
  BOOST_TEST(eval("[1, $nothing(), 2]", hosts) == "[1,2]");
}

BOOST_AUTO_TEST_CASE(the_signature_is_checked_before_the_host_is_called) {
  int calls = 0;
  const std::vector<jsn::HostFunction> hosts = {host("upper", "<s:s>", 1, [&](std::string_view) -> tb::jsonata::Result<std::string> {
    ++calls;
    return std::string(R"("X")");
  })};
  BOOST_TEST(eval("$upper(42)", hosts).rfind("error T0410", 0) == 0u);
  BOOST_TEST(calls == 0);
  BOOST_TEST(eval(R"($upper("x"))", hosts) == R"("X")");
  // A context argument ('-') is filled from the focus, as for built-ins.
  const std::vector<jsn::HostFunction> ctx = {host("echo", "<s-:s>", 1, [](std::string_view args) -> tb::jsonata::Result<std::string> {
    return std::string(args.substr(1, args.size() - 2));
  })};
  BOOST_TEST(eval("name.$echo()", ctx, R"({"name": "ana"})") == R"("ana")");
}

BOOST_AUTO_TEST_CASE(higher_order_builtins_pass_as_many_arguments_as_it_declares) {
  std::vector<std::string> seen;
  const std::vector<jsn::HostFunction> hosts = {host("inc", "", 1, [&](std::string_view args) -> tb::jsonata::Result<std::string> {
    seen.emplace_back(args);
    const std::string n(args.substr(1, args.size() - 2));
    return std::to_string(std::stoi(n) + 1);
  })};
  BOOST_TEST(eval("$map([1, 2, 3], $inc)", hosts) == "[2,3,4]");
  BOOST_TEST((seen == std::vector<std::string>{"[1]", "[2]", "[3]"}));
}

BOOST_AUTO_TEST_CASE(host_errors_end_the_evaluation_with_their_code) {
  const std::vector<jsn::HostFunction> hosts = {host("fail", "", 0, [](std::string_view) -> tb::jsonata::Result<std::string> {
    return tb::jsonata::make_error("JSONATA_HOST_ERROR", "backend down");
  })};
  BOOST_TEST(eval("1 + $fail()", hosts) == "error JSONATA_HOST_ERROR: backend down");
  const std::vector<jsn::HostFunction> bad = {host("bad", "", 0, [](std::string_view) -> tb::jsonata::Result<std::string> {
    return std::string("{not json");
  })};
  BOOST_TEST(eval("$bad()", bad).rfind("error JSONATA_HOST_ANSWER", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(bindings_shadow_host_functions_and_bad_signatures_are_reported) {
  const std::vector<jsn::HostFunction> hosts = {host("v", "", 0, [](std::string_view) -> tb::jsonata::Result<std::string> {
    return std::string("1");
  })};
  BOOST_TEST(eval("$v", hosts, "", R"({"v": 7})") == "7");
  BOOST_TEST(eval("$v()", hosts) == "1");
  const std::vector<jsn::HostFunction> broken = {host("f", "<s<n>:s>", 1, [](std::string_view) -> tb::jsonata::Result<std::string> {
    return std::string("1");
  })};
  BOOST_TEST(eval("$f(1)", broken).rfind("error S0401", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
