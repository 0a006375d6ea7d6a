// Looking before the first create: a machine with no history of the conversation (a new
// instance, a wiped store) or whose host lost its store cannot tell whether a ticket already
// exists, so with "lookupBeforeCreate" auto (the default) it asks the ITSM by key first.
// Also: snapshots carry only the context the employee messages read.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

struct Fixture {
  json config_doc = read_json(source_path("examples/servicenow/config.json"));  // the default: auto
  json conversation_doc = example_conversation_json();
  Fixture() { config_doc["escalation"]["requireConfirmation"] = false; }
  std::shared_ptr<const Config> config() const {
    auto c = load(config_doc);
    BOOST_REQUIRE(c);
    return c;
  }
  Conversation conv() const { return conversation(conversation_doc); }
};

bool audit_mentions(const Escalation& e, const std::string& text) {
  for (const AuditEntry& a : e.audit())
    if (a.detail.find(text) != std::string::npos) return true;
  return false;
}

std::vector<std::string> purposes(const FakeHost& host) {
  std::vector<std::string> out;
  for (const auto& r : host.requests) out.push_back(to_string(r.purpose));
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(escalation_lookup_first, Fixture)

BOOST_AUTO_TEST_CASE(by_default_a_new_machine_looks_up_the_key_before_creating) {
  BOOST_REQUIRE(!config_doc["escalation"].contains("lookupBeforeCreate"));  // the default
  Escalation e(config());
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body(""))};
  host.create_replies = {http(201, created_body("INC0010042"))};
  Action out = host.run(e, conv());
  BOOST_REQUIRE(host.errors.empty());
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK(!escalated(out).existing);
  BOOST_CHECK((purposes(host) == std::vector<std::string>{"lookup", "create"}));
  BOOST_CHECK(host.requests[0].url.find(escalation_key(conv().id)) != std::string::npos);
  BOOST_CHECK(audit_mentions(e, "lookupBeforeCreate auto: no history of this conversation here: looking up key " +
                                    escalation_key(conv().id) + " before the first create"));
  BOOST_CHECK(audit_mentions(e, "no ticket carries key"));
}

BOOST_AUTO_TEST_CASE(a_ticket_found_before_the_first_create_is_returned_and_nothing_is_created) {
  Escalation e(config());
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body("INC0010087", "ffffeeeeddddccccbbbbaaaa99998888"))};
  Action out = host.run(e, conv());
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC0010087");
  BOOST_CHECK(escalated(out).existing);
  BOOST_CHECK_EQUAL(host.count("create"), 0);
}

BOOST_AUTO_TEST_CASE(never_creates_first_as_before) {
  config_doc["escalation"]["lookupBeforeCreate"] = "never";
  Escalation e(config());
  FakeHost host;
  host.create_replies = {http(201, created_body())};
  BOOST_REQUIRE(is_escalated(host.run(e, conv())));
  BOOST_CHECK((purposes(host) == std::vector<std::string>{"create"}));
  BOOST_CHECK(!audit_mentions(e, "before the first create"));
}

BOOST_AUTO_TEST_CASE(auto_does_not_look_again_on_a_new_start_whose_history_it_knows) {
  Escalation e(config());
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body(""))};
  host.create_replies = {http(403, R"({"error":{"message":"Operation Failed"}})")};
  BOOST_REQUIRE(is_failed(host.run(e, conv())));
  // The machine knows its create was refused (not processed): a new start creates directly.
  host.requests.clear();
  host.create_replies = {http(201, created_body())};
  BOOST_REQUIRE(is_escalated(host.run(e, conv())));
  BOOST_CHECK((purposes(host) == std::vector<std::string>{"create"}));
}

BOOST_AUTO_TEST_CASE(always_looks_on_every_start) {
  config_doc["escalation"]["lookupBeforeCreate"] = "always";
  Escalation e(config());
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body("")), http(200, lookup_body(""))};
  host.create_replies = {http(403, "{}"), http(201, created_body())};
  BOOST_REQUIRE(is_failed(host.run(e, conv())));
  BOOST_REQUIRE(is_escalated(host.run(e, conv())));
  BOOST_CHECK((purposes(host) == std::vector<std::string>{"lookup", "create", "lookup", "create"}));
  BOOST_CHECK(audit_mentions(e, "lookupBeforeCreate always: looking up key"));
}

BOOST_AUTO_TEST_CASE(an_unavailable_store_forces_the_lookup_even_with_never) {
  config_doc["escalation"]["lookupBeforeCreate"] = "never";
  Escalation e(config());
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body(""))};
  host.create_replies = {http(201, created_body())};
  StartOptions o;
  o.store_unavailable = true;
  BOOST_REQUIRE(is_escalated(host.run(e, conv(), "needs a technician", o)));
  BOOST_CHECK((purposes(host) == std::vector<std::string>{"lookup", "create"}));
  BOOST_CHECK(audit_mentions(e, "the host's store is unavailable: looking up key"));
}

BOOST_AUTO_TEST_CASE(an_unavailable_store_without_a_lookup_call_fails_rather_than_create_blind) {
  config_doc["escalation"].erase("lookup");
  Escalation e(config());
  FakeHost host;
  StartOptions o;
  o.store_unavailable = true;
  Action out = host.run(e, conv(), "needs a technician", o);
  BOOST_REQUIRE(is_failed(out));
  BOOST_CHECK_EQUAL(failed(out).code, "STORE_UNAVAILABLE");
  BOOST_CHECK_EQUAL(failed(out).fallback_url, "https://support.example.com/portal/new-request");
  BOOST_CHECK(!failed(out).summary.empty());
  BOOST_CHECK(host.requests.empty());
}

