// Configuration validation: every mistake an admin can make is caught at load time with a
// stable code and the JSON path to fix, and no error ever repeats a secret.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"
#include "ticketbridge/encoding.hpp"

using namespace tb;
using tbtest::json;

namespace {

json example() { return tbtest::example_config_json(); }

// Loads `doc` and expects a problem with `code` at `path` among those reported.
void expect_problem(const json& doc, const std::string& code, const std::string& path) {
  ConfigProblems problems;
  auto r = load_config_document(doc, &problems);
  BOOST_REQUIRE_MESSAGE(!r.ok(), "expected " << code << " at " << path << " but the config loaded");
  bool found = false;
  std::string seen;
  for (const Error& e : problems.errors) {
    found = found || (e.code == code && e.path == path);
    seen += " " + e.code + "@" + e.path;
    BOOST_CHECK_MESSAGE(e.message.find("tb-demo-password") == std::string::npos, "secret in error: " << e.message);
  }
  BOOST_CHECK_MESSAGE(found, "expected " << code << " at " << path << "; got" << seen);
}

json& create_call(json& doc) { return doc["apiCalls"]["createIncident"]; }

}  // namespace

BOOST_AUTO_TEST_SUITE(config_loading)

BOOST_AUTO_TEST_CASE(the_example_configuration_loads) {
  ConfigProblems problems;
  auto r = load_config_document(example(), &problems);
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().code + " " + r.error().path + " " + r.error().message));
  const Config& c = *r.value();
  BOOST_CHECK_EQUAL(c.credentials.size(), 1u);
  BOOST_CHECK_EQUAL(c.credential("servicenow")->base_url, "http://127.0.0.1:8787/");
  BOOST_CHECK_EQUAL(c.api_call("createIncident")->method, "POST");
  BOOST_REQUIRE(c.escalation);
  BOOST_CHECK(c.escalation->lookup.has_value());
  BOOST_CHECK_EQUAL(c.escalation->timeout_ms, 10000);
  // Secrets are known for masking: the password and the Basic header's base64 form.
  BOOST_CHECK(std::find(c.secrets.begin(), c.secrets.end(), "tb-demo-password") != c.secrets.end());
  BOOST_CHECK(std::find(c.secrets.begin(), c.secrets.end(), base64_encode("tb.integration:tb-demo-password")) != c.secrets.end());
}

BOOST_AUTO_TEST_CASE(unknown_credential_and_api_call) {
  json doc = example();
  create_call(doc)["credential"] = "nope";
  expect_problem(doc, "CONFIG_UNKNOWN_CREDENTIAL", "/apiCalls/createIncident/credential");
  doc = example();
  doc["escalation"]["apiCall"] = "missingCall";
  expect_problem(doc, "CONFIG_UNKNOWN_API_CALL", "/escalation/apiCall");
  doc = example();
  doc["escalation"]["lookup"]["apiCall"] = "alsoMissing";
  expect_problem(doc, "CONFIG_UNKNOWN_API_CALL", "/escalation/lookup/apiCall");
}

BOOST_AUTO_TEST_CASE(placeholders_must_name_a_parameter) {
  json doc = example();
  create_call(doc)["payload"] = R"({"short_description": "{{short_descripton}}"})";
  expect_problem(doc, "CONFIG_UNKNOWN_PARAMETER", "/apiCalls/createIncident/payload");
  doc = example();
  create_call(doc)["resource"] = "api/now/table/{{table}}";
  expect_problem(doc, "CONFIG_UNKNOWN_PARAMETER", "/apiCalls/createIncident/resource");
  doc = example();
  create_call(doc)["headers"] = {{"X-Caller", "{{who}}"}};
  expect_problem(doc, "CONFIG_UNKNOWN_PARAMETER", "/apiCalls/createIncident/headers/X-Caller");
  doc = example();
  doc["escalation"]["parameters"]["no_such_param"] = "{{summary}}";
  expect_problem(doc, "CONFIG_UNKNOWN_PARAMETER", "/escalation/parameters/no_such_param");
}

BOOST_AUTO_TEST_CASE(required_parameters_need_a_mapping_or_default) {
  json doc = example();
  doc["escalation"]["parameters"].erase("caller_id");
  expect_problem(doc, "CONFIG_UNMAPPED_PARAMETER", "/escalation/parameters/caller_id");
  // A default satisfies it.
  doc["apiCalls"]["createIncident"]["parameters"][0]["default"] = "guest";
  BOOST_CHECK(load_config_document(doc).ok());
}

