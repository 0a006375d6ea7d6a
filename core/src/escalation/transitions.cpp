// Theory of operation
// ===================
// One Escalation object follows one conversation from "needs a human" to an outcome the
// employee can act on. It is sans-I/O (like h11): the host calls an event method and gets
// back the single Action it must perform next; the machine never sends bytes, sleeps or
// reads a clock, so browsers, Node functions and native tests drive the same logic.
//
//   Idle --start--> AwaitingConfirmation --confirm(no)--> Declined
//                      | confirm(yes)
//                      v
//   [AwaitingToken] -> AwaitingCreate --2xx + outputs--> Escalated
//                      |   ^       \--permanent error--> Failed (fallback URL)
//           transient/ |   | lookup: none found
//           ambiguous  v   |
//                    Backoff --> AwaitingLookup --found--> Escalated (existing ticket)
//
// Exactly-once: every create carries the idempotency key (escalation_key()) through the
// parameter mapping. When a create may have reached the ITSM but we cannot know (timeout,
// reset, 5xx, unreadable 2xx), the next step is a lookup by that key, never a blind second
// create; without a configured lookup call such failures are not retried at all. Failures
// that certainly were not processed (429, 503, could not connect) are retried directly.
// Retries back off exponentially with full jitter from a host-seeded generator, honour
// Retry-After, and stop at max_attempts or the total deadline, ending in Failed with the
// fallback URL and a summary, so the employee is never left without an answer.
//
// The table below is the whole set of moves; move_to() refuses anything else, which turns
// a logic slip into a visible PROTOCOL_INTERNAL error instead of a silent wrong state.
#include "escalation/state.hpp"

namespace tb {
namespace {

struct Transition {
  Phase from;
  Phase to;
};

constexpr Transition kTransitions[] = {
    {Phase::Idle, Phase::AwaitingConfirmation},
    {Phase::Idle, Phase::AwaitingToken},
    {Phase::Idle, Phase::AwaitingCreate},
    {Phase::Idle, Phase::AwaitingLookup},  // no history here, or a snapshot set aside: look first
    {Phase::Idle, Phase::Failed},
    {Phase::AwaitingConfirmation, Phase::Declined},
    {Phase::AwaitingConfirmation, Phase::AwaitingToken},
    {Phase::AwaitingConfirmation, Phase::AwaitingCreate},
    {Phase::AwaitingConfirmation, Phase::AwaitingLookup},  // an earlier attempt may have created it
    {Phase::AwaitingConfirmation, Phase::Failed},
    {Phase::AwaitingToken, Phase::AwaitingToken},  // resumed after a restart: ask again
    {Phase::AwaitingToken, Phase::AwaitingCreate},
    {Phase::AwaitingToken, Phase::AwaitingLookup},
    {Phase::AwaitingToken, Phase::Backoff},
    {Phase::AwaitingToken, Phase::Failed},
    {Phase::AwaitingCreate, Phase::Escalated},
    {Phase::AwaitingCreate, Phase::AwaitingToken},  // 401 with OAuth2: refresh once
    {Phase::AwaitingCreate, Phase::AwaitingLookup},  // giving up: one last lookup by key
    {Phase::AwaitingCreate, Phase::Backoff},
    {Phase::AwaitingCreate, Phase::Failed},
    {Phase::AwaitingLookup, Phase::Escalated},
    {Phase::AwaitingLookup, Phase::AwaitingCreate},  // nothing found: safe to create
    {Phase::AwaitingLookup, Phase::AwaitingToken},
    {Phase::AwaitingLookup, Phase::AwaitingLookup},
    {Phase::AwaitingLookup, Phase::Backoff},
    {Phase::AwaitingLookup, Phase::Failed},
    {Phase::Backoff, Phase::AwaitingToken},
    {Phase::Backoff, Phase::AwaitingCreate},
    {Phase::Backoff, Phase::AwaitingLookup},
    {Phase::Backoff, Phase::Failed},
    // A new start after a decline or a failure (the employee asks again). The key is the
    // same, so a ticket that a failed attempt did create is found, not duplicated.
    {Phase::Declined, Phase::AwaitingConfirmation},
    {Phase::Declined, Phase::AwaitingToken},
    {Phase::Declined, Phase::AwaitingCreate},
    {Phase::Declined, Phase::AwaitingLookup},
    {Phase::Declined, Phase::Failed},
    {Phase::Failed, Phase::AwaitingConfirmation},
    {Phase::Failed, Phase::AwaitingToken},
    {Phase::Failed, Phase::AwaitingCreate},
    {Phase::Failed, Phase::AwaitingLookup},
    {Phase::Failed, Phase::Failed},
};

bool allowed(Phase from, Phase to) {
  for (const auto& t : kTransitions)
    if (t.from == from && t.to == to) return true;
  return false;
}

}  // namespace

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

Status move_to(Escalation::State& s, Phase to, Event event, double now_ms, const std::string& detail) {
  if (!allowed(s.phase, to)) {
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

}  // namespace tb
