// The escalation machine's event handlers: they check the host's call, prepare what a
// start needs, and raise the trigger; the rules (rules.cpp) decide everything else.
#include "escalation/rules.hpp"

namespace tb {

using json = nlohmann::json;

namespace {

Error protocol(std::string code, std::string message) { return make_error(std::move(code), std::move(message)); }

const ApiCall& call_of(const Escalation::State& s, const CallBinding& binding) {
  return *s.config->api_call(binding.api_call);  // existence checked at config load
}

// A snapshot vouches only for what this machine did. A machine with no history (a new
// instance, a wiped or expired store) or a host whose store failed cannot tell whether an
// earlier attempt or another instance already created the ticket: one lookup by key closes
// that gap. (When it cannot be closed because the store is down, the Start rule
// store_down_without_lookup fails the escalation.)
void plan_lookup_first(Escalation::State& s, bool fresh, const StartOptions& o, double now) {
  const EscalationSettings& cfg = s.settings();
  const bool wanted = o.store_unavailable || cfg.lookup_first == LookupFirst::Always ||
                      (cfg.lookup_first == LookupFirst::Auto && fresh);
  if (!wanted || s.outcome_unknown) return;
  if (!cfg.lookup) {
    if (!o.store_unavailable && cfg.lookup_first == LookupFirst::Always)
      note(s, Event::Start, now, "lookupBeforeCreate always, but no lookup call is configured: creating without looking");
    return;
  }
  const char* why = o.store_unavailable ? "the host's store is unavailable"
                    : cfg.lookup_first == LookupFirst::Always ? "lookupBeforeCreate always"
                                                              : "lookupBeforeCreate auto: no history of this conversation here";
  note(s, Event::Start, now, std::string(why) + ": looking up key " + s.key + " before the first create");
  s.outcome_unknown = true;
  s.looking_first = true;
  s.next = NextStep::Lookup;
}

bool awaiting_response(Phase p) {
  return p == Phase::AwaitingToken || p == Phase::AwaitingCreate || p == Phase::AwaitingLookup;
}

}  // namespace

Result<Action> Escalation::start(const Conversation& c, std::string_view reason, double now, const StartOptions& o) {
  State& s = *s_;
  if (!s.config->escalation) return protocol("ESCALATION_NOT_CONFIGURED", "the configuration has no 'escalation' section");
  if (s.phase != Phase::Idle && s.conversation_id != c.id) {
    return protocol("PROTOCOL_OTHER_CONVERSATION", "this escalation belongs to another conversation");
  }
  Facts f;
  f.now = now;
  f.options = &o;
  if (s.phase == Phase::Escalated) return apply(s, Trigger::Start, f);
  if (!is_terminal(s.phase) && s.phase != Phase::Idle) {
    return protocol("PROTOCOL_ALREADY_STARTED", std::string("the escalation is already in progress (") + phase_name(s.phase) + ")");
  }
  const bool fresh = s.phase == Phase::Idle;  // no history of this conversation on this host
  if (fresh) {
    s.conversation_id = c.id;
    s.key = escalation_key(c.id);
    s.rng = o.seed ^ 0x5DEECE66DULL;
  }
  if (!o.set_aside.empty()) {
    s.outcome_unknown = true;
    note(s, Event::Restore, now, "the stored snapshot was set aside (" + o.set_aside + "): " +
                                     (s.settings().lookup ? "looking the ticket up before creating one"
                                                          : "no lookup call is configured to find an earlier ticket"));
  }
  s.reason = std::string(reason);
  s.started_ms = now;
  s.attempts = 0;
  s.token_refreshed = false;
  s.final_lookup = false;
  s.created_unreadable = false;
  s.looking_first = false;
  s.failure_code.clear();
  s.failure_reason.clear();
  s.last_code.clear();
  s.last_reason.clear();
  s.next = s.outcome_unknown ? NextStep::Lookup : NextStep::Create;
  const EscalationSettings& cfg = s.settings();
  const CategoryChoice category = choose_category(c, o, cfg.category_threshold);
  s.category = category.pair ? category.pair->category : "";
  s.sub_category = category.pair ? category.pair->sub_category : "";
  note(s, Event::Start, now, "reason: " + s.reason + "; key " + s.key);
  if (!category.note.empty()) note(s, Event::Start, now, category.note);
  Conversation sent = c;
  if (cfg.redaction) {
    const std::string masked = describe_redaction(redact_conversation(sent, *cfg.redaction));
    note(s, Event::Start, now, masked.empty() ? "redaction on: nothing to mask" : "redaction masked " + masked);
  }
  s.context = build_context(sent, reason, s.key, category);
  s.summary = portal_summary(sent);
  auto params = map_parameters(cfg.create, call_of(s, cfg.create), s.context);
  if (!params) return effects::fail(s, now, params.error().code, params.error().message);
  s.create_params = std::move(params).value();
  if (cfg.lookup) {
    auto lp = map_parameters(*cfg.lookup, call_of(s, *cfg.lookup), s.context);
    if (!lp) return effects::fail(s, now, lp.error().code, lp.error().message);
    s.lookup_params = std::move(lp).value();
  }
  // Render now, so a request that cannot be built fails before the employee is asked.
  if (auto probe = build_call_request(*s.config, cfg.create.api_call, s.create_params, "probe"); !probe) {
    return effects::fail(s, now, probe.error().code, probe.error().message);
  }
  s.context = message_context(s.context, cfg.messages);
  plan_lookup_first(s, fresh, o, now);
  return apply(s, Trigger::Start, f);
}

Result<Action> Escalation::reject(const Error& problem, std::string_view reason, double now) {
  State& s = *s_;
  if (!s.config->escalation) return protocol("ESCALATION_NOT_CONFIGURED", "the configuration has no 'escalation' section");
  if (!is_terminal(s.phase) && s.phase != Phase::Idle) {
    return protocol("PROTOCOL_ALREADY_STARTED", std::string("the escalation is already in progress (") + phase_name(s.phase) + ")");
  }
  if (s.phase != Phase::Escalated) s.reason = std::string(reason);
  Facts f;
  f.now = now;
  f.code = problem.code;
  f.reason = problem.message;
  return apply(s, Trigger::Reject, f);
}

Result<Action> Escalation::confirm(bool yes, double now) {
  State& s = *s_;
  if (s.phase != Phase::AwaitingConfirmation) {
    return protocol("PROTOCOL_UNEXPECTED_EVENT", std::string("confirm() in phase ") + phase_name(s.phase));
  }
  Facts f;
  f.now = now;
  return apply(s, yes ? Trigger::Confirm : Trigger::Decline, f);
}

Result<Action> Escalation::receive(const HttpResponse& r, double now) {
  State& s = *s_;
  if (!awaiting_response(s.phase) || !s.in_flight) {
    return protocol("PROTOCOL_UNEXPECTED_EVENT", std::string("receive() in phase ") + phase_name(s.phase));
  }
  if (!r.request_id.empty() && r.request_id != s.in_flight->id) {
    return protocol("PROTOCOL_UNKNOWN_REQUEST",
                    "response for request '" + r.request_id + "', but the pending request is '" + s.in_flight->id + "'");
  }
  return effects::handle_response(s, r, now);
}

Result<Action> Escalation::tick(double now) {
  State& s = *s_;
  if (s.phase == Phase::Idle) return protocol("PROTOCOL_NOT_STARTED", "tick() before start()");
  Facts f;
  f.now = now;
  return apply(s, Trigger::Tick, f);
}

Result<Action> Escalation::resume(double now) {
  State& s = *s_;
  if (!awaiting_response(s.phase)) return tick(now);
  Facts f;
  f.now = now;
  return apply(s, Trigger::Resume, f);
}

}  // namespace tb
