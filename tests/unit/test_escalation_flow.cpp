// The escalation state machine on its happy paths and at its edges: what the employee is
// asked and told, what is sent to the ITSM, what the cockpit shows, what the host may not do.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"
#include "ticketbridge/encoding.hpp"

using namespace tb;
using namespace tbtest;

namespace {

struct Fixture {
  json config_doc = example_config_json();
  json conversation_doc = example_conversation_json();
  std::shared_ptr<const Config> config() const {
    auto c = load(config_doc);
    BOOST_REQUIRE(c);
    return c;
  }
  Conversation conv() const { return conversation(conversation_doc); }
};

json body_of(const HttpRequest& r) { return json::parse(r.body); }

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& h : r.headers)
    if (h.name == name) return h.value;
  return "";
}

// Every text the machine lets out, in display form.
std::string everything_shown(const Escalation& e, const std::vector<Action>& actions) {
  std::string all = dump_json(record_to_json(e.record())) + dump_json(e.snapshot());
  for (const Action& a : actions) all += dump_json(action_to_json(a, e.redactor(), false));
  return all;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(escalation_flow, Fixture)

BOOST_AUTO_TEST_CASE(confirmed_escalation_creates_one_ticket_and_tells_the_employee) {
  Escalation e(config());
  FakeHost host;
  host.create_replies.push_back(http(201, created_body("INC0010042", "aaaabbbbccccddddeeeeffff00001111")));
  Action out = host.run(e, conv(), "battery replacement needs a technician");
  BOOST_REQUIRE(host.errors.empty());
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC0010042");
  BOOST_CHECK_EQUAL(escalated(out).ticket_id, "aaaabbbbccccddddeeeeffff00001111");
  BOOST_CHECK(!escalated(out).existing);
  BOOST_CHECK(message_of(out).find("INC0010042") != std::string::npos);

  BOOST_REQUIRE(is_asking(host.actions.front()));
  BOOST_CHECK(!message_of(host.actions.front()).empty());
  BOOST_REQUIRE_EQUAL(host.requests.size(), 1u);
  const HttpRequest& req = host.requests[0];
  BOOST_CHECK_EQUAL(req.method, "POST");
  BOOST_CHECK_EQUAL(req.url, "http://127.0.0.1:8787/api/now/v1/table/incident");
  BOOST_CHECK_EQUAL(req.timeout_ms, 10000);
  BOOST_CHECK_EQUAL(header(req, "Authorization"), "Basic " + base64_encode("tb.integration:tb-demo-password"));
  BOOST_CHECK_EQUAL(header(req, "Content-Type"), "application/json");
  BOOST_CHECK_EQUAL(header(req, "Accept"), "application/json");

  // The conversation's context reaches the ticket intact.
  const json body = body_of(req);
  const Conversation c = conv();
  BOOST_CHECK_EQUAL(body["caller_id"], c.employee.id);
  BOOST_CHECK_EQUAL(body["short_description"], c.summary);
  BOOST_CHECK_EQUAL(body["category"], "Hardware");
  BOOST_CHECK_EQUAL(body["subcategory"], "Battery");
  BOOST_CHECK_EQUAL(body["cmdb_ci"], "LT-ATUTER-14");
  BOOST_CHECK_EQUAL(body["correlation_id"], escalation_key(c.id));
  const std::string description = body["description"];
  for (const Message& m : c.messages) BOOST_CHECK(description.find(m.text) != std::string::npos);
  BOOST_CHECK(description.find("battery replacement needs a technician") != std::string::npos);
  const std::string notes = body["work_notes"];
  for (const Diagnostic& d : c.diagnostics) BOOST_CHECK(notes.find(d.result) != std::string::npos);

  const CockpitRecord rec = e.record();
  BOOST_CHECK_EQUAL(rec.status, "escalated");
  BOOST_CHECK_EQUAL(rec.status_label, "Escalated");
  BOOST_CHECK_EQUAL(rec.ticket_number, "INC0010042");
  BOOST_CHECK_EQUAL(rec.reason, "battery replacement needs a technician");
  BOOST_CHECK_GE(rec.audit.size(), 4u);
  BOOST_CHECK(rec.audit.back().to == Phase::Escalated);
  BOOST_CHECK_EQUAL(rec.audit.front().at_ms, 1'700'000'000'000.0);  // host time, not a clock of ours
}

BOOST_AUTO_TEST_CASE(redaction_masks_the_transcript_before_it_leaves) {
  config_doc["escalation"]["redaction"] = {{"terms", json::array({"Project Falcon"})}};
  conversation_doc["messages"].push_back({{"role", "employee"},
                                          {"text", "Mail me at abel.private@gmail.com, card 4111 1111 1111 1111, re Project Falcon"}});
  Escalation e(config());
  FakeHost host;
  host.create_replies.push_back(http(201, created_body()));
  BOOST_REQUIRE(is_escalated(host.run(e, conv())));
  const std::string body = host.requests.at(0).body;
  for (const char* leaked : {"abel.private@gmail.com", "4111 1111 1111 1111", "Project Falcon"}) {
    BOOST_CHECK_MESSAGE(body.find(leaked) == std::string::npos, "sent: " << leaked);
  }
  BOOST_CHECK(body.find("[email]") != std::string::npos);
  BOOST_CHECK_EQUAL(json::parse(body)["caller_id"], conv().employee.id);  // identity is not transcript
  bool audited = false;
  for (const AuditEntry& a : e.audit()) audited = audited || a.detail.find("redaction masked") != std::string::npos;
  BOOST_CHECK(audited);
}

BOOST_AUTO_TEST_CASE(declining_sends_nothing) {
  Escalation e(config());
  FakeHost host;
  host.confirm_answer = false;
  Action out = host.run(e, conv());
  BOOST_CHECK(is_declined(out));
  BOOST_CHECK(!message_of(out).empty());
  BOOST_CHECK(host.requests.empty());
  BOOST_CHECK_EQUAL(e.record().status, "declined");
}

BOOST_AUTO_TEST_CASE(confirmation_can_be_turned_off) {
  config_doc["escalation"]["requireConfirmation"] = false;
  Escalation e(config());
  auto first = e.start(conv(), "r", 0);
  BOOST_REQUIRE(first.ok());
  BOOST_CHECK(is_request(first.value()));
}

BOOST_AUTO_TEST_CASE(escalation_key_is_stable_and_query_safe) {
  const std::string k = escalation_key("conv-1");
  BOOST_CHECK_EQUAL(k, escalation_key("conv-1"));
  BOOST_CHECK_NE(k, escalation_key("conv-2"));
  BOOST_CHECK_EQUAL(k.size(), 35u);
  BOOST_CHECK_EQUAL(k.find_first_not_of("tb-0123456789abcdef"), std::string::npos);
  // SHA-256("abc") starts with ba7816bf8f01cfea414140de5dae2223.
  BOOST_CHECK_EQUAL(escalation_key("abc"), "tb-ba7816bf8f01cfea414140de5dae2223");
}

BOOST_AUTO_TEST_CASE(missing_required_value_fails_at_start_with_the_fallback) {
  conversation_doc["employee"].erase("id");
  Escalation e(config());
  auto r = e.start(conv(), "r", 5);
  BOOST_REQUIRE(r.ok());
  const Action& a = r.value();
  BOOST_REQUIRE(is_failed(a));
  BOOST_CHECK_EQUAL(failed(a).code, "TEMPLATE_MISSING_VALUE");
  BOOST_CHECK(failed(a).reason.find("caller_id") != std::string::npos);
  BOOST_CHECK(failed(a).reason.find("employee.id") != std::string::npos);
  BOOST_CHECK_EQUAL(failed(a).fallback_url, "https://support.example.com/portal/new-request");
  BOOST_CHECK(message_of(a).find(failed(a).fallback_url) != std::string::npos);
  BOOST_CHECK(!failed(a).summary.empty());
  BOOST_CHECK_EQUAL(e.record().status_label, "Escalation failed");
}

BOOST_AUTO_TEST_CASE(a_second_start_returns_the_existing_ticket) {
  Escalation e(config());
  FakeHost host;
  host.create_replies.push_back(http(201, created_body("INC0010007")));
  host.run(e, conv());
  auto again = e.start(conv(), "asked again", host.now + 1000);
  BOOST_REQUIRE(again.ok());
  BOOST_CHECK(is_escalated(again.value()));
  BOOST_CHECK_EQUAL(escalated(again.value()).ticket_number, "INC0010007");
  BOOST_CHECK(escalated(again.value()).existing);
  BOOST_CHECK_EQUAL(host.requests.size(), 1u);
}

BOOST_AUTO_TEST_CASE(host_mistakes_are_errors_and_change_nothing) {
  Escalation e(config());
  BOOST_CHECK_EQUAL(e.confirm(true, 0).error().code, "PROTOCOL_UNEXPECTED_EVENT");
  BOOST_CHECK_EQUAL(e.tick(0).error().code, "PROTOCOL_NOT_STARTED");
  HttpResponse stray;
  stray.status = 201;
  BOOST_CHECK_EQUAL(e.receive(stray, 0).error().code, "PROTOCOL_UNEXPECTED_EVENT");
  auto ask = e.start(conv(), "r", 0);
  BOOST_REQUIRE(ask.ok());
  BOOST_CHECK_EQUAL(e.start(conv(), "r", 1).error().code, "PROTOCOL_ALREADY_STARTED");
  auto req = e.confirm(true, 2);
  BOOST_REQUIRE(req.ok() && is_request(req.value()));
  stray.request_id = "create-99";
  BOOST_CHECK_EQUAL(e.receive(stray, 3).error().code, "PROTOCOL_UNKNOWN_REQUEST");
  BOOST_CHECK(e.phase() == Phase::AwaitingCreate);
  Conversation other = conv();
  other.id = "someone-else";
  BOOST_CHECK_EQUAL(e.start(other, "r", 4).error().code, "PROTOCOL_OTHER_CONVERSATION");
  config_doc.erase("escalation");
  Escalation none(config());
  BOOST_CHECK_EQUAL(none.start(conv(), "r", 0).error().code, "ESCALATION_NOT_CONFIGURED");
}

BOOST_AUTO_TEST_CASE(tick_while_waiting_for_the_employee_repeats_the_question) {
  Escalation e(config());
  auto ask = e.start(conv(), "r", 0);
  auto again = e.tick(50);
  BOOST_REQUIRE(again.ok());
  BOOST_CHECK(is_asking(again.value()));
}

BOOST_AUTO_TEST_CASE(secrets_never_appear_in_what_the_machine_shows) {
  config_doc["credentials"]["servicenow"]["auth"] = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"},
                                                     {"clientId", "tb-client"},
                                                     {"clientSecret", "sup3r-s3cret-v@lue"}};
  Escalation e(config());
  FakeHost host;
  host.token_replies.push_back(http(200, R"({"access_token":"AT-98765-token","token_type":"Bearer","expires_in":1799})"));
  host.create_replies.push_back(http(401, R"({"error":{"message":"User Not Authenticated","detail":"token AT-98765-token"}})"));
  host.token_replies.push_back(http(200, R"({"access_token":"AT-second-token","token_type":"Bearer","expires_in":1799})"));
  host.create_replies.push_back(http(201, created_body()));
  Action out = host.run(e, conv());
  BOOST_REQUIRE(is_escalated(out));
  const std::string shown = everything_shown(e, host.actions);
  const std::vector<std::string> secrets = {"sup3r-s3cret-v@lue", "sup3r-s3cret-v%40lue", "AT-98765-token",
                                            "AT-second-token", base64_encode("tb-client:sup3r-s3cret-v@lue")};
  for (const std::string& secret : secrets) {
    BOOST_CHECK_MESSAGE(shown.find(secret) == std::string::npos, "leaked: " << secret);
  }
  BOOST_CHECK(shown.find("***") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
