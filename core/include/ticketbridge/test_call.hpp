#pragma once
/// @file
/// @brief The admin's "Test" of an API call as a small sans-I/O flow, like the escalation:
/// the host starts it, sends each request it asks for and feeds the response back, until
/// the flow hands over its report. The flow sends nothing and reads no clock itself.
///
///   start(now) ──► token request (OAuth2 only) ──receive──► call request ──receive──► report
///                  └─ no token: report with TOKEN_REQUEST_FAILED ─────────────────────┘

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ticketbridge/config.hpp"
#include "ticketbridge/error.hpp"
#include "ticketbridge/http.hpp"
#include "ticketbridge/secret_masking.hpp"

namespace tb {

/// @brief What the host does next: send `request` (`wire` form: holds secrets, never shown)
/// and call receive() with its response, or, when `done`, show `report`.
struct TestCallStep {
  bool done = false;
  HttpRequest request;
  /// JSON text of {token?: {status, error?}, request?: shown request, durationMs?, status?,
  /// response?: {headers, body (parsed when JSON), bodyTruncated?}, outputs?: [...], error?:
  /// {code, message, ...}}, members in that order, with every configured secret and the
  /// access token masked in every string, key and number.
  std::string report;
};

class TestCall {
 public:
  /// @brief Errors: CONFIG_UNKNOWN_API_CALL; PARAMS_* when `params_json` is not JSON.
  static Result<TestCall> create(std::shared_ptr<const Config> config, std::string call_name,
                                 std::string_view params_json);

  /// @brief The first request (the token's or the call's). Errors: TEMPLATE_* when the call
  /// cannot be rendered with these parameters; PROTOCOL_ALREADY_STARTED.
  Result<TestCallStep> start(double now_ms);

  /// @brief The response to the last request. Errors: TEMPLATE_* (the call, rendered once the
  /// token is known), PROTOCOL_NOT_STARTED / PROTOCOL_UNEXPECTED_EVENT when nothing waits for
  /// a response, PROTOCOL_UNKNOWN_REQUEST when it answers another request.
  Result<TestCallStep> receive(const HttpResponse& response, double now_ms);

 private:
  enum class Stage { Idle, Token, Call, Done };
  TestCall(std::shared_ptr<const Config> config, std::string call_name, nlohmann::json params);
  Result<TestCallStep> send_call(double now_ms);
  TestCallStep finish();
  std::string masked(const nlohmann::json& part) const;

  std::shared_ptr<const Config> config_;
  std::string call_name_;
  nlohmann::json params_;
  SecretMasker redact_;
  std::string token_;
  Stage stage_ = Stage::Idle;
  std::string pending_id_;
  double sent_at_ms_ = 0;
  // The report's members as JSON text, in the panel's order; "" = absent. Kept apart rather
  // than in one JSON object, whose members would come out in alphabetical order.
  enum Part { kToken, kRequest, kDuration, kStatus, kResponse, kOutputs, kError, kParts };
  std::string parts_[kParts];
};

/// @brief JSON text of {"request": wire form} while the flow waits, {"report": ...} when done.
std::string test_call_step_json(const TestCallStep& step);

}  // namespace tb
