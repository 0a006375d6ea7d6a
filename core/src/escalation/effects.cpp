// The effects: what each row of the rules does once its guard held. An effect that changes
// the phase calls move() with its row; one that only decides raises the next trigger.
#include <algorithm>
#include <cmath>

#include "escalation/rules.hpp"

namespace tb::effects {

using json = nlohmann::json;
using Kind = Outcome::Kind;
using State = Escalation::State;

namespace {

// splitmix64: small, good enough for jitter, and reproducible from the host's seed.
double next_uniform(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * (1.0 / 9007199254740992.0);
}

const CallBinding& binding_for(const State& s, NextStep step) {
  return step == NextStep::Lookup && s.settings().lookup ? *s.settings().lookup : s.settings().create;
}
const ApiCall& call_for(const State& s, NextStep step) {
  return *s.config->api_call(binding_for(s, step).api_call);  // existence checked at config load
}
const Credential& credential_for(const State& s, NextStep step) { return *s.config->credential(call_for(s, step).credential); }

Result<Action> raise(State& s, Trigger t, Facts& f) { return apply(s, t, f); }

Result<Action> give_up_with(State& s, Facts& f, std::string code, std::string reason) {
  f.code = std::move(code);
  f.reason = std::move(reason);
  return raise(s, Trigger::GiveUp, f);
}

// Every failure after the first row of RequestFailed is remembered, so that giving up
// later reports the most recent cause.
void remember(State& s, const Outcome& o) {
  s.last_code = o.code;
  s.last_reason = s.redact(o.reason);
}

// Moves to Failed with the failure the facts carry.
Result<Action> end_in_failure(State& s, const Rule& rule, const Facts& f) {
  s.failure_code = f.code;
  s.failure_reason = s.redact(f.reason);
  s.in_flight.reset();
  if (Status st = move(s, rule, f.now, s.failure_code + ": " + f.reason); !st) return std::move(st).error();
  return failed_action(s);
}

Result<Action> send(State& s, const Rule& rule, Facts& f, HttpRequest req) {
  req.id = std::string(to_string(req.purpose)) + "-" + std::to_string(++s.request_seq);
  req.timeout_ms = s.settings().timeout_ms;
  if (Status st = move(s, rule, f.now, req.id + ": " + req.method + " " + req.url); !st) return std::move(st).error();
  s.in_flight = InFlight{req.id, req.purpose, f.now, f.now + req.timeout_ms};
  // maxAttempts budgets the requests after confirmation; the one lookup before the first
  // create is extra. Only that one: a retried lookup counts, so that the backoff (which
  // doubles with the count) grows while the ITSM is down instead of staying at half the base
  // delay and sending a lookup every few hundred milliseconds until the deadline.
  // (A token request before that lookup counts as always and leaves the lookup free.)
  const bool free_lookup = s.looking_first && req.purpose == RequestPurpose::Lookup;
  if (req.purpose != RequestPurpose::Token) s.looking_first = false;
  if (!free_lookup) ++s.attempts;
  return Action(action::SendRequest{std::move(req)});
}

}  // namespace

Result<Action> fail(State& s, double now, std::string code, std::string reason) {
  Facts f;
  f.now = now;
  f.code = std::move(code);
  f.reason = std::move(reason);
  return raise(s, Trigger::Fail, f);
}

Result<Action> proceed(State& s, Facts& f) {
  if (s.next == NextStep::Lookup && !s.settings().lookup) s.next = NextStep::Create;
  return raise(s, Trigger::Proceed, f);
}

Result<Action> handle_response(State& s, const HttpResponse& r, double now) {
  const InFlight flight = *s.in_flight;
  s.in_flight.reset();
  const std::string what =
      r.transport_error == TransportError::None ? "HTTP " + std::to_string(r.status) : to_string(r.transport_error);
  note(s, Event::Response, now,
       flight.id + ": " + what + " after " + std::to_string(static_cast<long long>(now - flight.sent_at_ms)) + " ms");
  Facts f;
  f.now = now;
  f.purpose = flight.purpose;
  Outcome o;
  if (flight.purpose == RequestPurpose::Token) {
    o = read_token_response(r, s.redact);
    f.outcome = &o;
    return raise(s, o.kind == Kind::Success ? Trigger::TokenIssued : Trigger::RequestFailed, f);
  }
  const bool lookup = flight.purpose == RequestPurpose::Lookup;
  o = read_ticket_response(r, call_for(s, lookup ? NextStep::Lookup : NextStep::Create), lookup, s.redact,
                           output_limits(*s.config));
  f.outcome = &o;
  const Trigger t = o.kind == Kind::Success    ? Trigger::TicketFound
                    : o.kind == Kind::NotFound ? Trigger::NoTicket
                                               : Trigger::RequestFailed;
  return raise(s, t, f);
}

// --- Start, confirmation, rejection ---

Result<Action> answer_with_ticket(State& s, const Rule&, Facts& f) {
  note(s, Event::Start, f.now, "already escalated: returning ticket " + s.ticket_number + " instead of creating another");
  s.existing = true;
  return escalated_action(s);
}

Result<Action> ask_employee(State& s, const Rule& rule, Facts& f) {
  if (Status st = move(s, rule, f.now, "asking the employee"); !st) return std::move(st).error();
  return ask_action(s);
}

Result<Action> begin_sending(State& s, const Rule&, Facts& f) {
  s.deadline_ms = f.now + s.settings().retry.deadline_ms;
  return proceed(s, f);
}

Result<Action> continue_after_yes(State& s, const Rule&, Facts& f) {
  note(s, Event::Confirm, f.now, "the employee confirmed");
  s.deadline_ms = f.now + s.settings().retry.deadline_ms;
  return proceed(s, f);
}

Result<Action> report_declined(State& s, const Rule& rule, Facts& f) {
  if (Status st = move(s, rule, f.now, "the employee declined"); !st) return std::move(st).error();
  return declined_action(s);
}

Result<Action> fail_conversation_unreadable(State& s, const Rule& rule, Facts& f) {
  s.summary = s.redact.cut("The assistant could not pass the conversation on (" + f.code + "). Why it escalated: " + s.reason, 500);
  if (!s.context.is_object()) s.context = json::object();
  f.reason = "the conversation could not be read: " + f.reason;
  return end_in_failure(s, rule, f);
}

Result<Action> fail_now(State& s, const Rule& rule, Facts& f) { return end_in_failure(s, rule, f); }

Result<Action> fail_store_unavailable(State& s, const Rule& rule, Facts& f) {
  f.code = "STORE_UNAVAILABLE";
  f.reason = "the host's store is unavailable and no lookup call is configured, so a ticket another instance may have "
             "created cannot be ruled out: not creating blind";
  return end_in_failure(s, rule, f);
}

// --- Sending ---

std::string last_cause(const State& s) {
  return s.last_code.empty() ? "" : " (last: " + s.last_code + ": " + s.last_reason + ")";
}

Result<Action> out_of_attempts(State& s, const Rule&, Facts& f) {
  return give_up_with(s, f, s.last_code.empty() ? "RETRIES_EXHAUSTED" : s.last_code,
                      "gave up after " + std::to_string(s.attempts) + " attempts" + last_cause(s));
}

Result<Action> out_of_time(State& s, const Rule&, Facts& f) {
  return give_up_with(s, f, s.last_code.empty() ? "ITSM_TIMEOUT" : s.last_code, "the escalation deadline passed" + last_cause(s));
}

Result<Action> next_request(State& s, const Rule&, Facts& f) { return raise(s, Trigger::Send, f); }

Result<Action> last_lookup(State& s, const Rule&, Facts& f) {
  s.final_lookup = true;
  s.last_code = f.code;
  s.last_reason = s.redact(f.reason);
  s.next = NextStep::Lookup;
  note(s, Event::Backoff, f.now, f.code + ": " + f.reason + "; one last lookup before giving up");
  return raise(s, Trigger::Send, f);
}

Result<Action> send_token_request(State& s, const Rule& rule, Facts& f) {
  return send(s, rule, f, build_token_request(credential_for(s, s.next)));
}

Result<Action> send_ticket_request(State& s, const Rule& rule, Facts& f) {
  std::string token;
  const Credential& cred = credential_for(s, s.next);
  if (cred.auth.type == AuthType::OAuth2ClientCredentials) {
    token = *s.tokens->get(cred.name, f.now);  // token_needed did not hold
    s.redact.add(token);
  }
  const bool lookup = s.next == NextStep::Lookup;
  auto built = build_call_request(*s.config, call_for(s, s.next).name, lookup ? s.lookup_params : s.create_params, token);
  if (!built) return fail(s, f.now, built.error().code, built.error().message);
  HttpRequest req = std::move(built).value();
  req.purpose = lookup ? RequestPurpose::Lookup : RequestPurpose::Create;
  return send(s, rule, f, std::move(req));
}

// --- Answers ---

Result<Action> store_token(State& s, const Rule&, Facts& f) {
  const Outcome& o = *f.outcome;
  s.redact.add(o.access_token);
  // Refresh a little early so a token never expires between send and arrival.
  const double lifetime = o.expires_in_s * 1000;
  s.tokens->put(credential_for(s, s.next).name, o.access_token, f.now + std::max(lifetime * 0.5, lifetime - 30000));
  return proceed(s, f);
}

Result<Action> report_ticket(State& s, const Rule& rule, Facts& f) {
  const bool lookup = f.purpose == RequestPurpose::Lookup;
  s.ticket_id = s.redact(f.outcome->ticket_id);
  s.ticket_number = s.redact(f.outcome->ticket_number);
  s.existing = lookup;
  if (Status st = move(s, rule, f.now, "ticket " + s.ticket_number + " (" + s.ticket_id + ")" + (lookup ? ", found by key" : ""));
      !st)
    return std::move(st).error();
  return escalated_action(s);
}

// The ITSM did create a ticket (2xx JSON) whose reference the outputs cannot read, and the
// lookup cannot find it either: creating again would only duplicate it.
Result<Action> fail_created_unreadable(State& s, const Rule& rule, Facts& f) {
  note(s, Event::Response, f.now, "no ticket found by key " + s.key);
  f.code = s.last_code;
  f.reason = s.last_reason + "; the ITSM created a ticket but neither the create's nor the lookup's outputs can read it: "
                             "check the Output tab";
  return end_in_failure(s, rule, f);
}

Result<Action> fail_nothing_found(State& s, const Rule& rule, Facts& f) {
  note(s, Event::Response, f.now, "no ticket carries key " + s.key);
  f.code = s.last_code;
  f.reason = s.last_reason;
  return end_in_failure(s, rule, f);
}

Result<Action> create_now(State& s, const Rule&, Facts& f) {
  note(s, Event::Response, f.now, "no ticket carries key " + s.key + ": creating");
  s.outcome_unknown = false;
  s.next = NextStep::Create;
  return proceed(s, f);
}

Result<Action> fail_after_last_lookup(State& s, const Rule& rule, Facts& f) {
  f.code = s.last_code;
  f.reason = s.last_reason + "; the final lookup failed too (" + f.outcome->code + ")";
  return end_in_failure(s, rule, f);
}

Result<Action> refresh_token(State& s, const Rule&, Facts& f) {
  remember(s, *f.outcome);
  s.token_refreshed = true;
  s.tokens->drop(credential_for(s, s.next).name);
  note(s, Event::Response, f.now, "401 with an OAuth2 token: fetching a new token once");
  return proceed(s, f);
}

Result<Action> fail_with_outcome(State& s, const Rule& rule, Facts& f) {
  remember(s, *f.outcome);
  f.code = f.outcome->code;
  f.reason = f.outcome->reason;
  return end_in_failure(s, rule, f);
}

namespace {
// Marks what an ambiguous create leaves behind: a ticket that may exist.
void mark_ticket_may_exist(State& s, const Outcome& o) {
  s.outcome_unknown = true;
  s.created_unreadable = s.created_unreadable || o.processed;
}
}  // namespace

Result<Action> fail_without_lookup(State& s, const Rule& rule, Facts& f) {
  remember(s, *f.outcome);
  mark_ticket_may_exist(s, *f.outcome);
  f.code = f.outcome->code;
  f.reason = f.outcome->reason + "; not retried: the ticket may exist and no lookup call is configured to rule out a duplicate";
  return end_in_failure(s, rule, f);
}

Result<Action> retry(State& s, const Rule&, Facts& f) {
  remember(s, *f.outcome);
  if (f.purpose == RequestPurpose::Create && f.outcome->kind == Kind::Ambiguous) {
    mark_ticket_may_exist(s, *f.outcome);
    s.next = NextStep::Lookup;
  }
  return raise(s, Trigger::RetryLater, f);
}

Result<Action> give_up_after_attempts(State& s, const Rule&, Facts& f) {
  return give_up_with(s, f, f.outcome->code, f.outcome->reason + "; gave up after " + std::to_string(s.attempts) + " attempts");
}

Result<Action> draw_backoff(State& s, const Rule&, Facts& f) {
  const RetryPolicy& retry = s.settings().retry;
  const double cap = std::min<double>(retry.max_delay_ms, std::ldexp(static_cast<double>(retry.base_delay_ms), s.attempts - 1));
  f.delay_ms = std::floor(next_uniform(s.rng) * cap);  // full jitter
  if (f.outcome->retry_after_ms >= 0) f.delay_ms = std::max(f.delay_ms, f.outcome->retry_after_ms);
  return raise(s, Trigger::BackoffPlanned, f);
}

Result<Action> give_up_at_deadline(State& s, const Rule&, Facts& f) {
  return give_up_with(s, f, f.outcome->code, f.outcome->reason + "; a retry would pass the escalation deadline");
}

Result<Action> back_off(State& s, const Rule& rule, Facts& f) {
  s.backoff_until_ms = f.now + f.delay_ms;
  const std::string then = s.next == NextStep::Lookup ? "look the ticket up" : "send again";
  if (Status st = move(s, rule, f.now,
                       f.outcome->code + ": " + f.outcome->reason + "; will " + then + " in " +
                           std::to_string(static_cast<long long>(f.delay_ms)) + " ms");
      !st)
    return std::move(st).error();
  return wait_until(s.backoff_until_ms);
}

// --- Time and restarts ---

Result<Action> repeat_outcome(State& s, const Rule&, Facts&) {
  switch (s.phase) {
    case Phase::Escalated: return escalated_action(s);
    case Phase::Declined: return declined_action(s);
    default: return failed_action(s);
  }
}

Result<Action> ask_again(State& s, const Rule&, Facts&) { return ask_action(s); }
Result<Action> proceed_after_backoff(State& s, const Rule&, Facts& f) { return proceed(s, f); }
Result<Action> wait_out_backoff(State& s, const Rule&, Facts&) { return wait_until(s.backoff_until_ms); }
Result<Action> wait_for_answer(State& s, const Rule&, Facts&) { return wait_until(s.in_flight->deadline_ms); }

Result<Action> time_out(State& s, const Rule& rule, Facts& f) {
  if (!s.in_flight) return treat_as_lost(s, rule, f);
  HttpResponse timeout;
  timeout.request_id = s.in_flight->id;
  timeout.transport_error = TransportError::Timeout;
  note(s, Event::Timeout, f.now, s.in_flight->id + ": no answer within " + std::to_string(s.settings().timeout_ms) + " ms");
  return handle_response(s, timeout, f.now);
}

Result<Action> send_again(State& s, const Rule&, Facts& f) {
  note(s, Event::Resume, f.now, "the host lost the answer to " + s.in_flight->id + ": sending it again");
  s.in_flight.reset();
  return raise(s, Trigger::Send, f);
}

// A create may or may not have been processed, which is exactly an ambiguous failure.
Result<Action> treat_as_lost(State& s, const Rule&, Facts& f) {
  HttpResponse lost;
  lost.request_id = s.in_flight ? s.in_flight->id : "";
  lost.transport_error = TransportError::Lost;
  note(s, Event::Resume, f.now, "the host lost the answer to " + lost.request_id);
  if (!s.in_flight) {
    const RequestPurpose p = s.phase == Phase::AwaitingToken    ? RequestPurpose::Token
                             : s.phase == Phase::AwaitingLookup ? RequestPurpose::Lookup
                                                                : RequestPurpose::Create;
    s.in_flight = InFlight{"", p, f.now, f.now};
  }
  return handle_response(s, lost, f.now);
}

}  // namespace tb::effects
