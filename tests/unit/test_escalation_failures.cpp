// Every way an escalation can go wrong, and what the machine does about it: retry what was
// certainly not processed, look up before creating again after ambiguous failures, give up
// on permanent errors, and always end with an answer for the employee. The scenarios a
// script of answers expresses are shared fixtures (tests/fixtures/escalation, run by
// test_escalation_fixtures and node-tests/escalation-fixtures.test.mjs); what stays here
// needs code: a 2 MB answer, several runs compared, direct tick() calls, a token cache
// shared by several escalations, and restores.
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
    BOOST_REQUIRE_MESSAGE(is_failed(a), "expected Failed " << code << ", got " << action_type_name(a));
    BOOST_CHECK_EQUAL(failed(a).code, code);
    BOOST_CHECK_EQUAL(failed(a).fallback_url, "https://support.example.com/portal/new-request");
    BOOST_CHECK(message_of(a).find(failed(a).fallback_url) != std::string::npos);
    BOOST_CHECK(!failed(a).summary.empty());
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(permanent_failures, Fixture)

BOOST_AUTO_TEST_CASE(oversized_answers_fail_after_the_attempts) {
  Escalation e(config());
  FakeHost host;
  host.create_replies.push_back(transport("timeout"));
  Reply huge = http(200, std::string(kMaxResponseBytes + 1, ' '));
  for (int i = 0; i < 200; ++i) host.lookup_replies.push_back(huge);
  expect_failed(host.run(e, conv), "ITSM_RESPONSE_TOO_LARGE");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(retries, Fixture)

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
      if (is_wait(a)) delays.push_back(wait(a).until_ms - backoff_at);
  }
  BOOST_REQUIRE_EQUAL(delays.size(), 4u);
  BOOST_CHECK_EQUAL(delays[0], delays[3]);  // same seed, same jitter
  BOOST_CHECK(delays[0] != delays[1] || delays[1] != delays[2]);
  for (double d : delays) BOOST_CHECK(d >= 0 && d <= 500);  // first retry: ceiling is baseDelayMs
}

BOOST_AUTO_TEST_CASE(an_unanswered_request_times_out_on_tick) {
  Escalation e(config());
  auto ask = e.start(conv, "r", 0);
  auto req = e.confirm(true, 10);
  BOOST_REQUIRE(req.ok() && is_request(req.value()));
  auto early = e.tick(5000);
  BOOST_REQUIRE(early.ok());
  BOOST_CHECK(is_wait(early.value()));
  BOOST_CHECK_EQUAL(wait(early.value()).until_ms, 10010.0);
  auto late = e.tick(10010);
  BOOST_REQUIRE(late.ok());
  BOOST_CHECK(is_wait(late.value()));  // backing off before the lookup
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
  BOOST_REQUIRE(is_escalated(host.run(first, conv)));
  BOOST_REQUIRE_EQUAL(host.requests.size(), 2u);
  const HttpRequest& token_req = host.requests[0];
  BOOST_CHECK_EQUAL(to_string(token_req.purpose), "token");
  BOOST_CHECK_EQUAL(token_req.url, "http://127.0.0.1:8787/oauth_token.do");
  BOOST_CHECK_EQUAL(token_req.body, "grant_type=client_credentials&client_id=tb-client&client_secret=tb-client-secret&scope=useraccount");
  BOOST_CHECK_EQUAL(host.requests[1].headers.back().value, "Bearer tok-1");

  Conversation second_conv = conv;
  second_conv.id = "another";
  Escalation second(cfg, tokens);
  BOOST_REQUIRE(is_escalated(host.run(second, second_conv)));
  BOOST_CHECK_EQUAL(host.count("token"), 1);  // cached

  host.now += 1800 * 1000.0;  // past expiry
  second_conv.id = "third";
  Escalation third(cfg, tokens);
  BOOST_REQUIRE(is_escalated(host.run(third, second_conv)));
  BOOST_CHECK_EQUAL(host.count("token"), 2);
  BOOST_CHECK_EQUAL(host.requests.back().headers.back().value, "Bearer tok-2");
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
    if (is_asking(a)) r = e.confirm(true, host.now += 10);
    else if (is_wait(a)) r = e.tick(host.now = wait(a).until_ms);
    else if (is_request(a)) {
      Reply rep = host.create_replies.front();
      host.create_replies.pop_front();
      HttpResponse resp;
      resp.request_id = request(a).id;
      resp.status = rep.status;
      resp.body = rep.body;
      r = e.receive(resp, host.now += 20);
    } else break;
  }
  BOOST_REQUIRE(r.ok());
  BOOST_CHECK(is_escalated(r.value()));
  BOOST_CHECK_EQUAL(escalated(r.value()).ticket_number, "INC0010077");
  BOOST_CHECK_EQUAL(e.record().status, "escalated");
}

BOOST_AUTO_TEST_CASE(a_host_that_lost_the_answer_looks_up_before_creating) {
  auto cfg = config();
  Escalation e(cfg);
  BOOST_REQUIRE(e.start(conv, "r", 0).ok());
  auto req = e.confirm(true, 1);
  BOOST_REQUIRE(req.ok() && is_request(req.value()));
  const json snap = e.snapshot();  // saved just before sending; then the host died
  auto restored = Escalation::restore(cfg, snap);
  BOOST_REQUIRE(restored.ok());
  Escalation back = std::move(restored).value();
  FakeHost host;
  host.now = 100000;
  host.lookup_replies = {http(200, lookup_body("INC0010050"))};
  Action out = host.drive(back, back.resume(host.now));
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK(escalated(out).existing);
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
  timeout.request_id = request(r.value()).id;
  timeout.transport_error = TransportError::Timeout;
  r = e.receive(timeout, host.now += 10000);
  BOOST_REQUIRE(r.ok() && is_wait(r.value()));
  r = e.tick(wait(r.value()).until_ms);
  BOOST_REQUIRE(r.ok() && is_request(r.value()));
  BOOST_REQUIRE_EQUAL(to_string(request(r.value()).purpose), "lookup");
  auto restored = Escalation::restore(cfg, e.snapshot());
  BOOST_REQUIRE(restored.ok());
  Escalation back = std::move(restored).value();
  auto again = back.resume(host.now + 60000);
  BOOST_REQUIRE(again.ok());
  BOOST_REQUIRE(is_request(again.value()));
  BOOST_CHECK_EQUAL(to_string(request(again.value()).purpose), "lookup");
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
