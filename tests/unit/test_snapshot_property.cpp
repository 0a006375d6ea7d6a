// Every snapshot the machine writes restores: a property over config shapes (lookup or not,
// confirmation or not, basic or OAuth2, redaction) and reply scripts (success, transient,
// ambiguous, permanent, exhausted, declined, unreadable). At every step the machine is
// replaced by its restored copy, which must reach the same outcome as the untouched machine,
// and a terminal machine restored later must answer start() again ("ask again" / "return the
// existing ticket").
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

struct Shape {
  const char* name;
  bool lookup, confirm, oauth, redaction;
};

const Shape kShapes[] = {
    {"example", true, true, false, false},       {"no lookup", false, true, false, false},
    {"no confirmation", true, false, false, false}, {"no lookup, no confirmation", false, false, false, false},
    {"oauth2", true, true, true, false},          {"oauth2, no lookup", false, false, true, false},
    {"redaction", true, true, false, true},
};

struct Script {
  const char* name;
  std::vector<Reply> create, lookup;
  bool confirm = true;
};

std::vector<Script> scripts() {
  std::vector<Reply> many500(12, http(500, "{}"));
  return {
      {"created", {http(201, created_body("INC0000001"))}, {}},
      {"transient then created", {http(503, "{}"), http(201, created_body("INC0000002"))}, {}},
      {"timeout then found", {transport("timeout")}, {http(200, lookup_body("INC0000003"))}},
      {"timeout, not found, created", {transport("timeout"), http(201, created_body("INC0000004"))}, {http(200, lookup_body())}},
      {"rejected", {http(400, R"({"error":{"message":"bad"}})")}, {}},
      {"exhausted", many500, many500},
      {"declined", {}, {}, false},
      {"unreadable 2xx", {http(200, "<html>hibernating</html>")}, {http(200, lookup_body())}},
      {"retry-after past the deadline", {http(429, "{}", {{"Retry-After", "3600"}})}, {}},
  };
}

json config_for(const Shape& s) {
  json doc = example_config_json();
  if (!s.lookup) doc["escalation"].erase("lookup");
  doc["escalation"]["requireConfirmation"] = s.confirm;
  if (s.oauth)
    doc["credentials"]["servicenow"]["auth"] = {{"type", "oauth2ClientCredentials"}, {"tokenUrl", "oauth_token.do"}, {"clientId", "tb-client"},
                                                {"clientSecret", "tb-client-secret"}};
  if (s.redaction) doc["escalation"]["redaction"] = true;
  return doc;
}

// What two runs' outcomes are compared by ("" when the outcome has no such member).
std::string code_of(const Action& a) { return is_failed(a) ? failed(a).code : ""; }
std::string ticket_number_of(const Action& a) { return is_escalated(a) ? escalated(a).ticket_number : ""; }

struct Run {
  Action out;
  std::vector<std::string> requests;  // purposes, in order
  int snapshots = 0;
};

