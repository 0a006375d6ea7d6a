// Theory of operation
// ===================
// One Escalation object follows one conversation from "needs a human" to an outcome the
// employee can act on. It is sans-I/O (like h11): the host calls an event method and gets
// back the single Action it must perform next; the machine never sends bytes, sleeps or
// reads a clock, so browsers, Node functions and native tests drive the same logic.
//
// Everything that decides a transition is the table below: rows of (states, trigger,
// guard, next state, effect), read top to bottom; the first row whose states hold the
// current phase, whose trigger is the one raised and whose guard holds, runs its effect.
// Host events raise the first trigger (start → Start, confirm → Confirm/Decline, an
// answered request → TokenIssued/TicketFound/NoTicket/RequestFailed, tick → Tick,
// resume → Resume); an effect that only decides raises the next one (Proceed checks the
// budget, then Send picks token, create or lookup). move() refuses a move no row allows, so
// a logic slip surfaces as a PROTOCOL_INTERNAL error instead of a silent wrong state.
// docs/escalation.md shows this table as a diagram, drawn from it by test_escalation_rules.
//
// Sub-states. Besides the phase, five facts steer the guards, each read by a named guard:
//   ticket_may_exist (outcomeUnknown)   a create may have reached the ITSM: lookups only, and
//                                       they continue past maxAttempts until the deadline;
//   created_unreadable (createdUnreadable) a create answered 2xx JSON the outputs cannot read:
//                                       never create again, even when the lookup finds nothing;
//   last_lookup_sent (finalLookup)      giving up: one last lookup so a created ticket is not
//                                       reported lost; whatever it answers ends the escalation;
//   token_refresh_left (tokenRefreshed) a 401 on an OAuth2 token fetches a new token once;
//   creating / looking_up (next)        what the next request is for.
//
// Exactly-once: every create carries the idempotency key (escalation_key()) through the
// parameter mapping. When a create may have reached the ITSM but we cannot know (timeout,
// reset, 5xx, unreadable 2xx), the next step is a lookup by that key, never a blind second
// create; without a configured lookup call such failures are not retried at all. Failures
// that certainly were not processed (429, 503, could not connect) are retried directly.
// Retries back off exponentially with full jitter from a host-seeded generator, honour
// Retry-After, and stop at max_attempts or the total deadline, ending in Failed with the
// fallback URL and a summary, so the employee is never left without an answer.
#include "escalation/rules.hpp"

#include <iterator>

