// Every way an escalation can go wrong, and what the machine does about it: retry what was
// certainly not processed, look up before creating again after ambiguous failures, give up
// on permanent errors, and always end with an answer for the employee.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

struct Fixture {
  json config_doc = example_config_json();
  Conversation conv = conversation(example_conversation_json());
  std::shared_ptr<const Config> config() const {
    auto c = load(config_doc);
    BOOST_REQUIRE(c);
    return c;
  }
  void expect_failed(const Action& a, const std::string& code) {
    BOOST_REQUIRE_MESSAGE(a.type == Action::Type::Failed, "expected Failed " << code << ", got " << action_type_name(a.type));
    BOOST_CHECK_EQUAL(a.code, code);
    BOOST_CHECK_EQUAL(a.fallback_url, "https://support.example.com/portal/new-request");
    BOOST_CHECK(a.message.find(a.fallback_url) != std::string::npos);
    BOOST_CHECK(!a.summary.empty());
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(permanent_failures, Fixture)

BOOST_AUTO_TEST_CASE(client_errors_are_not_retried) {
  for (const auto& [status, code] : std::vector<std::pair<int, std::string>>{
           {400, "ITSM_BAD_REQUEST"}, {401, "ITSM_UNAUTHORIZED"}, {403, "ITSM_FORBIDDEN"},
           {404, "ITSM_NOT_FOUND"}, {422, "ITSM_REJECTED"}}) {
    Escalation e(config());
    FakeHost host;
    host.create_replies.push_back(http(status, R"({"error":{"message":"Operation Failed","detail":"ACL Exception"},"status":"failure"})"));
    Action out = host.run(e, conv);
    expect_failed(out, code);
    BOOST_CHECK_EQUAL(host.requests.size(), 1u);
    BOOST_CHECK(out.reason.find("Operation Failed") != std::string::npos);  // the ITSM's own words
  }
}

BOOST_AUTO_TEST_CASE(hibernating_instance_is_a_failure_not_a_success) {
  Escalation e(config());
  FakeHost host;
  const std::string page = R"(<html><body class="instance-hibernating-page">Your instance is hibernating</body></html>)";
  host.create_replies.push_back(http(200, page));
  for (int i = 0; i < 200; ++i) host.lookup_replies.push_back(http(200, page));
  Action out = host.run(e, conv);
  expect_failed(out, "ITSM_RESPONSE_NOT_JSON");
  BOOST_CHECK(out.reason.find("hibernating") != std::string::npos);
  BOOST_CHECK_EQUAL(host.count("create"), 1);  // never a blind second create
}

BOOST_AUTO_TEST_CASE(oversized_answers_fail_after_the_attempts) {
  Escalation e(config());
  FakeHost host;
  host.create_replies.push_back(transport("timeout"));
  Reply huge = http(200, std::string(kMaxResponseBytes + 1, ' '));
  for (int i = 0; i < 200; ++i) host.lookup_replies.push_back(huge);
  expect_failed(host.run(e, conv), "ITSM_RESPONSE_TOO_LARGE");
}

BOOST_AUTO_TEST_CASE(outputs_that_yield_nothing_name_the_missing_output) {
  config_doc["escalation"].erase("lookup");
  Escalation e(config());
  FakeHost host;
  host.create_replies.push_back(http(201, R"({"result":{"sys_id":"abc"}})"));
  Action out = host.run(e, conv);
  expect_failed(out, "OUTPUT_MISSING");
  BOOST_CHECK(out.reason.find("ticketNumber") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_created_ticket_with_unreadable_outputs_is_never_created_again) {
  // 201 with JSON: the ITSM made the ticket, but the output expressions miss it. The lookup
  // cannot find it either; creating again would duplicate it, so the machine fails instead.
  config_doc["apiCalls"]["createIncident"]["outputs"]["ticketNumber"] = "result.numbr";
  Escalation e(config());
  FakeHost host;
  host.create_replies = {http(201, created_body()), http(201, created_body())};
  host.lookup_replies = {http(200, lookup_body(""))};
  Action out = host.run(e, conv);
  expect_failed(out, "OUTPUT_MISSING");
  BOOST_CHECK_EQUAL(host.count("create"), 1);
  BOOST_CHECK(out.reason.find("Output tab") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(numeric_outputs_are_converted_to_strings) {
  config_doc["apiCalls"]["createIncident"]["outputs"] = {{"ticketId", "result.id"}, {"ticketNumber", "result.id * 1"}};
  Escalation e(config());
  FakeHost host;
  host.create_replies.push_back(http(201, R"({"result":{"id":12345}})"));
  Action out = host.run(e, conv);
  BOOST_REQUIRE(out.type == Action::Type::Escalated);
  BOOST_CHECK_EQUAL(out.ticket_id, "12345");
  BOOST_CHECK_EQUAL(out.ticket_number, "12345");
}

BOOST_AUTO_TEST_CASE(without_a_lookup_call_ambiguous_failures_are_not_retried) {
  config_doc["escalation"].erase("lookup");
  Escalation e(config());
  FakeHost host;
  host.create_replies.push_back(transport("timeout"));
  Action out = host.run(e, conv);
  expect_failed(out, "ITSM_TIMEOUT");
  BOOST_CHECK_EQUAL(host.count("create"), 1);
  BOOST_CHECK(out.reason.find("duplicate") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(retries, Fixture)

BOOST_AUTO_TEST_CASE(unprocessed_failures_are_retried_directly_with_backoff) {
  for (const Reply& first : {http(503, "{}"), http(429, "{}"), transport("connect")}) {
    Escalation e(config());
    FakeHost host;
    host.create_replies = {first, http(201, created_body("INC0010002"))};
    Action out = host.run(e, conv, "r", StartOptions{42});
    BOOST_REQUIRE(out.type == Action::Type::Escalated);
    BOOST_CHECK_EQUAL(host.count("create"), 2);
    BOOST_CHECK_EQUAL(host.count("lookup"), 0);
    bool waited = false;
    for (const Action& a : host.actions) waited = waited || a.type == Action::Type::Wait;
    BOOST_CHECK(waited);
  }
}

BOOST_AUTO_TEST_CASE(retry_after_is_honoured) {
  Escalation e(config());
  FakeHost host;
  host.create_replies = {http(429, R"({"error":{"message":"Rate limit exceeded"}})", {{"Retry-After", "3"}}),
                         http(201, created_body())};
  host.run(e, conv);
  double sent_at = 0, waited_until = 0;
  for (const Action& a : host.actions) {
    if (a.type == Action::Type::Wait) waited_until = a.until_ms;
  }
  for (const AuditEntry& en : e.audit())
    if (en.to == Phase::Backoff) sent_at = en.at_ms;
  BOOST_CHECK_GE(waited_until - sent_at, 3000.0);
}

BOOST_AUTO_TEST_CASE(backoff_is_jittered_from_the_host_seed_and_capped) {
  std::vector<double> delays;
  for (std::uint64_t seed : {1u, 2u, 3u, 1u}) {
    Escalation e(config());
    FakeHost host;
    host.create_replies = {http(503, "{}"), http(201, created_body())};
    host.run(e, conv, "r", StartOptions{seed});
    double backoff_at = 0;
    for (const AuditEntry& en : e.audit())
      if (en.to == Phase::Backoff) backoff_at = en.at_ms;
    for (const Action& a : host.actions)
      if (a.type == Action::Type::Wait) delays.push_back(a.until_ms - backoff_at);
  }
  BOOST_REQUIRE_EQUAL(delays.size(), 4u);
  BOOST_CHECK_EQUAL(delays[0], delays[3]);  // same seed, same jitter
  BOOST_CHECK(delays[0] != delays[1] || delays[1] != delays[2]);
  for (double d : delays) BOOST_CHECK(d >= 0 && d <= 500);  // first retry: ceiling is baseDelayMs
}

BOOST_AUTO_TEST_CASE(ambiguous_failure_looks_up_before_creating_again) {
  for (const Reply& first : {transport("timeout"), transport("reset"), http(500, "{}"), http(502, "<html/>"),
                             http(504, "<html/>"), http(201, R"({"result": {"sys_id": "x", )")}) {
    Escalation e(config());
    FakeHost host;
    host.create_replies = {first, http(201, created_body("INC0010003"))};
    host.lookup_replies = {http(200, lookup_body(""))};
    Action out = host.run(e, conv);
    BOOST_REQUIRE(out.type == Action::Type::Escalated);
    BOOST_CHECK(!out.existing);
    BOOST_REQUIRE_EQUAL(host.requests.size(), 3u);
    BOOST_CHECK_EQUAL(host.requests[1].purpose, "lookup");
    BOOST_CHECK(host.requests[1].url.find("correlation_id%3D") == std::string::npos);
    BOOST_CHECK(host.requests[1].url.find("sysparm_query=correlation_id=" + escalation_key(conv.id)) != std::string::npos);
    // Both creates carry the same key and the same payload.
    BOOST_CHECK_EQUAL(host.requests[0].body, host.requests[2].body);
  }
}

BOOST_AUTO_TEST_CASE(a_ticket_created_by_a_lost_request_is_found_not_duplicated) {
  Escalation e(config());
  FakeHost host;
  host.create_replies = {transport("timeout")};
  host.lookup_replies = {http(200, lookup_body("INC0010009", "ffffeeeeddddccccbbbbaaaa99998888"))};
  Action out = host.run(e, conv);
  BOOST_REQUIRE(out.type == Action::Type::Escalated);
  BOOST_CHECK(out.existing);
  BOOST_CHECK_EQUAL(out.ticket_number, "INC0010009");
  BOOST_CHECK_EQUAL(host.count("create"), 1);
}

BOOST_AUTO_TEST_CASE(giving_up_after_max_attempts_reports_the_last_cause) {
  config_doc["escalation"]["retry"] = {{"maxAttempts", 3}};
  Escalation e(config());
  FakeHost host;
  host.create_replies = {http(503, "{}"), http(503, "{}"), http(503, "{}"), http(201, created_body())};
  Action out = host.run(e, conv);
  expect_failed(out, "ITSM_UNAVAILABLE");
  BOOST_CHECK_EQUAL(host.count("create"), 3);
  BOOST_CHECK_EQUAL(e.record().attempts, 3);
}

BOOST_AUTO_TEST_CASE(giving_up_after_an_ambiguous_failure_looks_once_more) {
  config_doc["escalation"]["retry"] = {{"maxAttempts", 2}};
  Escalation e(config());
  FakeHost host;
  host.create_replies = {transport("timeout")};
  host.lookup_replies = {http(503, "{}"), http(200, lookup_body("INC0010011"))};
  Action out = host.run(e, conv);
  BOOST_REQUIRE(out.type == Action::Type::Escalated);
  BOOST_CHECK_EQUAL(out.ticket_number, "INC0010011");
  BOOST_CHECK_EQUAL(host.count("lookup"), 2);
}

BOOST_AUTO_TEST_CASE(while_a_ticket_may_exist_lookups_continue_past_max_attempts) {
  // A create that may have reached the ITSM, then an outage longer than the attempts: the
  // machine keeps looking (lookups change nothing) until the deadline instead of reporting
  // failure for a ticket that exists.
  config_doc["escalation"]["retry"] = {{"maxAttempts", 3}, {"baseDelayMs", 100}, {"maxDelayMs", 400}};
  Escalation e(config());
  FakeHost host;
  host.create_replies = {transport("reset")};
  for (int i = 0; i < 8; ++i) host.lookup_replies.push_back(transport("reset"));
  host.lookup_replies.push_back(http(200, lookup_body("INC0010099")));
  Action out = host.run(e, conv);
  BOOST_REQUIRE(out.type == Action::Type::Escalated);
  BOOST_CHECK_EQUAL(out.ticket_number, "INC0010099");
  BOOST_CHECK_EQUAL(host.count("create"), 1);
  BOOST_CHECK_EQUAL(host.count("lookup"), 9);
}

BOOST_AUTO_TEST_CASE(the_deadline_bounds_the_whole_escalation) {
  config_doc["escalation"]["retry"] = {{"maxAttempts", 10}, {"deadlineMs", 5000}, {"baseDelayMs", 2000}, {"maxDelayMs", 2000}};
  Escalation e(config());
  FakeHost host;
  for (int i = 0; i < 10; ++i) host.create_replies.push_back(http(429, "{}", {{"Retry-After", "2"}}));
  Action out = host.run(e, conv);
  expect_failed(out, "ITSM_RATE_LIMITED");
  BOOST_CHECK_LE(host.count("create"), 3);
}

BOOST_AUTO_TEST_CASE(an_unanswered_request_times_out_on_tick) {
  Escalation e(config());
  auto ask = e.start(conv, "r", 0);
  auto req = e.confirm(true, 10);
  BOOST_REQUIRE(req.ok() && req.value().type == Action::Type::HttpRequest);
  auto early = e.tick(5000);
  BOOST_REQUIRE(early.ok());
  BOOST_CHECK(early.value().type == Action::Type::Wait);
  BOOST_CHECK_EQUAL(early.value().until_ms, 10010.0);
  auto late = e.tick(10010);
  BOOST_REQUIRE(late.ok());
  BOOST_CHECK(late.value().type == Action::Type::Wait);  // backing off before the lookup
  BOOST_CHECK(e.phase() == Phase::Backoff);
  BOOST_CHECK_EQUAL(e.record().status, "in_progress");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(oauth2, Fixture)

BOOST_AUTO_TEST_CASE(tokens_are_fetched_through_the_host_and_cached_until_expiry) {
  config_doc["credentials"]["servicenow"]["auth"] = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"}, {"clientId", "tb-client"},
                                                     {"clientSecret", "tb-client-secret"}, {"scope", "useraccount"}};
  auto cfg = config();
  auto tokens = std::make_shared<TokenCache>();
  FakeHost host;
  host.token_replies = {http(200, R"({"access_token":"tok-1","token_type":"Bearer","expires_in":1799})"),
                        http(200, R"({"access_token":"tok-2","token_type":"Bearer","expires_in":1799})")};
  host.create_replies = {http(201, created_body("INC1")), http(201, created_body("INC2")), http(201, created_body("INC3"))};

  Escalation first(cfg, tokens);
  BOOST_REQUIRE(host.run(first, conv).type == Action::Type::Escalated);
  BOOST_REQUIRE_EQUAL(host.requests.size(), 2u);
  const HttpRequest& token_req = host.requests[0];
  BOOST_CHECK_EQUAL(token_req.purpose, "token");
  BOOST_CHECK_EQUAL(token_req.url, "http://127.0.0.1:8787/oauth_token.do");
  BOOST_CHECK_EQUAL(token_req.body, "grant_type=client_credentials&client_id=tb-client&client_secret=tb-client-secret&scope=useraccount");
  BOOST_CHECK_EQUAL(host.requests[1].headers.back().value, "Bearer tok-1");

  Conversation second_conv = conv;
  second_conv.id = "another";
  Escalation second(cfg, tokens);
  BOOST_REQUIRE(host.run(second, second_conv).type == Action::Type::Escalated);
  BOOST_CHECK_EQUAL(host.count("token"), 1);  // cached

  host.now += 1800 * 1000.0;  // past expiry
  second_conv.id = "third";
  Escalation third(cfg, tokens);
  BOOST_REQUIRE(host.run(third, second_conv).type == Action::Type::Escalated);
  BOOST_CHECK_EQUAL(host.count("token"), 2);
  BOOST_CHECK_EQUAL(host.requests.back().headers.back().value, "Bearer tok-2");
}

BOOST_AUTO_TEST_CASE(a_401_refreshes_the_token_once_then_fails) {
  config_doc["credentials"]["servicenow"]["auth"] = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"}, {"clientId", "tb-client"},
                                                     {"clientSecret", "tb-client-secret"}};
  Escalation e(config());
  FakeHost host;
  host.token_replies = {http(200, R"({"access_token":"old","expires_in":1799})"),
                        http(200, R"({"access_token":"new-token","expires_in":1799})")};
  host.create_replies = {http(401, "{}"), http(401, "{}")};
  expect_failed(host.run(e, conv), "ITSM_UNAUTHORIZED");
  BOOST_CHECK_EQUAL(host.count("token"), 2);
  BOOST_CHECK_EQUAL(host.count("create"), 2);
}

BOOST_AUTO_TEST_CASE(token_endpoint_failures) {
  config_doc["credentials"]["servicenow"]["auth"] = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"}, {"clientId", "tb-client"},
                                                     {"clientSecret", "tb-client-secret"}};
  {
    Escalation e(config());
    FakeHost host;
    host.token_replies = {http(401, R"({"error":"access_denied"})")};
    expect_failed(host.run(e, conv), "ITSM_UNAUTHORIZED");
  }
  {
    Escalation e(config());
    FakeHost host;
    host.token_replies = {http(200, R"({"token_type":"Bearer"})")};
    expect_failed(host.run(e, conv), "TOKEN_RESPONSE_INVALID");
  }
  {  // an unreadable answer from the token endpoint is asked again
    Escalation e(config());
    FakeHost host;
    host.token_replies = {http(200, "<html class=\"instance-hibernating-page\"></html>"),
                          http(200, R"({"access_token":"fresh-token","expires_in":1799})")};
    host.create_replies = {http(201, created_body())};
    BOOST_CHECK(host.run(e, conv).type == Action::Type::Escalated);
    BOOST_CHECK_EQUAL(host.count("token"), 2);
  }
  {
    Escalation e(config());
    FakeHost host;
    host.token_replies = {http(503, "{}"), http(200, R"({"access_token":"ok-token","expires_in":"1799"})")};
    host.create_replies = {http(201, created_body())};
    BOOST_CHECK(host.run(e, conv).type == Action::Type::Escalated);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(snapshots, Fixture)

BOOST_AUTO_TEST_CASE(restoring_at_every_step_reaches_the_same_outcome) {
  auto cfg = config();
  Escalation e(cfg);
  FakeHost host;
  host.create_replies = {http(503, "{}"), http(201, created_body("INC0010077"))};
  // Drive by hand, replacing the machine by a restored copy after every action.
  auto r = e.start(conv, "r", host.now, StartOptions{7});
  for (int i = 0; i < 20 && r.ok(); ++i) {
    auto restored = Escalation::restore(cfg, json::parse(dump_json(e.snapshot())));
    BOOST_REQUIRE_MESSAGE(restored.ok(), (restored.ok() ? std::string() : restored.error().message));
    e = std::move(restored).value();
    const Action a = r.value();
    if (a.type == Action::Type::AskConfirmation) r = e.confirm(true, host.now += 10);
    else if (a.type == Action::Type::Wait) r = e.tick(host.now = a.until_ms);
    else if (a.type == Action::Type::HttpRequest) {
      Reply rep = host.create_replies.front();
      host.create_replies.pop_front();
      HttpResponse resp;
      resp.request_id = a.request.id;
      resp.status = rep.status;
      resp.body = rep.body;
      r = e.receive(resp, host.now += 20);
    } else break;
  }
  BOOST_REQUIRE(r.ok());
  BOOST_CHECK(r.value().type == Action::Type::Escalated);
  BOOST_CHECK_EQUAL(r.value().ticket_number, "INC0010077");
  BOOST_CHECK_EQUAL(e.record().status, "escalated");
}

BOOST_AUTO_TEST_CASE(a_host_that_lost_the_answer_looks_up_before_creating) {
  auto cfg = config();
  Escalation e(cfg);
  BOOST_REQUIRE(e.start(conv, "r", 0).ok());
  auto req = e.confirm(true, 1);
  BOOST_REQUIRE(req.ok() && req.value().type == Action::Type::HttpRequest);
  const json snap = e.snapshot();  // saved just before sending; then the host died
  auto restored = Escalation::restore(cfg, snap);
  BOOST_REQUIRE(restored.ok());
  Escalation back = std::move(restored).value();
  FakeHost host;
  host.now = 100000;
  host.lookup_replies = {http(200, lookup_body("INC0010050"))};
  Action out = host.drive(back, back.resume(host.now));
  BOOST_REQUIRE(out.type == Action::Type::Escalated);
  BOOST_CHECK(out.existing);
  BOOST_CHECK_EQUAL(host.count("create"), 0);
}

BOOST_AUTO_TEST_CASE(a_lost_lookup_is_simply_sent_again) {
  auto cfg = config();
  Escalation e(cfg);
  FakeHost host;
  host.create_replies = {transport("timeout")};
  // Drive until the lookup is on its way, then lose the machine's host.
  auto r = e.start(conv, "r", host.now);
  r = e.confirm(true, host.now += 10);
  HttpResponse timeout;
  timeout.request_id = r.value().request.id;
  timeout.transport_error = "timeout";
  r = e.receive(timeout, host.now += 10000);
  BOOST_REQUIRE(r.ok() && r.value().type == Action::Type::Wait);
  r = e.tick(r.value().until_ms);
  BOOST_REQUIRE(r.ok() && r.value().type == Action::Type::HttpRequest);
  BOOST_REQUIRE_EQUAL(r.value().request.purpose, "lookup");
  auto restored = Escalation::restore(cfg, e.snapshot());
  BOOST_REQUIRE(restored.ok());
  Escalation back = std::move(restored).value();
  auto again = back.resume(host.now + 60000);
  BOOST_REQUIRE(again.ok());
  BOOST_REQUIRE(again.value().type == Action::Type::HttpRequest);
  BOOST_CHECK_EQUAL(again.value().request.purpose, "lookup");
}

BOOST_AUTO_TEST_CASE(bad_snapshots_are_rejected_with_a_path) {
  auto cfg = config();
  Escalation e(cfg);
  BOOST_REQUIRE(e.start(conv, "r", 0).ok());
  json snap = e.snapshot();
  BOOST_CHECK(Escalation::restore(cfg, snap).ok());
  json broken = snap;
  broken["phase"] = "flying";
  BOOST_CHECK_EQUAL(Escalation::restore(cfg, broken).error().code, "SNAPSHOT_INVALID");
  broken = snap;
  broken["attempts"] = "many";
  auto r = Escalation::restore(cfg, broken);
  BOOST_CHECK_EQUAL(r.error().path, "/attempts");
  BOOST_CHECK_EQUAL(Escalation::restore(cfg, json::array()).error().code, "SNAPSHOT_INVALID");
  broken = snap;
  broken["audit"][0]["from"] = 3;
  BOOST_CHECK_EQUAL(Escalation::restore(cfg, broken).error().path, "/audit/0/from");
}

BOOST_AUTO_TEST_SUITE_END()
