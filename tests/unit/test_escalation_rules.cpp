// The table of rules: the moves it allows are the machine's whole set of moves, a move it
// does not allow is a coded error that leaves the machine as it was, and the diagram in
// docs/escalation.md is the one the table draws (drawn here: the core does not carry it).
#include <cstdlib>
#include <fstream>
#include <set>

#include <boost/test/unit_test.hpp>

#include "escalation/rules.hpp"
#include "test_support.hpp"

using namespace tb;
using namespace tbtest;

namespace {

constexpr Phase kPhases[] = {Phase::Idle,           Phase::AwaitingConfirmation, Phase::AwaitingToken,
                             Phase::AwaitingCreate, Phase::AwaitingLookup,       Phase::Backoff,
                             Phase::Escalated,      Phase::Declined,             Phase::Failed};


const char* const kBegin = "<!-- rules-diagram: generated from core/src/escalation/rules.cpp -->\n```mermaid\n";
const char* const kEnd = "```\n<!-- rules-diagram: end -->";
const char* const kDoc = "docs/escalation.md";

std::set<std::pair<std::string, std::string>> allowed_moves() {
  std::set<std::pair<std::string, std::string>> out;
  for (const Rule* r = rules_begin(); r != rules_end(); ++r) {
    if (!r->moves) continue;
    for (Phase p : kPhases)
      if (r->from & in(p)) out.insert({phase_name(p), phase_name(r->to)});
  }
  return out;
}

// The table drawn as Mermaid stateDiagram-v2 text: one edge per pair of states, labelled
// with every trigger [guard] that takes it, in the table's order, so the drawing changes
// exactly when the table does.
std::string rules_diagram() {
  std::string out = "stateDiagram-v2\n    [*] --> idle\n";
  for (Phase from : kPhases) {
    for (Phase to : kPhases) {
      std::string label;
      std::set<std::string> seen;
      for (const Rule* r = rules_begin(); r != rules_end(); ++r) {
        if (!r->moves || r->to != to || !(r->from & in(from))) continue;
        std::string part = trigger_name(r->trigger);
        if (*r->guard_name) part += std::string(" [") + r->guard_name + "]";
        if (!seen.insert(part).second) continue;
        label += (label.empty() ? "" : ", ") + part;
      }
      if (!label.empty()) out += std::string("    ") + phase_name(from) + " --> " + phase_name(to) + " : " + label + "\n";
    }
  }
  return out;
}

std::unique_ptr<Escalation::State> fresh_state() {
  auto s = std::make_unique<Escalation::State>();
  s->config = load(example_config_json());
  BOOST_REQUIRE(s->config);
  s->tokens = std::make_shared<TokenCache>();
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_table_allows_exactly_the_machines_moves) {
  // The moves the machine makes (each one is reached by some suite's scenario); a new
  // move is a change of behaviour and belongs in this list and in the docs' diagram.
  const std::set<std::pair<std::string, std::string>> expected = {
      {"idle", "awaiting_confirmation"}, {"idle", "awaiting_token"}, {"idle", "awaiting_create"},
      {"idle", "awaiting_lookup"}, {"idle", "failed"},
      {"awaiting_confirmation", "declined"}, {"awaiting_confirmation", "awaiting_token"},
      {"awaiting_confirmation", "awaiting_create"}, {"awaiting_confirmation", "awaiting_lookup"},
      {"awaiting_confirmation", "failed"},
      {"awaiting_token", "awaiting_token"}, {"awaiting_token", "awaiting_create"}, {"awaiting_token", "awaiting_lookup"},
      {"awaiting_token", "backoff"}, {"awaiting_token", "failed"},
      {"awaiting_create", "escalated"}, {"awaiting_create", "awaiting_token"}, {"awaiting_create", "awaiting_lookup"},
      {"awaiting_create", "backoff"}, {"awaiting_create", "failed"},
      {"awaiting_lookup", "escalated"}, {"awaiting_lookup", "awaiting_create"}, {"awaiting_lookup", "awaiting_token"},
      {"awaiting_lookup", "awaiting_lookup"}, {"awaiting_lookup", "backoff"}, {"awaiting_lookup", "failed"},
      {"backoff", "awaiting_token"}, {"backoff", "awaiting_create"}, {"backoff", "awaiting_lookup"}, {"backoff", "failed"},
      {"declined", "awaiting_confirmation"}, {"declined", "awaiting_token"}, {"declined", "awaiting_create"},
      {"declined", "awaiting_lookup"}, {"declined", "failed"},
      {"failed", "awaiting_confirmation"}, {"failed", "awaiting_token"}, {"failed", "awaiting_create"},
      {"failed", "awaiting_lookup"}, {"failed", "failed"},
  };
  const auto actual = allowed_moves();
  for (const auto& m : expected) BOOST_CHECK_MESSAGE(actual.count(m), "missing move " << m.first << " -> " << m.second);
  for (const auto& m : actual) BOOST_CHECK_MESSAGE(expected.count(m), "unexpected move " << m.first << " -> " << m.second);
}

BOOST_AUTO_TEST_CASE(an_impossible_move_is_a_coded_error_and_changes_nothing) {
  auto s = fresh_state();
  Status st = move_to(*s, Phase::Escalated, Event::Escalate, 1000, "from nowhere");
  BOOST_REQUIRE(!st);
  BOOST_CHECK_EQUAL(st.error().code, "PROTOCOL_INTERNAL");
  BOOST_CHECK(st.error().message.find("idle to escalated") != std::string::npos);
  BOOST_CHECK(s->phase == Phase::Idle);
  BOOST_CHECK(s->audit.empty());
}

BOOST_AUTO_TEST_CASE(a_trigger_no_row_answers_is_a_coded_error) {
  auto s = fresh_state();
  Facts f;
  f.now = 1000;
  auto r = apply(*s, Trigger::TicketFound, f);  // nothing was sent
  BOOST_REQUIRE(!r);
  BOOST_CHECK_EQUAL(r.error().code, "PROTOCOL_INTERNAL");
  BOOST_CHECK(r.error().message.find("ticket found") != std::string::npos);
  BOOST_CHECK(s->phase == Phase::Idle);
}

BOOST_AUTO_TEST_CASE(every_decision_has_a_row_for_when_no_guard_holds) {
  // Send is the one decision whose rows are all guarded: creating and looking_up cover the
  // only two values of the next step, which this test checks by construction.
  for (const Rule* r = rules_begin(); r != rules_end(); ++r) {
    if (r->trigger == Trigger::Send) continue;
    for (unsigned p = 0; p <= static_cast<unsigned>(Phase::Failed); ++p) {
      if (!(r->from & in(static_cast<Phase>(p)))) continue;
      bool fallback = false;
      for (const Rule* q = rules_begin(); q != rules_end(); ++q)
        fallback = fallback || (q->trigger == r->trigger && (q->from & in(static_cast<Phase>(p))) && !q->guard);
      BOOST_CHECK_MESSAGE(fallback, trigger_name(r->trigger) << " in " << phase_name(static_cast<Phase>(p))
                                                             << " has no unguarded row");
    }
  }
}

BOOST_AUTO_TEST_CASE(the_docs_show_the_diagram_the_table_draws) {
  const std::string path = source_path(kDoc);
  std::string doc = read_file(path);
  const std::size_t begin = doc.find(kBegin), end = doc.find(kEnd);
  BOOST_REQUIRE_MESSAGE(begin != std::string::npos && end != std::string::npos && begin < end,
                        kDoc << " lacks the generated diagram's markers");
  const std::size_t from = begin + std::string(kBegin).size();
  const std::string shown = doc.substr(from, end - from), drawn = rules_diagram();
  if (shown != drawn && std::getenv("TB_UPDATE_DOCS")) {
    doc.replace(from, end - from, drawn);
    std::ofstream(path, std::ios::binary) << doc;
    BOOST_TEST_MESSAGE("rewrote the diagram in " << path);
    return;
  }
  BOOST_CHECK_MESSAGE(shown == drawn, kDoc << "'s diagram differs from the table in core/src/escalation/rules.cpp. "
                                              "Regenerate it: TB_UPDATE_DOCS=1 build/native/bin/test_escalation_rules "
                                              "--run_test=the_docs_show_the_diagram_the_table_draws\nThe table draws:\n"
                                           << drawn);
}
