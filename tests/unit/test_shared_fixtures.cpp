// The fixture set shared with the Node suite (node-tests/fixtures.test.mjs): rendering and
// output extraction must give these exact results in both runtimes.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/outputs.hpp"

using namespace tb;
using namespace tbtest;

namespace {

json extraction_config(const json& outputs) {
  return {{"credentials", {{"itsm", {{"baseUrl", "https://itsm.example.com/"}, {"auth", {{"type", "none"}}}}}}},
          {"apiCalls", {{"call", {{"credential", "itsm"}, {"method", "GET"}, {"resource", "x"}, {"outputs", outputs}}}}}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(render_cases) {
  for_each_render_case([](const json& c, const Config& cfg) {
    auto req = build_call_request(cfg, c["call"].get<std::string>(), c["params"]);
    if (c.contains("expectError")) {
      BOOST_REQUIRE(!req.ok());
      BOOST_CHECK_EQUAL(req.error().code, c["expectError"]["code"].get<std::string>());
      if (c["expectError"].contains("path")) BOOST_CHECK_EQUAL(req.error().path, c["expectError"]["path"].get<std::string>());
      return;
    }
    BOOST_REQUIRE_MESSAGE(req.ok(), (req.ok() ? std::string() : req.error().code + ": " + req.error().message));
    const json shown = request_to_json(req.value(), SecretMasker(cfg.secrets));
    const json& expect = c["expect"];
    BOOST_CHECK_EQUAL(shown["method"], expect["method"]);
    BOOST_CHECK_EQUAL(shown["url"], expect["url"]);
    BOOST_CHECK_MESSAGE(shown["headers"] == expect["headers"], dump_json(shown["headers"]));
    const json body = shown["body"].is_null() ? json() : json::parse(shown["body"].get<std::string>());
    BOOST_CHECK_MESSAGE(body == expect["body"], "body differs: " << dump_json(body).substr(0, 300));
  });
}

BOOST_AUTO_TEST_CASE(extraction_cases) {
  const json cases = read_json(fixture_path("extraction/cases.json"))["cases"];
  BOOST_REQUIRE_GE(cases.size(), 10u);
  for (const json& c : cases) {
    BOOST_TEST_CONTEXT(c["name"].get<std::string>()) {
      auto cfg = load(extraction_config(c["outputs"]));
      BOOST_REQUIRE(cfg);
      const std::string body = c.contains("bodyFile") ? read_file(fixture_path("extraction/" + c["bodyFile"].get<std::string>()))
                                                      : c["body"].get<std::string>();
      auto values = evaluate_outputs(*cfg->api_call("call"), body);
      if (c.contains("expectError")) {
        BOOST_REQUIRE(!values.ok());
        BOOST_CHECK_EQUAL(values.error().code, c["expectError"]["code"].get<std::string>());
        continue;
      }
      BOOST_REQUIRE_MESSAGE(values.ok(), (values.ok() ? std::string() : values.error().message));
      const json got = outputs_to_json(values.value());
      BOOST_CHECK_MESSAGE(got == c["expect"], dump_json(got));
    }
  }
}
