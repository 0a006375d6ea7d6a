// How an ITSM explains a failure is data on its credential ("errorMessage", "unreadableAnswers"),
// not code: the core quotes what the expression yields, knows no ITSM's error shape by itself,
// and names a known non-JSON page (a hibernating instance) only when the credential says so.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

const std::string kServiceNowError =
    R"({"error":{"message":"Operation Failed","detail":"ACL Exception Insert Failed"},"status":"failure"})";

action::Failed fail_once(const json& doc, int status, const std::string& body) {
  auto cfg = load(doc);
  BOOST_REQUIRE(cfg);
  Escalation e(cfg);
  FakeHost host;
  host.create_replies.push_back(http(status, body));
  return failed(host.run(e, conversation(example_conversation_json())));
}

json without_answers() {
  json doc = example_config_json();
  doc["credentials"]["servicenow"].erase("errorMessage");
  doc["credentials"]["servicenow"].erase("unreadableAnswers");
  return doc;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_credentials_expression_gives_the_itsms_words) {
  const action::Failed out = fail_once(example_config_json(), 403, kServiceNowError);
  BOOST_CHECK_EQUAL(out.code, "ITSM_FORBIDDEN");
  BOOST_CHECK(out.reason.find("(HTTP 403: Operation Failed: ACL Exception Insert Failed)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_an_expression_only_a_top_level_message_or_error_is_quoted) {
  action::Failed out = fail_once(without_answers(), 403, kServiceNowError);
  BOOST_CHECK_EQUAL(out.code, "ITSM_FORBIDDEN");
  BOOST_CHECK(out.reason.find("Operation Failed") == std::string::npos);  // no ServiceNow shape built in
  BOOST_CHECK(out.reason.find("(HTTP 403)") != std::string::npos);
  out = fail_once(without_answers(), 400, R"({"message":"Could not create ticket. Queue not set"})");
  BOOST_CHECK(out.reason.find("(HTTP 400: Could not create ticket. Queue not set)") != std::string::npos);
  out = fail_once(without_answers(), 401, R"({"error":"Couldn't authenticate you"})");
  BOOST_CHECK(out.reason.find("(HTTP 401: Couldn't authenticate you)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_expression_that_yields_no_string_leaves_the_status_alone) {
  json doc = example_config_json();
  doc["credentials"]["servicenow"]["errorMessage"] = "error.count";
  const action::Failed out = fail_once(doc, 400, kServiceNowError);
  BOOST_CHECK_EQUAL(out.code, "ITSM_BAD_REQUEST");
  BOOST_CHECK(out.reason.find("(HTTP 400)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_known_page_is_named_only_when_the_credential_knows_it) {
  const std::string page = R"(<html><body class="instance-hibernating-page">asleep</body></html>)";
  for (const bool known : {true, false}) {
    auto cfg = load(known ? example_config_json() : without_answers());
    BOOST_REQUIRE(cfg);
    Escalation e(cfg);
    FakeHost host;
    host.create_replies.push_back(http(200, page));
    for (int i = 0; i < 200; ++i) host.lookup_replies.push_back(http(200, page));
    const action::Failed out = failed(host.run(e, conversation(example_conversation_json())));
    BOOST_CHECK_EQUAL(out.code, "ITSM_RESPONSE_NOT_JSON");
    BOOST_CHECK_EQUAL(out.reason.find("hibernating") != std::string::npos, known);
  }
}

BOOST_AUTO_TEST_CASE(the_answers_are_validated_with_the_config) {
  json doc = example_config_json();
  doc["credentials"]["servicenow"]["errorMessage"] = "error.(";
  ConfigProblems problems;
  BOOST_CHECK(!load_config_document(doc, &problems).ok());
  BOOST_REQUIRE(!problems.errors.empty());
  BOOST_CHECK_EQUAL(problems.errors[0].code, "CONFIG_INVALID_OUTPUT");
  BOOST_CHECK_EQUAL(problems.errors[0].path, "/credentials/servicenow/errorMessage");
  doc = example_config_json();
  doc["credentials"]["servicenow"]["unreadableAnswers"] = {{{"contains", "x"}, {"reason", "y"}, {"why", "z"}}};
  problems = {};
  BOOST_CHECK(!load_config_document(doc, &problems).ok());
  BOOST_REQUIRE(!problems.errors.empty());
  BOOST_CHECK_EQUAL(problems.errors[0].code, "CONFIG_UNKNOWN_FIELD");
  BOOST_CHECK_EQUAL(problems.errors[0].path, "/credentials/servicenow/unreadableAnswers/0/why");
}
