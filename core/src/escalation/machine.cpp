// The escalation machine's event handlers. The transition table and the theory of
// operation are in transitions.cpp; response classification is in response_outcome.cpp.
#include <algorithm>
#include <cmath>

#include "escalation/state.hpp"

namespace tb {

using json = nlohmann::json;
using Kind = Outcome::Kind;

namespace {

// splitmix64: small, good enough for jitter, and reproducible from the host's seed.
double next_uniform(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * (1.0 / 9007199254740992.0);
}

Error protocol(std::string code, std::string message) { return make_error(std::move(code), std::move(message)); }

const CallBinding& binding_for(const Escalation::State& s, NextStep step) {
  return step == NextStep::Lookup && s.settings().lookup ? *s.settings().lookup : s.settings().create;
}

const ApiCall& call_for(const Escalation::State& s, NextStep step) {
  return *s.config->api_call(binding_for(s, step).api_call);  // existence checked at config load
}

const Credential& credential_for(const Escalation::State& s, NextStep step) {
  return *s.config->credential(call_for(s, step).credential);
}

std::string markup_as_text(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Action wait_until(double until) {
  Action a;
  a.type = Action::Type::Wait;
  a.until_ms = until;
  return a;
}

Action ask_action(const Escalation::State& s) {
  Action a;
  a.type = Action::Type::AskConfirmation;
  a.message = render_message(s.settings().messages.confirm, s.context);
  return a;
}

Action escalated_action(const Escalation::State& s) {
  Action a;
  a.type = Action::Type::Escalated;
  a.ticket_id = s.ticket_id;
  a.ticket_number = s.ticket_number;
  a.existing = s.existing;
  json values = s.context;
  // The ITSM chose these: markup in them reaches the employee's chat as text.
  values["ticketNumber"] = markup_as_text(s.ticket_number);
  values["ticketId"] = markup_as_text(s.ticket_id);
  a.message = render_message(s.settings().messages.escalated, values);
  return a;
}

Action declined_action(const Escalation::State& s) {
  Action a;
  a.type = Action::Type::Declined;
  a.message = render_message(s.settings().messages.declined, s.context);
  return a;
}

Action failed_action(const Escalation::State& s) {
  Action a;
  a.type = Action::Type::Failed;
  a.code = s.failure_code;
  a.reason = s.failure_reason;
  a.fallback_url = s.settings().fallback_url;
  a.summary = s.summary;
  json values = s.context;
  values["fallbackUrl"] = a.fallback_url;
  values["summary"] = s.summary;
  values["code"] = a.code;
  a.message = render_message(s.settings().messages.failed, values);
  return a;
}

Action terminal_action(const Escalation::State& s) {
  switch (s.phase) {
    case Phase::Escalated: return escalated_action(s);
    case Phase::Declined: return declined_action(s);
    default: return failed_action(s);
  }
}

Result<Action> fail(Escalation::State& s, double now, std::string code, const std::string& reason) {
  s.failure_code = std::move(code);
  s.failure_reason = s.redact(reason);
  s.in_flight.reset();
  if (Status st = move_to(s, Phase::Failed, Event::Fail, now, s.failure_code + ": " + reason); !st) return std::move(st).error();
  return failed_action(s);
}

Result<Action> send_request(Escalation::State& s, double now);

// Before reporting failure while a create may have reached the ITSM, look once more: an
// employee told "failed" while their ticket exists files a duplicate by hand.
Result<Action> give_up(Escalation::State& s, double now, std::string code, const std::string& reason) {
  if (s.outcome_unknown && s.settings().lookup && !s.final_lookup) {
    s.final_lookup = true;
    s.last_code = code;
    s.last_reason = s.redact(reason);
    s.next = NextStep::Lookup;
    note(s, Event::Backoff, now, code + ": " + reason + "; one last lookup before giving up");
    return send_request(s, now);
  }
  return fail(s, now, std::move(code), reason);
}

// While a create's outcome is unknown, lookups are the only requests we send, and they are
// safe to repeat: keep looking until the deadline rather than stopping at max_attempts and
// telling the employee "failed" about a ticket that may exist.
bool hunting(const Escalation::State& s) { return s.outcome_unknown && s.settings().lookup.has_value(); }

Result<Action> send_next(Escalation::State& s, double now) {
  const EscalationSettings& cfg = s.settings();
  if (s.next == NextStep::Lookup && !cfg.lookup) s.next = NextStep::Create;
  const std::string last = s.last_code.empty() ? "" : " (last: " + s.last_code + ": " + s.last_reason + ")";
  if (!hunting(s) && s.attempts >= cfg.retry.max_attempts) {
    return give_up(s, now, s.last_code.empty() ? "RETRIES_EXHAUSTED" : s.last_code,
                   "gave up after " + std::to_string(s.attempts) + " attempts" + last);
  }
  if (now >= s.deadline_ms) {
    return give_up(s, now, s.last_code.empty() ? "ITSM_TIMEOUT" : s.last_code, "the escalation deadline passed" + last);
  }
  return send_request(s, now);
}

Result<Action> send_request(Escalation::State& s, double now) {
  const EscalationSettings& cfg = s.settings();
  const ApiCall& call = call_for(s, s.next);
  const Credential& cred = credential_for(s, s.next);
  std::string token;
  Phase to = s.next == NextStep::Lookup ? Phase::AwaitingLookup : Phase::AwaitingCreate;
  HttpRequest req;
  if (cred.auth.type == AuthType::OAuth2ClientCredentials) {
    if (const std::string* cached = s.tokens->get(cred.name, now)) {
      token = *cached;
      s.redact.add(token);
    } else {
      req = build_token_request(cred);
      to = Phase::AwaitingToken;
    }
  }
  if (to != Phase::AwaitingToken) {
    const json& params = s.next == NextStep::Lookup ? s.lookup_params : s.create_params;
    auto built = build_call_request(*s.config, call.name, params, token);
    if (!built) return fail(s, now, built.error().code, built.error().message);
    req = std::move(built).value();
    req.purpose = s.next == NextStep::Lookup ? "lookup" : "create";
  }
  req.id = req.purpose + "-" + std::to_string(++s.request_seq);
  req.timeout_ms = cfg.timeout_ms;
  if (Status st = move_to(s, to, Event::Request, now, req.id + ": " + req.method + " " + req.url); !st)
    return std::move(st).error();
  s.in_flight = InFlight{req.id, req.purpose, now, now + req.timeout_ms};
  // maxAttempts budgets the attempts to create; the lookup before the first one is extra.
  if (req.purpose == "create") s.looking_first = false;
  if (!(s.looking_first && req.purpose == "lookup")) ++s.attempts;
  Action a;
  a.type = Action::Type::HttpRequest;
  a.request = std::move(req);
  return a;
}

// Decides what a failed request leads to: retry (maybe after a lookup), or give up.
Result<Action> after_failure(Escalation::State& s, double now, const Outcome& o, const std::string& purpose) {
  if (s.final_lookup) return fail(s, now, s.last_code, s.last_reason + "; the final lookup failed too (" + o.code + ")");
  s.last_code = o.code;
  s.last_reason = s.redact(o.reason);
  const EscalationSettings& cfg = s.settings();
  if (o.kind == Kind::Unauthorized) {
    const Credential& cred = credential_for(s, s.next);
    if (cred.auth.type == AuthType::OAuth2ClientCredentials && !s.token_refreshed) {
      s.token_refreshed = true;
      s.tokens->drop(cred.name);
      note(s, Event::Response, now, "401 with an OAuth2 token: fetching a new token once");
      return send_next(s, now);
    }
    return fail(s, now, o.code, o.reason);
  }
  if (o.kind == Kind::Permanent) return fail(s, now, o.code, o.reason);
  if (purpose == "create" && o.kind == Kind::Ambiguous) {
    s.outcome_unknown = true;
    s.created_unreadable = s.created_unreadable || o.processed;
    if (!cfg.lookup) {
      return fail(s, now, o.code, o.reason + "; not retried: the ticket may exist and no lookup call is configured "
                                             "to rule out a duplicate");
    }
    s.next = NextStep::Lookup;
  }
  if (!hunting(s) && s.attempts >= cfg.retry.max_attempts) {
    return give_up(s, now, o.code, o.reason + "; gave up after " + std::to_string(s.attempts) + " attempts");
  }
  const double cap = std::min<double>(cfg.retry.max_delay_ms, cfg.retry.base_delay_ms * std::pow(2.0, s.attempts - 1));
  double delay = std::floor(next_uniform(s.rng) * cap);  // full jitter
  if (o.retry_after_ms >= 0) delay = std::max(delay, o.retry_after_ms);
  if (now + delay >= s.deadline_ms) {
    return give_up(s, now, o.code, o.reason + "; a retry would pass the escalation deadline");
  }
  s.backoff_until_ms = now + delay;
  const std::string then = s.next == NextStep::Lookup ? "look the ticket up" : "send again";
  if (Status st = move_to(s, Phase::Backoff, Event::Backoff, now,
                          o.code + ": " + o.reason + "; will " + then + " in " + std::to_string(static_cast<long long>(delay)) + " ms");
      !st)
    return std::move(st).error();
  return wait_until(s.backoff_until_ms);
}

Result<Action> handle_response(Escalation::State& s, const HttpResponse& r, double now) {
  const InFlight flight = *s.in_flight;
  s.in_flight.reset();
  const std::string what = r.transport_error.empty() ? "HTTP " + std::to_string(r.status) : r.transport_error;
  note(s, Event::Response, now,
       flight.id + ": " + what + " after " + std::to_string(static_cast<long long>(now - flight.sent_at_ms)) + " ms");
  if (flight.purpose == "token") {
    Outcome o = read_token_response(r, s.redact);
    if (o.kind != Kind::Success) return after_failure(s, now, o, flight.purpose);
    s.redact.add(o.access_token);
    // Refresh a little early so a token never expires between send and arrival.
    const double lifetime = o.expires_in_s * 1000;
    s.tokens->put(credential_for(s, s.next).name, o.access_token, now + std::max(lifetime * 0.5, lifetime - 30000));
    return send_next(s, now);
  }
  const bool lookup = flight.purpose == "lookup";
  Outcome o = read_ticket_response(r, call_for(s, lookup ? NextStep::Lookup : NextStep::Create), lookup, s.redact,
                                   output_limits(*s.config));
  if (o.kind == Kind::Success) {
    s.ticket_id = s.redact(o.ticket_id);
    s.ticket_number = s.redact(o.ticket_number);
    s.existing = lookup;
    if (Status st = move_to(s, Phase::Escalated, Event::Escalate, now,
                            "ticket " + s.ticket_number + " (" + s.ticket_id + ")" + (lookup ? ", found by key" : ""));
        !st)
      return std::move(st).error();
    return escalated_action(s);
  }
  if (o.kind == Kind::NotFound) {
    if (s.created_unreadable) {
      // The ITSM did create a ticket (2xx JSON) whose reference the outputs cannot read, and
      // the lookup cannot find it either: creating again would only duplicate it.
      note(s, Event::Response, now, "no ticket found by key " + s.key);
      return fail(s, now, s.last_code, s.last_reason + "; the ITSM created a ticket but neither the create's nor the "
                                                      "lookup's outputs can read it: check the Output tab");
    }
    if (s.final_lookup) {
      note(s, Event::Response, now, "no ticket carries key " + s.key);
      return fail(s, now, s.last_code, s.last_reason);
    }
    note(s, Event::Response, now, "no ticket carries key " + s.key + ": creating");
    s.outcome_unknown = false;
    s.next = NextStep::Create;
    return send_next(s, now);
  }
  return after_failure(s, now, o, flight.purpose);
}

// A snapshot vouches only for what this machine did. A machine with no history (a new
// instance, a wiped or expired store) or a host whose store failed cannot tell whether an
// earlier attempt or another instance already created the ticket: one lookup by key closes
// that gap. Returns a Failed action when it cannot be closed, nothing to go on.
Result<std::optional<Action>> plan_lookup_first(Escalation::State& s, bool fresh, const StartOptions& o, double now) {
  const EscalationSettings& cfg = s.settings();
  const bool wanted = o.store_unavailable || cfg.lookup_first == LookupFirst::Always ||
                      (cfg.lookup_first == LookupFirst::Auto && fresh);
  if (!wanted || s.outcome_unknown) return std::optional<Action>();
  if (!cfg.lookup) {
    if (o.store_unavailable) {
      auto failed = fail(s, now, "STORE_UNAVAILABLE",
                         "the host's store is unavailable and no lookup call is configured, so a ticket another "
                         "instance may have created cannot be ruled out: not creating blind");
      if (!failed) return std::move(failed).error();
      return std::optional<Action>(std::move(failed).value());
    }
    if (cfg.lookup_first == LookupFirst::Always)
      note(s, Event::Start, now, "lookupBeforeCreate always, but no lookup call is configured: creating without looking");
    return std::optional<Action>();
  }
  const char* why = o.store_unavailable ? "the host's store is unavailable"
                    : cfg.lookup_first == LookupFirst::Always ? "lookupBeforeCreate always"
                                                              : "lookupBeforeCreate auto: no history of this conversation here";
  note(s, Event::Start, now, std::string(why) + ": looking up key " + s.key + " before the first create");
  s.outcome_unknown = true;
  s.looking_first = true;
  s.next = NextStep::Lookup;
  return std::optional<Action>();
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
  if (s.phase == Phase::Escalated) {
    note(s, Event::Start, now, "already escalated: returning ticket " + s.ticket_number + " instead of creating another");
    s.existing = true;
    return escalated_action(s);
  }
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
  auto params = map_parameters(cfg.create, call_for(s, NextStep::Create), s.context);
  if (!params) return fail(s, now, params.error().code, params.error().message);
  s.create_params = std::move(params).value();
  if (cfg.lookup) {
    auto lp = map_parameters(*cfg.lookup, call_for(s, NextStep::Lookup), s.context);
    if (!lp) return fail(s, now, lp.error().code, lp.error().message);
    s.lookup_params = std::move(lp).value();
  }
  // Render now, so a request that cannot be built fails before the employee is asked.
  if (auto probe = build_call_request(*s.config, cfg.create.api_call, s.create_params, "probe"); !probe) {
    return fail(s, now, probe.error().code, probe.error().message);
  }
  s.context = message_context(s.context, cfg.messages);
  if (auto looked = plan_lookup_first(s, fresh, o, now); !looked) return std::move(looked).error();
  else if (looked.value()) return std::move(*looked.value());
  if (cfg.require_confirmation) {
    if (Status st = move_to(s, Phase::AwaitingConfirmation, Event::Start, now, "asking the employee"); !st)
      return std::move(st).error();
    return ask_action(s);
  }
  s.deadline_ms = now + cfg.retry.deadline_ms;
  return send_next(s, now);
}

Result<Action> Escalation::reject(const Error& problem, std::string_view reason, double now) {
  State& s = *s_;
  if (!s.config->escalation) return protocol("ESCALATION_NOT_CONFIGURED", "the configuration has no 'escalation' section");
  if (s.phase == Phase::Escalated) return escalated_action(s);
  if (!is_terminal(s.phase) && s.phase != Phase::Idle) {
    return protocol("PROTOCOL_ALREADY_STARTED", std::string("the escalation is already in progress (") + phase_name(s.phase) + ")");
  }
  s.reason = std::string(reason);
  s.summary = s.redact.cut("The assistant could not pass the conversation on (" + problem.code +
                               "). Why it escalated: " + s.reason,
                           500);
  if (!s.context.is_object()) s.context = json::object();
  return fail(s, now, problem.code, "the conversation could not be read: " + problem.message);
}

Result<Action> Escalation::confirm(bool yes, double now) {
  State& s = *s_;
  if (s.phase != Phase::AwaitingConfirmation) {
    return protocol("PROTOCOL_UNEXPECTED_EVENT", std::string("confirm() in phase ") + phase_name(s.phase));
  }
  if (!yes) {
    if (Status st = move_to(s, Phase::Declined, Event::Decline, now, "the employee declined"); !st) return std::move(st).error();
    return declined_action(s);
  }
  note(s, Event::Confirm, now, "the employee confirmed");
  s.deadline_ms = now + s.settings().retry.deadline_ms;
  return send_next(s, now);
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
  return handle_response(s, r, now);
}

Result<Action> Escalation::tick(double now) {
  State& s = *s_;
  if (s.phase == Phase::Idle) return protocol("PROTOCOL_NOT_STARTED", "tick() before start()");
  if (is_terminal(s.phase)) return terminal_action(s);
  if (s.phase == Phase::AwaitingConfirmation) return ask_action(s);
  if (s.phase == Phase::Backoff) return now >= s.backoff_until_ms ? send_next(s, now) : Result<Action>(wait_until(s.backoff_until_ms));
  if (now < s.in_flight->deadline_ms) return wait_until(s.in_flight->deadline_ms);
  HttpResponse timeout;
  timeout.request_id = s.in_flight->id;
  timeout.transport_error = "timeout";
  note(s, Event::Timeout, now, s.in_flight->id + ": no answer within " + std::to_string(s.settings().timeout_ms) + " ms");
  return handle_response(s, timeout, now);
}

Result<Action> Escalation::resume(double now) {
  State& s = *s_;
  if (!awaiting_response(s.phase)) return tick(now);
  // The host lost the answer to the pending request (it restarted). Token requests and
  // lookups change nothing in the ITSM: send them again. A create may or may not have been
  // processed, which is exactly an ambiguous failure.
  if (s.in_flight && s.in_flight->purpose != "create") {
    note(s, Event::Resume, now, "the host lost the answer to " + s.in_flight->id + ": sending it again");
    s.in_flight.reset();
    return send_request(s, now);
  }
  HttpResponse lost;
  lost.request_id = s.in_flight ? s.in_flight->id : "";
  lost.transport_error = "lost";
  note(s, Event::Resume, now, "the host lost the answer to " + lost.request_id);
  if (!s.in_flight) s.in_flight = InFlight{"", s.phase == Phase::AwaitingToken ? "token" : s.phase == Phase::AwaitingLookup ? "lookup" : "create", now, now};
  return handle_response(s, lost, now);
}

}  // namespace tb