// Drives one escalation; with `restoring`, every action's machine is first replaced by the
// machine restore() makes from its snapshot (as text, the way hosts store it).
Run drive(const std::shared_ptr<const Config>& cfg, const Script& script, bool restoring, Escalation& e) {
  Run run;
  std::deque<Reply> create(script.create.begin(), script.create.end());
  std::deque<Reply> lookup(script.lookup.begin(), script.lookup.end());
  double now = 1'700'000'000'000.0;
  auto tokens = std::make_shared<TokenCache>();
  auto check_restores = [&](Escalation& m) {
    const json snap = json::parse(dump_json(m.snapshot()));
    auto back = Escalation::restore(cfg, snap, tokens);
    BOOST_REQUIRE_MESSAGE(back.ok(), script.name << ": " << (back.ok() ? "" : back.error().code + " " + back.error().path + " " + back.error().message)
                                                  << " in phase " << phase_name(m.phase()));
    // Restoring loses nothing: the copy writes the same snapshot plus one audit line.
    json again = back.value().snapshot();
    BOOST_REQUIRE(!again["audit"].empty());
    again["audit"].erase(again["audit"].size() - 1);
    BOOST_CHECK_MESSAGE(again == snap, script.name << ": the restored copy differs in phase " << phase_name(m.phase()));
    ++run.snapshots;
    if (restoring) m = std::move(back).value();
  };
  check_restores(e);  // an idle machine's snapshot restores too
  auto r = e.start(conversation(example_conversation_json()), "needs a technician", now, StartOptions{42});
  for (int guard = 0; guard < 100; ++guard) {
    BOOST_REQUIRE_MESSAGE(r.ok(), script.name << ": " << (r.ok() ? "" : r.error().code));
    check_restores(e);
    const Action a = r.value();
    if (is_asking(a)) {
      r = e.confirm(script.confirm, now += 1000);
    } else if (is_wait(a)) {
      r = e.tick(now = std::max(now, wait(a).until_ms));
    } else if (is_request(a)) {
      run.requests.push_back(to_string(request(a).purpose));
      Reply rep = http(500, "{}");
      if (request(a).purpose == RequestPurpose::Token) rep = http(200, R"({"access_token":"tok-abcdefgh","expires_in":1799})");
      std::deque<Reply>& q = request(a).purpose == RequestPurpose::Lookup ? lookup : create;
      if (request(a).purpose != RequestPurpose::Token && !q.empty()) {
        rep = q.front();
        q.pop_front();
      }
      HttpResponse resp;
      resp.request_id = request(a).id;
      resp.status = rep.status;
      resp.body = rep.body;
      resp.headers = rep.headers;
      resp.transport_error = transport_error_from_string(rep.transport_error);
      r = e.receive(resp, now += rep.transport_error == "timeout" ? request(a).timeout_ms : 50);
    } else {
      run.out = a;
      return run;
    }
  }
  BOOST_FAIL(script.name << ": the escalation did not end");
  return run;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(snapshot_property)

BOOST_AUTO_TEST_CASE(every_snapshot_restores_and_reaches_the_same_outcome) {
  int checked = 0;
  for (const Shape& shape : kShapes) {
    auto cfg = load(config_for(shape));
    BOOST_REQUIRE_MESSAGE(cfg, shape.name);
    for (const Script& script : scripts()) {
      BOOST_TEST_CONTEXT(shape.name << " / " << script.name) {
        Escalation plain(cfg), restored(cfg);
        const Run a = drive(cfg, script, false, plain);
        const Run b = drive(cfg, script, true, restored);
        BOOST_CHECK(a.out.index() == b.out.index());
        BOOST_CHECK_EQUAL(code_of(a.out), code_of(b.out));
        BOOST_CHECK_EQUAL(ticket_number_of(a.out), ticket_number_of(b.out));
        BOOST_CHECK_EQUAL(a.requests.size(), b.requests.size());
        checked += a.snapshots;

        // Later, from the store: a terminal machine answers start() again.
        auto later = Escalation::restore(cfg, json::parse(dump_json(restored.snapshot())));
        BOOST_REQUIRE_MESSAGE(later.ok(), (later.ok() ? std::string() : std::string(later.error().path)));
        Escalation again = std::move(later).value();
        auto next = again.start(conversation(example_conversation_json()), "still broken", 1'800'000'000'000.0,
                                StartOptions{43});
        BOOST_REQUIRE_MESSAGE(next.ok(), (next.ok() ? std::string() : std::string(next.error().code)));
        if (is_escalated(a.out)) {
          BOOST_CHECK(is_escalated(next.value()));
          BOOST_CHECK(escalated(next.value()).existing);
        }
      }
    }
  }
  BOOST_TEST_MESSAGE(checked << " snapshots restored");
  BOOST_CHECK_GT(checked, 200);
}

// The shape the review found: no lookup configured. The first call stores the snapshot and
// every later call for that conversation must still end in an outcome.
BOOST_AUTO_TEST_CASE(no_lookup_snapshot_restores_after_the_first_step) {
  auto cfg = load(config_for(kShapes[1]));
  BOOST_REQUIRE(cfg);
  Escalation e(cfg);
  auto r = e.start(conversation(example_conversation_json()), "r", 0);
  BOOST_REQUIRE(r.ok() && is_asking(r.value()));
  const json snap = json::parse(dump_json(e.snapshot()));
  BOOST_CHECK(snap["lookupParams"].is_null());
  auto back = Escalation::restore(cfg, snap);
  BOOST_REQUIRE_MESSAGE(back.ok(), (back.ok() ? std::string() : std::string(back.error().path)));
  BOOST_CHECK(back.value().resume(10).ok());
}

BOOST_AUTO_TEST_SUITE_END()