namespace tb {
namespace {

using P = Phase;
namespace g = guards;
namespace e = effects;

constexpr StateSet kWaiting = in(P::AwaitingToken, P::AwaitingCreate, P::AwaitingLookup);
constexpr StateSet kTerminal = in(P::Escalated, P::Declined, P::Failed);
constexpr StateSet kStartable = in(P::Idle, P::Declined, P::Failed);  // a new start after a decline or failure
constexpr StateSet kSending = kStartable | kWaiting | in(P::AwaitingConfirmation, P::Backoff);

#define GUARD(name) &g::name, #name
#define ALWAYS nullptr, ""
#define GO(to, effect) to, true, &e::effect, #effect
#define STAY(effect) P::Idle, false, &e::effect, #effect

constexpr Rule kRules[] = {
    // The employee needs a human.
    {in(P::Escalated), Trigger::Start, ALWAYS, STAY(answer_with_ticket)},
    {kStartable, Trigger::Start, GUARD(store_down_without_lookup), GO(P::Failed, fail_store_unavailable)},
    {kStartable, Trigger::Start, GUARD(confirmation_required), GO(P::AwaitingConfirmation, ask_employee)},
    {kStartable, Trigger::Start, ALWAYS, STAY(begin_sending)},
    {in(P::AwaitingConfirmation), Trigger::Confirm, ALWAYS, STAY(continue_after_yes)},
    {in(P::AwaitingConfirmation), Trigger::Decline, ALWAYS, GO(P::Declined, report_declined)},
    {in(P::Escalated), Trigger::Reject, ALWAYS, STAY(repeat_outcome)},
    {kStartable, Trigger::Reject, ALWAYS, GO(P::Failed, fail_conversation_unreadable)},

    // The next request: within budget, token first when none is cached, then create or look up.
    {kSending, Trigger::Proceed, GUARD(attempts_spent), STAY(out_of_attempts)},
    {kSending, Trigger::Proceed, GUARD(deadline_passed), STAY(out_of_time)},
    {kSending, Trigger::Proceed, ALWAYS, STAY(next_request)},
    {kSending, Trigger::Send, GUARD(token_needed), GO(P::AwaitingToken, send_token_request)},
    {kSending & ~in(P::AwaitingCreate), Trigger::Send, GUARD(creating), GO(P::AwaitingCreate, send_ticket_request)},
    {kSending, Trigger::Send, GUARD(looking_up), GO(P::AwaitingLookup, send_ticket_request)},

    // Answers.
    {in(P::AwaitingToken), Trigger::TokenIssued, ALWAYS, STAY(store_token)},
    {in(P::AwaitingCreate, P::AwaitingLookup), Trigger::TicketFound, ALWAYS, GO(P::Escalated, report_ticket)},
    {in(P::AwaitingLookup), Trigger::NoTicket, GUARD(created_unreadable), GO(P::Failed, fail_created_unreadable)},
    {in(P::AwaitingLookup), Trigger::NoTicket, GUARD(last_lookup_sent), GO(P::Failed, fail_nothing_found)},
    {in(P::AwaitingLookup), Trigger::NoTicket, ALWAYS, STAY(create_now)},
    {kWaiting, Trigger::RequestFailed, GUARD(last_lookup_sent), GO(P::Failed, fail_after_last_lookup)},
    {kWaiting, Trigger::RequestFailed, GUARD(token_refresh_left), STAY(refresh_token)},
    {kWaiting, Trigger::RequestFailed, GUARD(unauthorized), GO(P::Failed, fail_with_outcome)},
    {kWaiting, Trigger::RequestFailed, GUARD(permanent), GO(P::Failed, fail_with_outcome)},
    {kWaiting, Trigger::RequestFailed, GUARD(ambiguous_create_without_lookup), GO(P::Failed, fail_without_lookup)},
    {kWaiting, Trigger::RequestFailed, ALWAYS, STAY(retry)},
    {kWaiting, Trigger::RetryLater, GUARD(attempts_spent), STAY(give_up_after_attempts)},
    {kWaiting, Trigger::RetryLater, ALWAYS, STAY(draw_backoff)},
    {kWaiting, Trigger::BackoffPlanned, GUARD(retry_passes_deadline), STAY(give_up_at_deadline)},
    {kWaiting, Trigger::BackoffPlanned, ALWAYS, GO(P::Backoff, back_off)},

    // Ending.
    {kSending, Trigger::GiveUp, GUARD(last_lookup_due), STAY(last_lookup)},
    {kSending, Trigger::GiveUp, ALWAYS, GO(P::Failed, fail_now)},
    {kSending, Trigger::Fail, ALWAYS, GO(P::Failed, fail_now)},

    // Time passing, and a host that restarted.
    {kTerminal, Trigger::Tick, ALWAYS, STAY(repeat_outcome)},
    {in(P::AwaitingConfirmation), Trigger::Tick, ALWAYS, STAY(ask_again)},
    {in(P::Backoff), Trigger::Tick, GUARD(backoff_over), STAY(proceed_after_backoff)},
    {in(P::Backoff), Trigger::Tick, ALWAYS, STAY(wait_out_backoff)},
    {kWaiting, Trigger::Tick, GUARD(answer_overdue), STAY(time_out)},
    {kWaiting, Trigger::Tick, ALWAYS, STAY(wait_for_answer)},
    {kWaiting, Trigger::Resume, GUARD(lost_request_harmless), STAY(send_again)},
    {kWaiting, Trigger::Resume, ALWAYS, STAY(treat_as_lost)},
};

#undef GUARD
#undef ALWAYS
#undef GO
#undef STAY

bool holds(StateSet set, Phase p) { return (set & in(p)) != 0; }

// The audit trail names a move by what it reached.
Event event_for(Phase to) {
  switch (to) {
    case P::AwaitingConfirmation: return Event::Start;
    case P::Declined: return Event::Decline;
    case P::Backoff: return Event::Backoff;
    case P::Escalated: return Event::Escalate;
    case P::Failed: return Event::Fail;
    default: return Event::Request;
  }
}

}  // namespace

const Rule* rules_begin() { return std::begin(kRules); }
const Rule* rules_end() { return std::end(kRules); }

Result<Action> apply(Escalation::State& s, Trigger trigger, Facts& facts) {
  for (const Rule& r : kRules) {
    if (r.trigger == trigger && holds(r.from, s.phase) && (!r.guard || r.guard(s, facts))) return r.effect(s, r, facts);
  }
  return make_error("PROTOCOL_INTERNAL",
                    std::string("no rule for ") + trigger_name(trigger) + " in phase " + phase_name(s.phase));
}

Status move(Escalation::State& s, const Rule& rule, double now_ms, const std::string& detail) {
  if (!rule.moves) return make_error("PROTOCOL_INTERNAL", std::string("rule '") + rule.effect_name + "' does not move");
  return move_to(s, rule.to, event_for(rule.to), now_ms, detail);
}

Status move_to(Escalation::State& s, Phase to, Event event, double now_ms, const std::string& detail) {
  bool allowed = false;
  for (const Rule& r : kRules) allowed = allowed || (r.moves && r.to == to && holds(r.from, s.phase));
  if (!allowed) {
    return make_error("PROTOCOL_INTERNAL", std::string("no transition from ") + phase_name(s.phase) + " to " +
                                               phase_name(to) + " on " + event_name(event));
  }
  s.audit.push_back({now_ms, event_name(event), s.phase, to, s.redact(detail)});
  s.phase = to;
  return ok_status();
}

void note(Escalation::State& s, Event event, double now_ms, const std::string& detail) {
  s.audit.push_back({now_ms, event_name(event), s.phase, s.phase, s.redact(detail)});
}

const char* trigger_name(Trigger t) {
  switch (t) {
    case Trigger::Start: return "start";
    case Trigger::Confirm: return "confirm";
    case Trigger::Decline: return "decline";
    case Trigger::Reject: return "reject";
    case Trigger::Proceed: return "proceed";
    case Trigger::Send: return "send";
    case Trigger::TokenIssued: return "token issued";
    case Trigger::TicketFound: return "ticket found";
    case Trigger::NoTicket: return "no ticket";
    case Trigger::RequestFailed: return "request failed";
    case Trigger::RetryLater: return "retry later";
    case Trigger::BackoffPlanned: return "backoff planned";
    case Trigger::GiveUp: return "give up";
    case Trigger::Fail: return "fail";
    case Trigger::Tick: return "tick";
    case Trigger::Resume: return "resume";
  }
  return "unknown";
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::Idle: return "idle";
    case Phase::AwaitingConfirmation: return "awaiting_confirmation";
    case Phase::AwaitingToken: return "awaiting_token";
    case Phase::AwaitingCreate: return "awaiting_create";
    case Phase::AwaitingLookup: return "awaiting_lookup";
    case Phase::Backoff: return "backoff";
    case Phase::Escalated: return "escalated";
    case Phase::Declined: return "declined";
    case Phase::Failed: return "failed";
  }
  return "unknown";
}

bool is_terminal(Phase p) { return p == Phase::Escalated || p == Phase::Declined || p == Phase::Failed; }

const char* event_name(Event e) {
  switch (e) {
    case Event::Start: return "start";
    case Event::Confirm: return "confirm";
    case Event::Decline: return "decline";
    case Event::Request: return "request";
    case Event::Response: return "response";
    case Event::Backoff: return "backoff";
    case Event::Timeout: return "timeout";
    case Event::Resume: return "resume";
    case Event::Escalate: return "escalated";
    case Event::Fail: return "failed";
    case Event::Restore: return "restore";
  }
  return "unknown";
}

}  // namespace tb
