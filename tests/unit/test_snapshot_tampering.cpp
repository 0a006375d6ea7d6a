// Snapshots edited by someone else (a tampered store, a corrupt file): every number restore()
// reads is bounded, so nothing overflows, no wait outlives the escalation, and the answer is
// SNAPSHOT_INVALID with the field's path, never undefined behaviour.
#include <boost/test/unit_test.hpp>

#include <climits>

#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

struct Fixture {
  std::shared_ptr<const Config> cfg = load(example_config_json());
  Conversation conv = conversation(example_conversation_json());

  // A machine backing off after a 503: the richest snapshot (every number in use).
  json backoff_snapshot() {
    Escalation e(cfg);
    BOOST_REQUIRE(e.start(conv, "r", 1000).ok());
    auto r = e.confirm(true, 2000);
    BOOST_REQUIRE(r.ok() && is_request(r.value()));
    HttpResponse busy;
    busy.request_id = request(r.value()).id;
    busy.status = 503;
    busy.body = "{}";
    r = e.receive(busy, 2100);
    BOOST_REQUIRE(r.ok() && is_wait(r.value()));
    return e.snapshot();
  }
  json in_flight_snapshot() {
    Escalation e(cfg);
    BOOST_REQUIRE(e.start(conv, "r", 1000).ok());
    BOOST_REQUIRE(e.confirm(true, 2000).ok());
    return e.snapshot();
  }

  void expect_invalid(const json& snap, const std::string& path) {
    auto r = Escalation::restore(cfg, snap);
    BOOST_REQUIRE_MESSAGE(!r.ok(), "accepted a snapshot with a bad " << path);
    BOOST_CHECK_EQUAL(r.error().code, "SNAPSHOT_INVALID");
    BOOST_CHECK_EQUAL(r.error().path, path);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(snapshot_tampering, Fixture)

BOOST_AUTO_TEST_CASE(counts_are_whole_numbers_in_range) {
  const json good = backoff_snapshot();
  BOOST_REQUIRE(Escalation::restore(cfg, good).ok());
  for (const json& bad : {json(1e300), json(-1), json(1.5), json(INT_MAX), json(std::nan(""))}) {
    json snap = good;
    snap["attempts"] = bad;
    expect_invalid(snap, "/attempts");
    snap = good;
    snap["requestSeq"] = bad;
    expect_invalid(snap, "/requestSeq");
  }
}

BOOST_AUTO_TEST_CASE(times_are_finite_and_waits_end_within_the_deadline) {
  const json good = backoff_snapshot();
  for (const char* key : {"startedMs", "deadlineMs", "backoffUntilMs"}) {
    for (const json& bad : {json(1e300), json(-1e16), json(9e15)}) {
      json snap = good;
      snap[key] = bad;
      expect_invalid(snap, std::string("/") + key);
    }
  }
  // A backoff 2^31 ms away (past the setTimeout range and the deadline) is refused.
  json snap = good;
  snap["backoffUntilMs"] = good["deadlineMs"].get<double>() + 2147483648.0;
  expect_invalid(snap, "/backoffUntilMs");
  snap = good;
  snap["audit"][0]["at"] = 1e300;
  expect_invalid(snap, "/audit/0/at");

  const json flying = in_flight_snapshot();
  BOOST_REQUIRE(Escalation::restore(cfg, flying).ok());
  snap = flying;
  snap["inFlight"]["deadlineMs"] = 1e15;
  expect_invalid(snap, "/inFlight/deadlineMs");
  snap = flying;
  snap["inFlight"]["purpose"] = "delete";
  expect_invalid(snap, "/inFlight/purpose");
}

BOOST_AUTO_TEST_CASE(enumerations_and_the_seed_are_checked) {
  const json good = backoff_snapshot();
  json snap = good;
  snap["next"] = "explode";
  expect_invalid(snap, "/next");
  snap = good;
  snap["rng"] = "not hex at all!!";
  expect_invalid(snap, "/rng");
  snap = good;
  snap["createParams"] = nullptr;  // a started escalation cannot send without them
  expect_invalid(snap, "/createParams");
}

BOOST_AUTO_TEST_CASE(the_largest_valid_counts_keep_working) {
  json snap = backoff_snapshot();
  snap["requestSeq"] = 1000000000;
  snap["attempts"] = 1;
  auto r = Escalation::restore(cfg, snap);
  BOOST_REQUIRE(r.ok());
  Escalation e = std::move(r).value();
  auto next = e.tick(snap["backoffUntilMs"].get<double>());
  BOOST_REQUIRE(next.ok());
  BOOST_REQUIRE(is_request(next.value()));
  BOOST_CHECK_EQUAL(request(next.value()).id, "create-1000000001");
}

BOOST_AUTO_TEST_SUITE_END()
