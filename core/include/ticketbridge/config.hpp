#pragma once
/// @file
/// @brief The admin's configuration, mirroring the product's tabs: connector credentials,
/// API calls (General / Request / Output tabs) and the Support-escalation settings.
///
/// Loaded from one JSON document and validated once; everything downstream (rendering,
/// the escalation state machine) relies on a loaded Config being consistent.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ticketbridge/error.hpp"
#include "ticketbridge/jsonata.hpp"
#include "ticketbridge/template.hpp"
#include "ticketbridge/transcript_redaction.hpp"

namespace tb {

inline constexpr std::size_t kMaxConfigBytes = 1024 * 1024;
inline constexpr std::size_t kMaxCustomHeaders = 5;
inline constexpr std::size_t kMaxOutputs = 5;
inline constexpr int kDefaultTimeoutMs = 10000;
/// Time an Output tab expression may run over one response (an expression that never ends
/// must not block the escalation, the Test panel or the CLI).
inline constexpr int kDefaultOutputTimeLimitMs = 1000;

enum class AuthType { None, Basic, Bearer, ApiKey, OAuth2ClientCredentials };

struct Auth {
  AuthType type = AuthType::None;
  std::string username, password;          // basic
  std::string token;                       // bearer
  std::string token_scheme = "Bearer";     // bearer: the word before the token (RT 5 wants "token")
  std::string header_name, header_value;   // apiKey
  std::string token_url, client_id, client_secret, scope;  // oauth2ClientCredentials
};

/// @brief How one ITSM explains itself, as data (the credential's "errorMessage" and
/// "unreadableAnswers", filled in by the presets) so the engine names no ITSM in code.
struct ItsmAnswers {
  /// JSONata over an error response's body that yields the ITSM's own words for the reason
  /// the employee and the cockpit see (ServiceNow: error.message & ': ' & error.detail).
  /// Absent: a top-level "message" or "error" string is quoted.
  std::optional<jsonata::Expression> error_message;
  std::string error_message_source;
  /// A 2xx body that is not JSON and contains `marker` is explained by `reason` (a ServiceNow
  /// developer instance's hibernation page).
  struct Unreadable {
    std::string marker, reason;
  };
  std::vector<Unreadable> unreadable;
};

/// @brief A named connector credential: where the ITSM is and how to authenticate.
struct Credential {
  std::string name;
  std::string base_url;  ///< normalised to end with '/'
  Auth auth;
  std::shared_ptr<const ItsmAnswers> answers;  ///< never null once loaded
};

struct Parameter {
  std::string name;
  std::string description;
  bool required = false;
  std::optional<nlohmann::json> default_value;
};

struct Output {
  std::string name;
  std::string source;  ///< the JSONata text as the admin wrote it
  jsonata::Expression expression;
};

/// @brief One API Call: General tab (name, description, credential), Request tab
/// (method, resource, headers, parameters, payload) and Output tab (JSONata outputs).
struct ApiCall {
  std::string name;
  std::string description;
  std::string credential;
  std::string method;  ///< GET, POST, PUT, PATCH or DELETE
  Template resource;
  std::vector<std::pair<std::string, Template>> headers;
  std::vector<Parameter> parameters;
  std::optional<Template> payload;
  std::vector<Output> outputs;
  /// The credential's ItsmAnswers, resolved at load (never null once loaded).
  std::shared_ptr<const ItsmAnswers> answers;

  const Parameter* parameter(std::string_view name) const;
  const Output* output(std::string_view name) const;
};

/// @brief How a conversation becomes the parameters of an API call: one template per
/// parameter over the conversation context (e.g. caller_id <- "{{employee.id}}").
struct CallBinding {
  std::string api_call;
  std::vector<std::pair<std::string, Template>> parameters;
  /// Literal (non-string) values given in the mapping, e.g. "impact": 2.
  std::vector<std::pair<std::string, nlohmann::json>> literals;
};

struct RetryPolicy {
  int max_attempts = 4;         ///< create/lookup attempts in all
  int base_delay_ms = 500;      ///< first backoff ceiling; doubles each attempt (full jitter)
  int max_delay_ms = 8000;      ///< ceiling of one backoff
  int deadline_ms = 45000;      ///< total budget from confirmation to outcome
};

struct EscalationMessages {
  std::string confirm = "I couldn't resolve this myself. Shall I create a ticket for the service desk "
                        "with our conversation so far?";
  std::string escalated = "I've created ticket {{ticketNumber}} for the service desk. They have our "
                          "conversation and will follow up with you.";
  std::string failed = "I couldn't create a ticket right now. Please report the issue at "
                       "{{fallbackUrl}} and include this summary: {{summary}}";
  std::string declined = "All right, I won't create a ticket. Let me know if you change your mind.";
};

/// @brief The Support escalation tab.
/// When the machine sends the lookup before its first create (only with a lookup call).
enum class LookupFirst {
  Auto,    ///< when it starts with no history of this conversation (no snapshot) or the host's store failed
  Always,  ///< before the first create of every start, including a new start after a failure
  Never,   ///< create first; look up only after an ambiguous failure
};

struct EscalationSettings {
  CallBinding create;
  std::optional<CallBinding> lookup;  ///< finds a ticket by idempotency key after ambiguous failures
  LookupFirst lookup_first = LookupFirst::Auto;  ///< "lookupBeforeCreate"
  std::string fallback_url;
  bool require_confirmation = true;
  int timeout_ms = kDefaultTimeoutMs;
  RetryPolicy retry;
  EscalationMessages messages;
  double category_threshold = -1;  ///< classification confidence threshold (<0 = module default)
  /// Masks personal data and secrets in the transcript before it leaves for the ITSM
  /// ("redaction": true or an options object); null = sent as the employee wrote it.
  std::shared_ptr<const TranscriptRedactor> redaction;
};

/// @brief A loaded, validated configuration. Immutable once loaded; share it by pointer.
struct Config {
  std::map<std::string, Credential> credentials;
  std::map<std::string, ApiCall> api_calls;
  std::optional<EscalationSettings> escalation;
  /// "outputTimeLimitMs": the time limit of every Output tab expression (see output_limits()).
  int output_time_limit_ms = kDefaultOutputTimeLimitMs;
  /// Every secret the configuration holds (and the forms in which it travels), for redaction.
  std::vector<std::string> secrets;

  const Credential* credential(std::string_view name) const;
  const ApiCall* api_call(std::string_view name) const;
};

/// @brief Every problem found in a configuration document (empty = valid).
struct ConfigProblems {
  std::vector<Error> errors;
};

/// @brief Load and validate. On failure the error is the first problem; `problems`, when
/// given, receives all of them (so an admin can fix everything in one pass).
Result<std::shared_ptr<const Config>> load_config(std::string_view json_text,
                                                  ConfigProblems* problems = nullptr);
/// @brief Same, from an already parsed document (a distinct name: a JSON value converts
/// from text too, and the two overloads would be ambiguous).
Result<std::shared_ptr<const Config>> load_config_document(const nlohmann::json& document,
                                                           ConfigProblems* problems = nullptr);

}  // namespace tb