BOOST_AUTO_TEST_CASE(payload_must_be_json_whatever_the_values) {
  for (const char* payload : {R"({"a": "{{caller_id}}",})", R"({"a": {{caller_id}}{{caller_id}}})", R"({"a": -{{caller_id}}})",
                              R"({"a": "unterminated)", R"({"a": tr{{caller_id}}})"}) {
    json doc = example();
    create_call(doc)["payload"] = payload;
    expect_problem(doc, "CONFIG_INVALID_PAYLOAD", "/apiCalls/createIncident/payload");
  }
  json doc = example();
  create_call(doc)["payload"] = R"({"a": "{{caller_id", "b": 1})";
  expect_problem(doc, "CONFIG_TEMPLATE_SYNTAX", "/apiCalls/createIncident/payload");
}

BOOST_AUTO_TEST_CASE(outputs_must_parse_and_ticket_outputs_must_exist) {
  json doc = example();
  create_call(doc)["outputs"]["ticketNumber"] = "result.number[";
  expect_problem(doc, "CONFIG_INVALID_OUTPUT", "/apiCalls/createIncident/outputs/ticketNumber");
  doc = example();
  create_call(doc)["outputs"].erase("ticketNumber");
  expect_problem(doc, "CONFIG_MISSING_OUTPUT", "/escalation/apiCall");
  doc = example();
  create_call(doc)["outputs"] = {{"a", "1"}, {"b", "1"}, {"c", "1"}, {"d", "1"}, {"e", "1"}, {"ticketId", "1"}};
  expect_problem(doc, "CONFIG_TOO_MANY_OUTPUTS", "/apiCalls/createIncident/outputs");
}

BOOST_AUTO_TEST_CASE(authorization_never_comes_from_custom_headers) {
  for (const char* name : {"Authorization", "authorization", "AUTHORIZATION"}) {
    json doc = example();
    create_call(doc)["headers"] = {{name, "Basic abc"}};
    expect_problem(doc, "CONFIG_FORBIDDEN_HEADER", std::string("/apiCalls/createIncident/headers/") + name);
  }
  json doc = example();
  create_call(doc)["headers"] = {{"A", "1"}, {"B", "2"}, {"C", "3"}, {"D", "4"}, {"E", "5"}, {"F", "6"}};
  expect_problem(doc, "CONFIG_TOO_MANY_HEADERS", "/apiCalls/createIncident/headers");
  doc = example();
  create_call(doc)["headers"] = {{"Bad Name", "1"}};
  expect_problem(doc, "CONFIG_INVALID_VALUE", "/apiCalls/createIncident/headers/Bad Name");
}

BOOST_AUTO_TEST_CASE(urls_must_be_https_except_loopback_test_itsms) {
  json doc = example();
  doc["credentials"]["servicenow"]["baseUrl"] = "http://itsm.example.com/";
  expect_problem(doc, "CONFIG_INSECURE_URL", "/credentials/servicenow/baseUrl");
  doc["credentials"]["servicenow"]["baseUrl"] = "https://dev12345.service-now.com";
  auto ok = load_config_document(doc);
  BOOST_REQUIRE(ok.ok());
  BOOST_CHECK_EQUAL(ok.value()->credential("servicenow")->base_url, "https://dev12345.service-now.com/");
  doc["credentials"]["servicenow"]["baseUrl"] = "https://user:pw@example.com/";
  expect_problem(doc, "CONFIG_INVALID_URL", "/credentials/servicenow/baseUrl");
  doc = example();
  doc["escalation"]["fallbackUrl"] = "http://127.0.0.1/portal";
  expect_problem(doc, "CONFIG_INSECURE_URL", "/escalation/fallbackUrl");
  doc.erase("escalation");
  BOOST_CHECK(load_config_document(doc).ok());  // escalation is optional for plain API-call use
  doc = example();
  doc["escalation"].erase("fallbackUrl");
  expect_problem(doc, "CONFIG_MISSING_FIELD", "/escalation/fallbackUrl");
}

BOOST_AUTO_TEST_CASE(every_auth_type_is_validated) {
  json doc = example();
  auto& auth = doc["credentials"]["servicenow"]["auth"];
  auth = {{"type", "bearer"}};
  expect_problem(doc, "CONFIG_MISSING_FIELD", "/credentials/servicenow/auth/token");
  auth = {{"type", "apiKey"}, {"header", "x-sn-apikey"}};
  expect_problem(doc, "CONFIG_MISSING_FIELD", "/credentials/servicenow/auth/value");
  auth = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"}, {"clientId", "id"}};
  expect_problem(doc, "CONFIG_MISSING_FIELD", "/credentials/servicenow/auth/clientSecret");
  auth = {{"type", "kerberos"}};
  expect_problem(doc, "CONFIG_INVALID_VALUE", "/credentials/servicenow/auth/type");
  auth = {{"type", "basic"}, {"username", "u"}, {"password", "abc"}};
  expect_problem(doc, "CONFIG_SECRET_TOO_SHORT", "/credentials/servicenow/auth/password");
  auth = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"}, {"clientId", "tb-client"}, {"clientSecret", "tb-client-secret"}};
  auto r = load_config_document(doc);
  BOOST_REQUIRE(r.ok());
  BOOST_CHECK_EQUAL(r.value()->credential("servicenow")->auth.token_url, "http://127.0.0.1:8787/oauth_token.do");
}

BOOST_AUTO_TEST_CASE(typos_and_wrong_types_are_reported) {
  json doc = example();
  create_call(doc)["payLoad"] = "{}";
  expect_problem(doc, "CONFIG_UNKNOWN_FIELD", "/apiCalls/createIncident/payLoad");
  doc = example();
  create_call(doc)["method"] = "FETCH";
  expect_problem(doc, "CONFIG_INVALID_VALUE", "/apiCalls/createIncident/method");
  doc = example();
  doc["escalation"]["timeoutMs"] = 60000;
  expect_problem(doc, "CONFIG_INVALID_VALUE", "/escalation/timeoutMs");
  doc = example();
  doc["escalation"]["retry"] = {{"maxAttempts", "3"}};
  expect_problem(doc, "CONFIG_INVALID_TYPE", "/escalation/retry/maxAttempts");
}

BOOST_AUTO_TEST_CASE(redaction_options_are_validated_with_paths) {
  json doc = example();
  doc["escalation"]["redaction"] = {{"email", true}};
  expect_problem(doc, "CONFIG_UNKNOWN_FIELD", "/escalation/redaction/email");
  doc["escalation"]["redaction"] = {{"terms", "not a list"}};
  expect_problem(doc, "CONFIG_INVALID_TYPE", "/escalation/redaction/terms");
  doc["escalation"]["redaction"] = true;
  auto on = load_config_document(doc);
  BOOST_REQUIRE(on.ok());
  BOOST_CHECK(on.value()->escalation->redaction != nullptr);
  doc["escalation"]["redaction"] = false;
  BOOST_CHECK(load_config_document(doc).value()->escalation->redaction == nullptr);
}

BOOST_AUTO_TEST_CASE(all_problems_are_reported_in_one_pass) {
  json doc = example();
  create_call(doc)["method"] = "FETCH";
  create_call(doc)["headers"] = {{"Authorization", "x"}};
  doc["escalation"]["fallbackUrl"] = "ftp://x";
  ConfigProblems problems;
  auto r = load_config_document(doc, &problems);
  BOOST_REQUIRE(!r.ok());
  BOOST_CHECK_GE(problems.errors.size(), 3u);
  BOOST_CHECK(r.error().message.find("more problems") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_documents_are_errors_not_crashes) {
  auto bad = load_config(std::string_view(R"({"credentials": {"a": )"));
  BOOST_REQUIRE(!bad.ok());
  BOOST_CHECK_EQUAL(bad.error().code, "CONFIG_INVALID_JSON");
  BOOST_CHECK_GE(bad.error().position, 0);
  std::string deep(300, '[');
  BOOST_CHECK_EQUAL(load_config(std::string_view(deep)).error().code, "CONFIG_TOO_DEEP");
  BOOST_CHECK_EQUAL(load_config(std::string_view("{\"a\": \"\xff\"}")).error().code, "CONFIG_INVALID_UTF8");
  std::string big = "{\"description\": \"" + std::string(kMaxConfigBytes, 'x') + "\"}";
  BOOST_CHECK_EQUAL(load_config(std::string_view(big)).error().code, "CONFIG_TOO_LARGE");
  BOOST_CHECK_EQUAL(load_config(std::string_view("[]")).error().code, "CONFIG_INVALID_TYPE");
}

BOOST_AUTO_TEST_SUITE_END()
