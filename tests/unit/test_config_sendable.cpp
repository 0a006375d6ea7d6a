// Requests fetch() would refuse must not pass validation: they would never leave, and the
// escalation would retry them as "connection lost" until its deadline. Each is caught at load
// (the admin's mistake) or at render (the employee's data) with a coded error.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

std::string first_problem(const json& doc, std::string* path = nullptr) {
  ConfigProblems problems;
  auto r = load_config_document(doc, &problems);
  if (r.ok()) return "loaded";
  if (path) *path = problems.errors.at(0).path;
  return problems.errors.at(0).code;
}

json with_auth(const json& auth) {
  json doc = example_config_json();
  doc["credentials"]["servicenow"]["auth"] = auth;
  return doc;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_sendable)

BOOST_AUTO_TEST_CASE(header_secrets_must_be_sendable) {
  std::string path;
  for (const std::string& token : {std::string("good-token-1234\n"), std::string("good-token\r\n1234"),
                                   std::string("\xC5\x81ukasz-token-1234"), std::string("tok\x01" "en-1234")}) {
    BOOST_CHECK_EQUAL(first_problem(with_auth({{"type", "bearer"}, {"token", token}}), &path), "CONFIG_SECRET_NOT_SENDABLE");
    BOOST_CHECK_EQUAL(path, "/credentials/servicenow/auth/token");
    BOOST_CHECK_EQUAL(first_problem(with_auth({{"type", "apiKey"}, {"header", "x-api-key"}, {"value", token}})),
                      "CONFIG_SECRET_NOT_SENDABLE");
  }
  BOOST_CHECK_EQUAL(first_problem(with_auth({{"type", "bearer"}, {"token", "caf\xC3\xA9-token-1234"}})), "loaded");  // Latin-1
}

BOOST_AUTO_TEST_CASE(api_key_header_names_are_tokens_of_their_own) {
  std::string path;
  for (const char* name : {"X Api Key", "x-api-key\r\n", "", "x-api-key:"}) {
    const std::string code = first_problem(with_auth({{"type", "apiKey"}, {"header", name}, {"value", "key-1234567"}}), &path);
    BOOST_CHECK_MESSAGE(code == "CONFIG_INVALID_VALUE" || code == "CONFIG_MISSING_FIELD", name << ": " << code);
  }
  for (const char* name : {"Host", "Cookie", "authorization", "Content-Type", "content-length"}) {
    BOOST_CHECK_EQUAL(first_problem(with_auth({{"type", "apiKey"}, {"header", name}, {"value", "key-1234567"}}), &path),
                      "CONFIG_FORBIDDEN_HEADER");
    BOOST_CHECK_EQUAL(path, "/credentials/servicenow/auth/header");
  }
  BOOST_CHECK_EQUAL(first_problem(with_auth({{"type", "apiKey"}, {"header", "x-sn-apikey"}, {"value", "key-1234567"}})), "loaded");
}

BOOST_AUTO_TEST_CASE(base_urls_must_have_a_host_fetch_accepts) {
  for (const char* url : {"https://itsm.example.com:99999/", "https://itsm.example.com:0/", "http://[::1]evil/",
                          "https://itsm\xC2\xA0" "example.com/", "https://itsm\\example.com/", "https://itsm.example.com:/",
                          "https://[zz]/", "https://itsm.example.com:80a/", "https://ex ample.com/"}) {
    json doc = example_config_json();
    doc["credentials"]["servicenow"]["baseUrl"] = url;
    std::string path;
    BOOST_CHECK_MESSAGE(first_problem(doc, &path) == "CONFIG_INVALID_URL", url << ": " << first_problem(doc));
  }
  for (const char* url : {"https://itsm.example.com:8443/", "http://[::1]:8787/", "http://localhost:8787/api/",
                          "https://xn--bcher-kva.example/", "https://10.0.0.5/"}) {
    json doc = example_config_json();
    doc["credentials"]["servicenow"]["baseUrl"] = url;
    BOOST_CHECK_MESSAGE(first_problem(doc) == "loaded", url << ": " << first_problem(doc));
  }
}

BOOST_AUTO_TEST_CASE(relative_resources_and_token_urls_are_url_text) {
  for (const char* resource : {"api/now/table/incident?x=a b", "api/now/table/incident\r\nX-Evil: 1", "api\\now/table/incident",
                               "api/now/table/\tincident"}) {
    json doc = example_config_json();
    doc["apiCalls"]["createIncident"]["resource"] = resource;
    std::string path;
    BOOST_CHECK_EQUAL(first_problem(doc, &path), "CONFIG_INVALID_URL");
    BOOST_CHECK_EQUAL(path, "/apiCalls/createIncident/resource");
  }
  json doc = example_config_json();
  doc["apiCalls"]["createIncident"]["resource"] = "api/now/table/incident?sysparm_display_value={{ category }}";
  BOOST_CHECK_EQUAL(first_problem(doc), "loaded");  // blanks inside a placeholder are not URL text
  for (const char* token_url : {"oauth token.do", "oauth_token.do\r\n", "oauth\\token.do"}) {
    std::string path;
    BOOST_CHECK_EQUAL(first_problem(with_auth({{"type", "oauth2ClientCredentials"}, {"clientId", "tb-client"},
                                               {"clientSecret", "tb-client-secret"}, {"tokenUrl", token_url}}), &path),
                      "CONFIG_INVALID_URL");
    BOOST_CHECK_EQUAL(path, "/credentials/servicenow/auth/tokenUrl");
  }
}

BOOST_AUTO_TEST_CASE(a_header_value_beyond_latin1_fails_at_render_not_as_a_lost_connection) {
  json doc = example_config_json();
  doc["apiCalls"]["createIncident"]["headers"] = {{"X-Caller-Name", "{{caller_id}}"}};
  doc["escalation"]["parameters"]["caller_id"] = "{{employee.name}}";
  auto cfg = load(doc);
  BOOST_REQUIRE(cfg);
  json conv = example_conversation_json();
  conv["employee"]["name"] = "\xC5\x81ukasz Nowak";  // Łukasz
  Escalation e(cfg);
  FakeHost host;
  const Action out = host.run(e, conversation(conv));
  BOOST_REQUIRE(is_failed(out));
  BOOST_CHECK_EQUAL(failed(out).code, "TEMPLATE_INVALID_HEADER_VALUE");
  BOOST_CHECK_EQUAL(host.requests.size(), 0u);  // never sent, never retried
  BOOST_CHECK(!failed(out).summary.empty());

  conv["employee"]["name"] = "Ren\xC3\xA9 Dupont";  // Latin-1 is sendable
  Escalation ok(cfg);
  FakeHost host2;
  host2.create_replies = {http(201, created_body())};
  BOOST_CHECK(is_escalated(host2.run(ok, conversation(conv))));

  // A literal header value beyond Latin-1 is the admin's to fix, at load.
  doc["apiCalls"]["createIncident"]["headers"] = {{"X-Team", "\xC5\x81\xC3\xB3\x64\xC5\xBA"}};
  std::string path;
  BOOST_CHECK_EQUAL(first_problem(doc, &path), "CONFIG_INVALID_VALUE");
  BOOST_CHECK_EQUAL(path, "/apiCalls/createIncident/headers/X-Team");
}

BOOST_AUTO_TEST_SUITE_END()