BOOST_AUTO_TEST_CASE(without_a_lookup_call_auto_creates_and_says_nothing_was_looked_up) {
  config_doc["escalation"].erase("lookup");
  Escalation e(config());
  FakeHost host;
  host.create_replies = {http(201, created_body())};
  BOOST_REQUIRE(is_escalated(host.run(e, conv())));
  BOOST_CHECK((purposes(host) == std::vector<std::string>{"create"}));
}

BOOST_AUTO_TEST_CASE(a_lookup_that_cannot_answer_ends_in_failure_never_in_a_blind_create) {
  config_doc["escalation"]["retry"] = {{"maxAttempts", 3}, {"baseDelayMs", 10}, {"maxDelayMs", 20}, {"deadlineMs", 5000}};
  Escalation e(config());
  FakeHost host;
  for (int i = 0; i < 400; ++i) host.lookup_replies.push_back(http(503, "{}"));
  Action out = host.run(e, conv());
  BOOST_REQUIRE(is_failed(out));
  BOOST_CHECK_EQUAL(host.count("create"), 0);
  BOOST_CHECK(!failed(out).fallback_url.empty());
}

// With the ITSM down, the lookup before the first create is retried with the backoff doubling
// as after any failure: with the default policy (4 attempts, 500 ms doubling to 8 s, 45 s)
// that is about a dozen lookups, not one every ~300 ms until the deadline (the lookups once
// did not count, so the backoff stayed at half the base delay: about 250 of them).
BOOST_AUTO_TEST_CASE(an_unreachable_itsm_is_looked_up_with_a_growing_backoff_not_hammered) {
  config_doc["escalation"].erase("retry");  // the defaults
  Escalation e(config());
  FakeHost host;
  for (int i = 0; i < 400; ++i) host.lookup_replies.push_back(transport("connect"));
  Action out = host.run(e, conv());
  BOOST_REQUIRE(host.errors.empty());
  BOOST_REQUIRE(is_failed(out));
  BOOST_CHECK_EQUAL(failed(out).code, "ITSM_UNREACHABLE");
  BOOST_CHECK_EQUAL(host.count("create"), 0);
  // While a ticket may exist it keeps looking past maxAttempts until the deadline...
  BOOST_CHECK_GT(host.count("lookup"), 4);
  // ...but no faster than the backoff allows.
  BOOST_CHECK_LE(host.count("lookup"), 20);
  std::vector<double> waits;
  for (const Action& a : host.actions)
    if (const auto* w = std::get_if<action::Wait>(&a)) waits.push_back(w->until_ms);
  BOOST_REQUIRE_GE(waits.size(), 4u);
  double longest = 0;
  for (std::size_t i = 1; i < waits.size(); ++i) longest = std::max(longest, waits[i] - waits[i - 1]);
  BOOST_CHECK_GT(longest, 2000.0);  // the ceiling reached seconds, not half the base delay
}

// The free lookup stays free behind an OAuth2 token request: token (1), lookup (free),
// create (2) fit in two attempts.
BOOST_AUTO_TEST_CASE(the_lookup_before_the_first_create_is_free_behind_a_token_request) {
  config_doc["credentials"]["servicenow"]["auth"] = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"},
                                                     {"clientId", "tb-client"}, {"clientSecret", "tb-client-secret"}};
  config_doc["escalation"]["retry"]["maxAttempts"] = 2;
  Escalation e(config());
  FakeHost host;
  host.token_replies = {http(200, R"({"access_token":"AT-1","token_type":"Bearer","expires_in":1799})")};
  host.lookup_replies = {http(200, lookup_body(""))};
  host.create_replies = {http(201, created_body("INC0010042"))};
  Action out = host.run(e, conv());
  BOOST_REQUIRE(host.errors.empty());
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK((purposes(host) == std::vector<std::string>{"token", "lookup", "create"}));
}

BOOST_AUTO_TEST_CASE(the_setting_is_validated) {
  config_doc["escalation"]["lookupBeforeCreate"] = "sometimes";
  ConfigProblems problems;
  auto r = load_config_document(config_doc, &problems);
  BOOST_REQUIRE(!r);
  BOOST_CHECK_EQUAL(r.error().code, "CONFIG_INVALID_VALUE");
  BOOST_CHECK_EQUAL(r.error().path, "/escalation/lookupBeforeCreate");
}

BOOST_AUTO_TEST_CASE(a_snapshot_keeps_what_messages_need_and_not_the_transcript) {
  config_doc["escalation"]["messages"] = {{"escalated", "Ticket {{ticketNumber}} for {{employee.name}}"}};
  const std::string secret_words = "my home address is 12 Quiet Lane";
  conversation_doc["messages"].push_back({{"role", "employee"}, {"text", secret_words}});
  Escalation e(config());
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body(""))};
  host.create_replies = {http(503, "{}")};  // leaves it in backoff: mid-escalation
  auto first = e.start(conv(), "needs a technician", host.now);
  BOOST_REQUIRE(first);
  const std::string snap = dump_json(e.snapshot());
  // Once: in the create parameters (a resume must send the same payload), nowhere else.
  const auto at = snap.find(secret_words);
  BOOST_REQUIRE(at != std::string::npos);
  BOOST_CHECK(snap.find(secret_words, at + 1) == std::string::npos);
  auto restored = Escalation::restore(config(), e.snapshot());
  BOOST_REQUIRE(restored);
  FakeHost later;
  later.lookup_replies = {http(200, lookup_body("INC0010123"))};
  Action out = later.drive(restored.value(), restored.value().resume(later.now));
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK_EQUAL(message_of(out), "Ticket INC0010123 for " + conv().employee.name);
}

BOOST_AUTO_TEST_SUITE_END()
