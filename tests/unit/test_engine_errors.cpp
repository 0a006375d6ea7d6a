// The engine reports its own errors (tb::jsonata::Error, with the reference's token and
// value); the core reports tb::Error. Where the core wraps an engine error it keeps code,
// message, position and token, and a host function written against the core's Result still
// plugs into the engine.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ticketbridge/error.hpp"
#include "ticketbridge/jsonata.hpp"

namespace jsn = tb::jsonata;

BOOST_AUTO_TEST_CASE(an_engine_error_becomes_a_core_error_with_its_location) {
  auto compiled = jsn::Expression::compile("$uppercase(\"x\") ~> )");
  BOOST_TEST_REQUIRE(!compiled.ok());
  const tb::Result<jsn::Expression> wrapped = std::move(compiled);
  BOOST_TEST_REQUIRE(!wrapped.ok());
  auto again = jsn::Expression::compile("$uppercase(\"x\") ~> )");
  BOOST_TEST(wrapped.error().code == again.error().code);
  BOOST_TEST(wrapped.error().message == again.error().message);
  BOOST_TEST(wrapped.error().position == again.error().position);
  BOOST_TEST(wrapped.error().token == again.error().token);
  BOOST_TEST(wrapped.error().path.empty());
}

BOOST_AUTO_TEST_CASE(a_host_function_may_answer_with_the_cores_result) {
  const std::vector<jsn::HostFunction> hosts = {
      {"fail", "", 0, [](std::string_view) -> tb::Result<std::string> { return tb::make_error("BACKEND_DOWN", "the backend is down"); }},
      {"two", "", 0, [](std::string_view) -> tb::Result<std::string> { return std::string("2"); }}};
  jsn::Limits limits;
  limits.host_functions = &hosts;
  auto sum = jsn::Expression::compile("$two() + 1").value().evaluate_json("", "", limits);
  BOOST_TEST_REQUIRE(sum.ok());
  BOOST_TEST(sum.value().json == "3");
  auto failed = jsn::Expression::compile("$fail()").value().evaluate_json("", "", limits);
  BOOST_TEST_REQUIRE(!failed.ok());
  BOOST_TEST(failed.error().code == "BACKEND_DOWN");
  BOOST_TEST(failed.error().message == "the backend is down");
}
