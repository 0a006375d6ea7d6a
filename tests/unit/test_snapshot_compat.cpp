// Snapshots already sitting in hosts' stores were written by the version before the
// transition table (tests/fixtures/snapshots/escalation-v1.json, captured from it). They
// must restore with nothing lost, and the restored machine must finish the way the old one
// would have: each case's script only ends right if the sub-state the old flags expressed
// (token refreshed, outcome unknown, final lookup, created unreadable, next step) survived.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

struct Stored {
  std::string name;
  json config;
  json snapshot;
};

std::vector<Stored> stored_snapshots() {
  const json doc = read_json(fixture_path("snapshots/escalation-v1.json"));
  std::vector<Stored> out;
  for (const json& s : doc.at("snapshots")) {
    json cfg = example_config_json();
    cfg.merge_patch(s.at("configPatch"));
    out.push_back({s.at("name").get<std::string>(), cfg, s.at("snapshot")});
  }
  return out;
}

const Stored& find(const std::vector<Stored>& all, const std::string& name) {
  for (const Stored& s : all)
    if (s.name == name) return s;
  BOOST_FAIL("no stored snapshot named " << name);
  return all.front();
}

// Restores `name` and drives it with `host` from just after the snapshot's last audit entry.
Action finish(const Stored& s, FakeHost& host) {
  auto cfg = load(s.config);
  BOOST_REQUIRE(cfg);
  auto restored = Escalation::restore(cfg, s.snapshot);
  BOOST_REQUIRE_MESSAGE(restored.ok(), s.name << ": " << (restored.ok() ? "" : restored.error().message));
  Escalation e = std::move(restored).value();
  host.now = s.snapshot.at("audit").back().at("at").get<double>() + 1000;
  return host.drive(e, e.resume(host.now));
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_stored_snapshot_restores_with_every_field_kept) {
  const auto all = stored_snapshots();
  BOOST_REQUIRE_EQUAL(all.size(), 8u);
  for (const Stored& s : all) {
    BOOST_TEST_CONTEXT(s.name) {
      auto cfg = load(s.config);
      BOOST_REQUIRE(cfg);
      auto restored = Escalation::restore(cfg, s.snapshot);
      BOOST_REQUIRE(restored.ok());
      json again = restored.value().snapshot();
      // Restoring adds one audit line saying so; everything else reads back as written.
      BOOST_REQUIRE_EQUAL(again.at("audit").size(), s.snapshot.at("audit").size() + 1);
      BOOST_CHECK_EQUAL(again.at("audit").back().at("event"), "restore");
      again.at("audit").erase(again.at("audit").size() - 1);
      BOOST_CHECK_EQUAL(again.dump(), s.snapshot.dump());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_stored_confirmation_question_is_asked_again_and_creates) {
  FakeHost host;
  host.create_replies = {http(201, created_body("INC0010100"))};
  Action out = finish(find(stored_snapshots(), "awaitingConfirmation"), host);
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC0010100");
  BOOST_CHECK(!escalated(out).existing);
  BOOST_CHECK_EQUAL(host.count("create"), 1);
}

BOOST_AUTO_TEST_CASE(a_stored_create_in_flight_is_looked_up_not_sent_again) {
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body("INC0010101"))};
  Action out = finish(find(stored_snapshots(), "awaitingCreate"), host);
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK(escalated(out).existing);
  BOOST_CHECK_EQUAL(host.count("create"), 0);
}

BOOST_AUTO_TEST_CASE(a_stored_backoff_with_an_unknown_outcome_looks_up_first) {
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body(""))};
  host.create_replies = {http(201, created_body("INC0010102"))};
  Action out = finish(find(stored_snapshots(), "backoffOutcomeUnknown"), host);
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC0010102");
  BOOST_REQUIRE_EQUAL(host.requests.size(), 2u);
  BOOST_CHECK_EQUAL(to_string(host.requests[0].purpose), "lookup");
  BOOST_CHECK_EQUAL(to_string(host.requests[1].purpose), "create");
}

BOOST_AUTO_TEST_CASE(a_stored_lookup_in_flight_is_sent_again) {
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body("INC0010103"))};
  Action out = finish(find(stored_snapshots(), "awaitingLookup"), host);
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK(escalated(out).existing);
  BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC0010103");
  BOOST_CHECK_EQUAL(host.count("create"), 0);
}

BOOST_AUTO_TEST_CASE(a_stored_escalation_answers_with_its_ticket) {
  FakeHost host;
  Action out = finish(find(stored_snapshots(), "escalatedExisting"), host);
  BOOST_REQUIRE(is_escalated(out));
  BOOST_CHECK_EQUAL(escalated(out).ticket_number, "INC0010009");
  BOOST_CHECK(host.requests.empty());
}

BOOST_AUTO_TEST_CASE(a_stored_token_refresh_is_not_repeated_after_another_401) {
  FakeHost host;
  host.token_replies = {http(200, R"({"access_token":"newer-token","expires_in":1799})")};
  host.create_replies = {http(401, "{}")};
  Action out = finish(find(stored_snapshots(), "awaitingTokenRefreshed"), host);
  BOOST_REQUIRE(is_failed(out));
  BOOST_CHECK_EQUAL(failed(out).code, "ITSM_UNAUTHORIZED");
  BOOST_CHECK_EQUAL(host.count("token"), 1);
  BOOST_CHECK_EQUAL(host.count("create"), 1);
}

BOOST_AUTO_TEST_CASE(a_stored_unreadable_create_is_never_created_again) {
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body(""))};
  Action out = finish(find(stored_snapshots(), "backoffCreatedUnreadable"), host);
  BOOST_REQUIRE(is_failed(out));
  BOOST_CHECK_EQUAL(failed(out).code, "OUTPUT_MISSING");
  BOOST_CHECK(failed(out).reason.find("Output tab") != std::string::npos);
  BOOST_CHECK_EQUAL(host.count("create"), 0);
}

BOOST_AUTO_TEST_CASE(a_stored_final_lookup_ends_the_escalation_when_nothing_is_found) {
  FakeHost host;
  host.lookup_replies = {http(200, lookup_body(""))};
  Action out = finish(find(stored_snapshots(), "finalLookup"), host);
  BOOST_REQUIRE(is_failed(out));
  BOOST_CHECK_EQUAL(failed(out).code, "ITSM_TIMEOUT");
  BOOST_CHECK_EQUAL(host.count("lookup"), 1);
  BOOST_CHECK_EQUAL(host.count("create"), 0);
}
