// Every public entry point meets malformed, oversized and deeply nested input with a coded
// error, never a crash, a hang or an abort; and whatever it had before stays intact.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"
#include "ticketbridge/categories.hpp"
#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/outputs.hpp"
#include "ticketbridge/template.hpp"

using namespace tb;
using namespace tbtest;

namespace {

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }
const std::string kBadUtf8 = std::string("{\"id\": \"a\xc3\x28\"}");

}  // namespace

BOOST_AUTO_TEST_CASE(configuration_documents) {
  BOOST_CHECK_EQUAL(load_config(nested(257)).error().code, "CONFIG_TOO_DEEP");
  BOOST_CHECK_EQUAL(load_config(nested(100000)).error().code, "CONFIG_TOO_DEEP");
  BOOST_CHECK_EQUAL(load_config(kBadUtf8).error().code, "CONFIG_INVALID_UTF8");
  BOOST_CHECK_EQUAL(load_config(std::string(kMaxConfigBytes + 1, ' ')).error().code, "CONFIG_TOO_LARGE");
  BOOST_CHECK_EQUAL(load_config(std::string_view("")).error().code, "CONFIG_INVALID_JSON");
  BOOST_CHECK_EQUAL(load_config(std::string_view("{\"a\":1}\0x", 9)).error().code, "CONFIG_INVALID_JSON");
}

BOOST_AUTO_TEST_CASE(conversations) {
  BOOST_CHECK_EQUAL(parse_conversation(nested(300)).error().code, "CONVERSATION_TOO_DEEP");
  BOOST_CHECK_EQUAL(parse_conversation(kBadUtf8).error().code, "CONVERSATION_INVALID_UTF8");
  const std::string big = "{\"id\":\"x\",\"summary\":\"" + std::string(kMaxConversationBytes, 'a') + "\"}";
  BOOST_CHECK_EQUAL(parse_conversation(big).error().code, "CONVERSATION_TOO_LARGE");
  for (const char* bad : {"[]", "{}", R"({"id": 5.5e400})", R"({"id": "x", "messages": {}})",
                          R"({"id": "x", "messages": [{"role": "boss", "text": "hi"}]})", R"({"id": "x", "employee": "me"})"}) {
    auto r = parse_conversation(bad);
    BOOST_CHECK_MESSAGE(!r.ok() && r.error().code.rfind("CONVERSATION_", 0) == 0, bad);
  }
}

BOOST_AUTO_TEST_CASE(templates) {
  for (const char* bad : {"{{", "{{a", "{{}}", "{{a b}}", "{{.a}}", "{{a.}}", "x{{a}", "{{\n}}"}) {
    for (TemplateKind kind : {TemplateKind::Text, TemplateKind::Json, TemplateKind::Resource, TemplateKind::Header}) {
      auto t = Template::parse(bad, kind);
      BOOST_CHECK_MESSAGE(!t.ok() && t.error().code == "TEMPLATE_SYNTAX" && t.error().position >= 0, bad);
    }
  }
  // A million placeholders parse and render in linear time.
  std::string many;
  for (int i = 0; i < 200000; ++i) many += "{{x}}";
  auto t = Template::parse(many, TemplateKind::Text);
  BOOST_REQUIRE(t.ok());
  const json value = "ab";
  auto out = render(t.value(), [&](const Placeholder&) { return &value; });
  BOOST_REQUIRE(out.ok());
  BOOST_CHECK_EQUAL(out.value().size(), 400000u);
}

BOOST_AUTO_TEST_CASE(category_files) {
  std::string rows = "category,sub_category\n";
  for (int i = 0; i < 1001; ++i) rows += "C,S" + std::to_string(i) + "\n";
  CategoryStore store;
  BOOST_REQUIRE(store.replace_from_csv("category,sub_category\nHardware,Battery\n").accepted);
  for (const std::string& bad : {rows, std::string(1024 * 1024 + 1, 'a'), std::string("category,sub_category\n\xff,x\n"),
                                 std::string("category,sub_category\n\"unterminated,x\n"), std::string()}) {
    const ImportReport r = store.replace_from_csv(bad);
    BOOST_CHECK(!r.accepted);
    BOOST_CHECK(!r.problems.empty() && !r.problems.front().code.empty());
    BOOST_CHECK_EQUAL(store.list().pairs.size(), 1u);  // nothing already stored is lost
  }
}

BOOST_AUTO_TEST_CASE(jsonata_expressions_and_inputs) {
  namespace jsn = tb::jsonata;
  for (const std::string& expr : {std::string(200000, '(') + "1" + std::string(200000, ')'), std::string(100000, '-') + "1",
                                  std::string("a\xff"), std::string(), std::string(1 << 20, 'a')}) {
    auto c = jsn::Expression::compile(expr);
    if (!c.ok()) BOOST_CHECK(!c.error().code.empty());
  }
  auto expr = jsn::Expression::compile("$");
  BOOST_REQUIRE(expr.ok());
  BOOST_CHECK(!expr.value().evaluate_json(nested(257)).ok());
  BOOST_CHECK(!expr.value().evaluate_json("{\"a\": \"\xff\"}").ok());
  BOOST_CHECK(!expr.value().evaluate_json("{\"a\": 1,}").ok());
  BOOST_CHECK(!expr.value().evaluate_json("{}", "[1]").ok());  // bindings must be an object
  auto deep = jsn::Expression::compile("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000000))");
  BOOST_REQUIRE(deep.ok());
  auto r = deep.value().evaluate_json("");
  BOOST_REQUIRE(!r.ok());
  BOOST_CHECK(r.error().code == "D1011" || r.error().code == "U1001");
  auto range = jsn::Expression::compile("$count([1..100000000])");
  BOOST_REQUIRE(range.ok());
  BOOST_CHECK_EQUAL(range.value().evaluate_json("").error().code, "D2014");
}

BOOST_AUTO_TEST_CASE(responses_and_snapshots) {
  auto cfg = load(example_config_json());
  BOOST_REQUIRE(cfg);
  const ApiCall& call = *cfg->api_call("createIncident");
  BOOST_CHECK_EQUAL(evaluate_outputs(call, std::string(kMaxResponseBytes + 1, ' ')).error().code, "RESPONSE_TOO_LARGE");
  BOOST_CHECK_EQUAL(evaluate_outputs(call, nested(10000)).error().code, "RESPONSE_NOT_JSON");
  BOOST_CHECK_EQUAL(evaluate_outputs(call, "{\"result\": \"\xfe\"}").error().code, "RESPONSE_NOT_JSON");

  // The machine turns every such answer into a retry or a Failed action with the fallback.
  for (const std::string& body : {nested(10000), std::string("\xff\xfe"), std::string(kMaxResponseBytes + 1, '{')}) {
    Escalation e(cfg);
    FakeHost host;
    for (int i = 0; i < 300; ++i) host.create_replies.push_back(http(201, body));
    for (int i = 0; i < 300; ++i) host.lookup_replies.push_back(http(200, body));
    const Action out = host.run(e, conversation(example_conversation_json()));
    BOOST_CHECK(host.errors.empty());
    BOOST_CHECK(is_failed(out));
    BOOST_CHECK_EQUAL(failed(out).fallback_url, "https://support.example.com/portal/new-request");
  }
  // Snapshots that are not what snapshot() wrote.
  for (const json& bad : {json(nullptr), json::array(), json{{"version", 1}}, json{{"version", 2}},
                          json::parse(nested(200))}) {
    auto r = Escalation::restore(cfg, bad);
    BOOST_CHECK(!r.ok() && r.error().code == "SNAPSHOT_INVALID");
  }
}
