#pragma once
// The escalation machine's private state and the helpers its event handlers share.
#include <optional>
#include <string>

#include "ticketbridge/escalation.hpp"
#include "ticketbridge/outputs.hpp"

namespace tb {

/// What an audit line records as having happened ("start", "request", "failed"...).
enum class Event { Start, Confirm, Decline, Request, Response, Backoff, Timeout, Resume, Escalate, Fail, Restore };
const char* event_name(Event e);

/// What the machine does when a token arrives or a backoff ends.
enum class NextStep { Create, Lookup };

struct InFlight {
  std::string id;
  RequestPurpose purpose = RequestPurpose::Create;  // token, create or lookup
  double sent_at_ms = 0;
  double deadline_ms = 0;
};

struct Escalation::State {
  std::shared_ptr<const Config> config;
  std::shared_ptr<TokenCache> tokens;
  SecretMasker redact;

  Phase phase = Phase::Idle;
  std::string conversation_id;
  std::string reason;
  std::string key;
  nlohmann::json context;        // what parameter mappings and messages read
  std::string summary;           // what the employee can paste into the portal
  nlohmann::json create_params;  // resolved once at start; identical on every attempt
  nlohmann::json lookup_params;

  int attempts = 0;              // HTTP requests sent since confirmation
  int request_seq = 0;
  // The sub-state the guards read (rules.cpp, docs/escalation.md "Sub-states"): each is
  // named there by the guard that reads it.
  bool token_refreshed = false;     // !token_refresh_left: a 401 already cost one token refresh
  bool outcome_unknown = false;     // ticket_may_exist: a create request may have reached the ITSM
  bool final_lookup = false;        // last_lookup_sent: giving up, one last lookup so a created ticket is not reported lost
  bool created_unreadable = false;  // created_unreadable: a create answered 2xx JSON without usable outputs: never create again
  bool looking_first = false;       // the lookup before the first create is still to be sent: it does not use up max_attempts
  NextStep next = NextStep::Create; // looking_up / creating: what the next request is for
  double started_ms = 0;
  double deadline_ms = 0;
  double backoff_until_ms = 0;
  std::optional<InFlight> in_flight;
  std::uint64_t rng = 0;

  std::string last_code, last_reason;  // the most recent failure, reported if we give up
  std::string ticket_id, ticket_number;
  bool existing = false;
  std::string failure_code, failure_reason;
  std::string category, sub_category;
  std::vector<AuditEntry> audit;

  const EscalationSettings& settings() const { return *config->escalation; }
};

// rules.cpp: every phase change goes through here, is checked against the table of rules
// and recorded in the audit trail.
Status move_to(Escalation::State& s, Phase to, Event event, double now_ms, const std::string& detail);
void note(Escalation::State& s, Event event, double now_ms, const std::string& detail);

// categorize.cpp
struct CategoryChoice {
  std::optional<CategoryPair> pair;
  std::string source;       // "host" or "classifier"
  double confidence = -1;   // classifier confidence (1 for a listed host proposal)
  std::string note;         // what was decided and why, for the audit trail and work notes
};
CategoryChoice choose_category(const Conversation& c, const StartOptions& options, double threshold);

// context.cpp
nlohmann::json build_context(const Conversation& c, std::string_view reason, const std::string& key,
                             const CategoryChoice& category);
Result<nlohmann::json> map_parameters(const CallBinding& binding, const ApiCall& call, const nlohmann::json& context);
std::string portal_summary(const Conversation& c);
/// Masks the transcript (messages, summary, diagnostics) in place, in the struct and in the
/// document templates read; returns what was masked.
RedactionCounts redact_conversation(Conversation& c, const TranscriptRedactor& redactor);
std::string render_message(const std::string& tpl, const nlohmann::json& values);
/// The part of `context` the employee messages read (their placeholders' top-level members):
/// once the parameters are mapped this is all a resumed machine needs, and it keeps the
/// transcript (personal data, often the bulk) out of snapshots unless a message quotes it.
nlohmann::json message_context(const nlohmann::json& context, const EscalationMessages& messages);

// response_outcome.cpp
struct Outcome {
  enum class Kind {
    Success,       // ticket (or token) read from a 2xx
    NotFound,      // lookup answered: no ticket with our key
    Transient,     // not processed (429, 503, could not connect): safe to send again
    Ambiguous,     // may have been processed (timeout, reset, 5xx, unreadable 2xx)
    Unauthorized,  // 401: an OAuth2 token may be refreshed once
    Permanent,     // will not get better by retrying
  };
  Kind kind = Kind::Permanent;
  std::string code;
  std::string reason;
  double retry_after_ms = -1;
  bool processed = false;  // the ITSM certainly handled the request (a 2xx JSON answer)
  std::string ticket_id, ticket_number;
  std::string access_token;
  double expires_in_s = 0;
};
Outcome read_token_response(const HttpResponse& r, const SecretMasker& redact);
/// `limits` bound the Output tab's expressions (the configuration's output time limit).
Outcome read_ticket_response(const HttpResponse& r, const ApiCall& call, bool is_lookup, const SecretMasker& redact,
                             const jsonata::Limits& limits);

}  // namespace tb
