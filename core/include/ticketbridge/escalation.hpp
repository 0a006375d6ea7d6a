#pragma once
/// @file
/// @brief The escalation flow as a sans-I/O state machine.
///
/// The host feeds events in (start, confirm, receive, tick, resume) and gets back the one
/// action it must perform next (ask the employee, send an HTTP request, wait, or report the
/// outcome). The machine never touches the network and never reads a clock: every event
/// carries the host's time. See core/src/escalation/rules.cpp for the theory of operation
/// and the table of rules every transition is read from (drawn in docs/escalation.md).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/categories.hpp"
#include "ticketbridge/config.hpp"
#include "ticketbridge/conversation.hpp"
#include "ticketbridge/error.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/secret_masking.hpp"

namespace tb {

enum class Phase {
  Idle,
  AwaitingConfirmation,
  AwaitingToken,
  AwaitingCreate,
  AwaitingLookup,
  Backoff,
  Escalated,
  Declined,
  Failed,
};

const char* phase_name(Phase phase);
bool is_terminal(Phase phase);

/// @brief The actions the machine answers with: what the host must do next.
namespace action {
/// Call tick() at or after `until_ms` (or receive() first, when a request is out).
struct Wait {
  double until_ms = 0;
};
/// Ask the employee whether to hand over; answer with confirm().
struct AskConfirmation {
  std::string message;
};
/// Send `request` and hand its response (or transport failure) to receive().
struct SendRequest {
  HttpRequest request;
};
struct Escalated {
  std::string ticket_id;
  std::string ticket_number;
  bool existing = false;  ///< the ticket already existed (found by key / second start)
  std::string message;    ///< for the employee
};
struct Declined {
  std::string message;  ///< for the employee
};
struct Failed {
  std::string code;          ///< stable code of the cause
  std::string reason;        ///< what went wrong, for the cockpit (secrets masked)
  std::string fallback_url;
  std::string summary;       ///< a short summary the employee can paste into the portal
  std::string message;       ///< for the employee
};
}  // namespace action

/// @brief What the host must do next: exactly one of the action types.
using Action = std::variant<action::Wait, action::AskConfirmation, action::SendRequest, action::Escalated,
                            action::Declined, action::Failed>;

/// The action's type as the JSON forms name it: "Wait", "AskConfirmation", "HttpRequest",
/// "Escalated", "Declined", "Failed".
const char* action_type_name(const Action& action);

/// @brief One line of the audit trail: when (host time), what happened, and the move.
struct AuditEntry {
  double at_ms = 0;
  std::string event;
  Phase from = Phase::Idle;
  Phase to = Phase::Idle;
  std::string detail;  ///< secrets masked
};

/// @brief OAuth2 access tokens per credential, shared by all escalations of a host and
/// kept until they expire. Tokens are secrets: they never enter snapshots or audit trails.
class TokenCache {
 public:
  const std::string* get(const std::string& credential, double now_ms) const;
  void put(const std::string& credential, std::string token, double expires_at_ms);
  void drop(const std::string& credential);

 private:
  struct Entry {
    std::string token;
    double expires_at_ms = 0;
  };
  std::vector<std::pair<std::string, Entry>> entries_;
};

/// @brief Per-escalation inputs from the host that are not part of the conversation.
struct StartOptions {
  std::uint64_t seed = 0;  ///< randomness for backoff jitter (the core has none of its own)
  /// A category pair proposed by the host (an LLM, a human); overrides the conversation's.
  std::string category;
  std::string sub_category;
  /// The admin's category list. When given, a proposal is accepted only if it is on the list
  /// (in the list's spelling); without an acceptable proposal the classifier fills the pair
  /// in when it is confident, else the category parameters keep their defaults.
  const CategoryList* categories = nullptr;
  /// Why the host set this conversation's stored snapshot aside (it would not restore), for
  /// the audit trail. An earlier attempt may have created the ticket, so the escalation
  /// looks it up by key before creating one (when a lookup call is configured).
  std::string set_aside;
  /// The host's snapshot store failed (down, full): the machine cannot know whether another
  /// instance already created the ticket, so it looks it up first whatever lookupBeforeCreate
  /// says, and without a lookup call it fails (STORE_UNAVAILABLE) rather than create blind.
  bool store_unavailable = false;
};

/// @brief The cockpit's view of one conversation.
struct CockpitRecord {
  std::string conversation_id;
  std::string status;        ///< "in_progress", "escalated", "escalation_failed", "declined", "not_started"
  std::string status_label;  ///< "In progress", "Escalated", "Escalation failed", "Declined", "Not started"
  std::string reason;
  std::string ticket_id, ticket_number;
  std::string failure_code, failure_reason;
  int attempts = 0;
  std::vector<AuditEntry> audit;
};

class Escalation {
 public:
  explicit Escalation(std::shared_ptr<const Config> config, std::shared_ptr<TokenCache> tokens = nullptr);
  ~Escalation();
  Escalation(Escalation&&) noexcept;
  Escalation& operator=(Escalation&&) noexcept;

  /// The employee's conversation needs a human. Errors only for host mistakes
  /// (PROTOCOL_* codes, ESCALATION_NOT_CONFIGURED); problems with the conversation itself
  /// end in a Failed action so the employee always gets an answer.
  Result<Action> start(const Conversation& conversation, std::string_view reason, double now_ms,
                       const StartOptions& options = {});
  /// The host could not hand the conversation over (not JSON, too large, missing): ends in
  /// Failed with `problem`'s code, the fallback URL and a summary built from `reason`, so
  /// the employee still gets an answer. An escalated machine answers with its ticket.
  Result<Action> reject(const Error& problem, std::string_view reason, double now_ms);
  /// The employee's answer to AskConfirmation.
  Result<Action> confirm(bool yes, double now_ms);
  /// The response (or transport failure) for the last HttpRequest action.
  Result<Action> receive(const HttpResponse& response, double now_ms);
  /// Time passed: ends a backoff or times out a request the host did not answer.
  Result<Action> tick(double now_ms);
  /// The pending action again (after restore(): a request whose answer was lost is
  /// treated as an ambiguous failure, so the ticket is looked up before creating again).
  Result<Action> resume(double now_ms);

  Phase phase() const;
  const std::vector<AuditEntry>& audit() const;
  CockpitRecord record() const;

  /// Full state as JSON (no secrets, no tokens), to survive a host restart.
  nlohmann::json snapshot() const;
  static Result<Escalation> restore(std::shared_ptr<const Config> config, const nlohmann::json& snapshot,
                                    std::shared_ptr<TokenCache> tokens = nullptr);

  /// Masks the configuration's secrets and tokens learnt so far.
  const SecretMasker& redactor() const;

  struct State;

 private:
  explicit Escalation(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

/// @brief The idempotency key written into the ticket (ServiceNow: correlation_id):
/// "tb-" + 32 hex digits of SHA-256 over the conversation id. Stable across attempts,
/// hosts and restarts; free of characters that ITSM query syntaxes treat as operators.
std::string escalation_key(std::string_view conversation_id);

/// @brief JSON forms used at the WASM boundary and in the CLI (secrets masked where noted).
nlohmann::json action_to_json(const Action& action, const SecretMasker& redact, bool include_wire);
/// @brief action_to_json() as JSON text (a request is written without a DOM).
std::string action_json_text(const Action& action, const SecretMasker& redact, bool include_wire);
nlohmann::json audit_to_json(const std::vector<AuditEntry>& audit);
nlohmann::json record_to_json(const CockpitRecord& record);

}  // namespace tb
