// The guards: named questions the rules ask of the machine's documented state (state.hpp,
// docs/escalation.md "Sub-states") and of the event's facts. They decide nothing alone and
// change nothing; the table in rules.cpp orders them.
#include "escalation/rules.hpp"

namespace tb::guards {

using Kind = Outcome::Kind;
using State = Escalation::State;

namespace {

const Credential& next_credential(const State& s) {
  const CallBinding& b = s.next == NextStep::Lookup && s.settings().lookup ? *s.settings().lookup : s.settings().create;
  return *s.config->credential(s.config->api_call(b.api_call)->credential);  // checked at config load
}

bool uses_oauth(const State& s) { return next_credential(s).auth.type == AuthType::OAuth2ClientCredentials; }
bool lookup_configured(const State& s) { return s.settings().lookup.has_value(); }
Kind kind(const Facts& f) { return f.outcome ? f.outcome->kind : Kind::Permanent; }

}  // namespace

// While a create's outcome is unknown, lookups are the only requests we send, and they are
// safe to repeat: keep looking until the deadline rather than stopping at max_attempts and
// telling the employee "failed" about a ticket that may exist.
bool hunting(const State& s) { return s.outcome_unknown && lookup_configured(s); }

// The store failed and nothing can rule out a ticket another instance created.
bool store_down_without_lookup(const State& s, const Facts& f) {
  return f.options && f.options->store_unavailable && !s.outcome_unknown && !lookup_configured(s);
}
bool confirmation_required(const State& s, const Facts&) { return s.settings().require_confirmation; }
bool attempts_spent(const State& s, const Facts&) { return !hunting(s) && s.attempts >= s.settings().retry.max_attempts; }
bool deadline_passed(const State& s, const Facts& f) { return f.now >= s.deadline_ms; }
// Before reporting failure while a create may have reached the ITSM, look once more: an
// employee told "failed" while their ticket exists files a duplicate by hand.
bool last_lookup_due(const State& s, const Facts&) { return s.outcome_unknown && lookup_configured(s) && !s.final_lookup; }
bool token_needed(const State& s, const Facts& f) {
  return uses_oauth(s) && s.tokens->get(next_credential(s).name, f.now) == nullptr;
}
bool creating(const State& s, const Facts&) { return s.next == NextStep::Create; }
bool looking_up(const State& s, const Facts&) { return s.next == NextStep::Lookup; }
bool created_unreadable(const State& s, const Facts&) { return s.created_unreadable; }
bool last_lookup_sent(const State& s, const Facts&) { return s.final_lookup; }
bool token_refresh_left(const State& s, const Facts& f) {
  return kind(f) == Kind::Unauthorized && uses_oauth(s) && !s.token_refreshed;
}
bool unauthorized(const State&, const Facts& f) { return kind(f) == Kind::Unauthorized; }
bool permanent(const State&, const Facts& f) { return kind(f) == Kind::Permanent; }
bool ambiguous_create_without_lookup(const State& s, const Facts& f) {
  return f.purpose == RequestPurpose::Create && kind(f) == Kind::Ambiguous && !lookup_configured(s);
}
bool retry_passes_deadline(const State& s, const Facts& f) { return f.now + f.delay_ms >= s.deadline_ms; }
bool backoff_over(const State& s, const Facts& f) { return f.now >= s.backoff_until_ms; }
bool answer_overdue(const State& s, const Facts& f) { return !s.in_flight || f.now >= s.in_flight->deadline_ms; }
// Token requests and lookups change nothing in the ITSM: a lost one is simply sent again.
bool lost_request_harmless(const State& s, const Facts&) {
  return s.in_flight && s.in_flight->purpose != RequestPurpose::Create;
}

}  // namespace tb::guards
