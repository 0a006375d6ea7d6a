#pragma once
// The escalation's rules as data: rows of (states, trigger, guard, next state, effect).
// Every decision the machine takes is a lookup in this table (rules.cpp); the guards are
// named predicates (guards.cpp), the effects do the work of a row (effects.cpp) and build
// the actions the machine answers with (actions.cpp).
#include <cstdint>
#include <string>

#include "escalation/state.hpp"

namespace tb {

/// What the machine is deciding about. Host events (Start, Confirm, Tick...) and the
/// outcome of an answered request raise one; some effects raise the next (Proceed → Send).
enum class Trigger {
  Start,          // start(): a conversation needs a human
  Confirm,        // the employee said yes
  Decline,        // the employee said no
  Reject,         // the host could not hand the conversation over
  Proceed,        // ready for the next request: check the budget, then send
  Send,           // send the next request (token, create or lookup)
  TokenIssued,    // the token endpoint answered with a token
  TicketFound,    // a create or lookup answered with a ticket
  NoTicket,       // a lookup answered: no ticket carries our key
  RequestFailed,  // any other answer, or none
  RetryLater,     // a retryable failure: is there budget left?
  BackoffPlanned, // the delay is drawn: does it fit before the deadline?
  GiveUp,         // out of attempts or time
  Fail,           // a failure that ends the escalation now
  Tick,           // time passed
  Resume,         // the host restarted and asks for the pending action again
};
const char* trigger_name(Trigger t);

/// What a guard or effect may read besides the machine's state: the event's facts.
struct Facts {
  double now = 0;
  const StartOptions* options = nullptr;  // Start
  const Outcome* outcome = nullptr;       // RequestFailed, RetryLater, BackoffPlanned
  RequestPurpose purpose = RequestPurpose::Create;  // the answered request's
  std::string code, reason;               // Fail, GiveUp
  double delay_ms = 0;                    // BackoffPlanned
};

using StateSet = std::uint16_t;
constexpr StateSet in(Phase p) { return static_cast<StateSet>(1u << static_cast<unsigned>(p)); }
template <typename... P>
constexpr StateSet in(Phase p, P... more) { return static_cast<StateSet>(in(p) | in(more...)); }

struct Rule;
using Guard = bool (*)(const Escalation::State&, const Facts&);
using Effect = Result<Action> (*)(Escalation::State&, const Rule&, Facts&);

struct Rule {
  StateSet from;
  Trigger trigger;
  Guard guard;
  const char* guard_name;  // "" when the row always applies
  Phase to;                // == from when the row does not move by itself
  bool moves;
  Effect effect;
  const char* effect_name;
};

/// The first row for `trigger` in the machine's phase whose guard holds, and its effect run;
/// PROTOCOL_INTERNAL when no row applies (a slip in the table, not an abort).
Result<Action> apply(Escalation::State& s, Trigger trigger, Facts& facts);

/// The table, for the tests (test_escalation_rules draws docs/escalation.md's diagram from it).
const Rule* rules_begin();
const Rule* rules_end();

/// Moves to the row's next state (checked against the table) with the audit event the
/// target state is reached by.
Status move(Escalation::State& s, const Rule& rule, double now_ms, const std::string& detail);

}  // namespace tb

namespace tb::guards {
// guards.cpp: the named predicates the rows read. Each reads documented state only.
bool store_down_without_lookup(const Escalation::State& s, const Facts& f);
bool confirmation_required(const Escalation::State& s, const Facts& f);
bool attempts_spent(const Escalation::State& s, const Facts& f);
bool deadline_passed(const Escalation::State& s, const Facts& f);
bool last_lookup_due(const Escalation::State& s, const Facts& f);
bool token_needed(const Escalation::State& s, const Facts& f);
bool creating(const Escalation::State& s, const Facts& f);
bool looking_up(const Escalation::State& s, const Facts& f);
bool created_unreadable(const Escalation::State& s, const Facts& f);
bool last_lookup_sent(const Escalation::State& s, const Facts& f);
bool token_refresh_left(const Escalation::State& s, const Facts& f);
bool unauthorized(const Escalation::State& s, const Facts& f);
bool permanent(const Escalation::State& s, const Facts& f);
bool ambiguous_create_without_lookup(const Escalation::State& s, const Facts& f);
bool retry_passes_deadline(const Escalation::State& s, const Facts& f);
bool backoff_over(const Escalation::State& s, const Facts& f);
bool answer_overdue(const Escalation::State& s, const Facts& f);
bool lost_request_harmless(const Escalation::State& s, const Facts& f);
// Not a row's guard, but read by two: lookups continue past maxAttempts while it holds.
bool hunting(const Escalation::State& s);
}  // namespace tb::guards

namespace tb::effects {
// effects.cpp: what a row does. Effects that move call move(); some raise the next trigger.
#define TB_EFFECT(name) Result<Action> name(Escalation::State& s, const Rule& rule, Facts& f)
TB_EFFECT(answer_with_ticket);
TB_EFFECT(ask_employee);
TB_EFFECT(begin_sending);
TB_EFFECT(continue_after_yes);
TB_EFFECT(report_declined);
TB_EFFECT(fail_conversation_unreadable);
TB_EFFECT(fail_now);
TB_EFFECT(fail_store_unavailable);
TB_EFFECT(out_of_attempts);
TB_EFFECT(out_of_time);
TB_EFFECT(next_request);
TB_EFFECT(last_lookup);
TB_EFFECT(send_token_request);
TB_EFFECT(send_ticket_request);
TB_EFFECT(store_token);
TB_EFFECT(report_ticket);
TB_EFFECT(fail_created_unreadable);
TB_EFFECT(fail_nothing_found);
TB_EFFECT(create_now);
TB_EFFECT(fail_after_last_lookup);
TB_EFFECT(refresh_token);
TB_EFFECT(fail_with_outcome);
TB_EFFECT(fail_without_lookup);
TB_EFFECT(retry);
TB_EFFECT(give_up_after_attempts);
TB_EFFECT(draw_backoff);
TB_EFFECT(give_up_at_deadline);
TB_EFFECT(back_off);
TB_EFFECT(repeat_outcome);
TB_EFFECT(ask_again);
TB_EFFECT(proceed_after_backoff);
TB_EFFECT(wait_out_backoff);
TB_EFFECT(time_out);
TB_EFFECT(wait_for_answer);
TB_EFFECT(send_again);
TB_EFFECT(treat_as_lost);
#undef TB_EFFECT

// actions.cpp: the actions, built from the machine's state.
Action wait_until(double until_ms);
Action ask_action(const Escalation::State& s);
Action declined_action(const Escalation::State& s);
Action escalated_action(const Escalation::State& s);
Action failed_action(const Escalation::State& s);
/// Readies the next step and raises Proceed (a lookup needs a configured lookup call).
Result<Action> proceed(Escalation::State& s, Facts& f);
/// Sorts an answered (or unanswered) request's outcome into the trigger it raises.
Result<Action> handle_response(Escalation::State& s, const HttpResponse& r, double now);
/// Raises Fail with `code` and `reason`.
Result<Action> fail(Escalation::State& s, double now, std::string code, std::string reason);
}  // namespace tb::effects
